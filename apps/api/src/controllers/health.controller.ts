import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthProbes } from '@claimdesk/observability';
import { Access } from '../auth/access.decorator';
import { HealthResponse, LivenessResponse, ReadinessResponse } from '../dto/health.response';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly probes: HealthProbes) {}

  /** 200 when Postgres and Redis answer, 503 otherwise, with each dependency's state (500 ms per probe). */
  @Get()
  @Access('public')
  @ApiOkResponse({ type: HealthResponse, description: 'Postgres and Redis answer' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'a dependency is down' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponse> {
    const [postgres, redis] = await Promise.all([this.probes.postgres(), this.probes.redis()]);
    const ok = postgres === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', postgres, redis };
  }

  /** Liveness: the process serves requests. Restart it when this fails; never depends on PostgreSQL or Redis. */
  @Get('live')
  @Access('public')
  @ApiOkResponse({ type: LivenessResponse, description: 'the process is serving' })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  /** Readiness: send traffic only when this is 200 (Postgres and Redis answer, no queue lags past the bound). */
  @Get('ready')
  @Access('public')
  @ApiOkResponse({ type: ReadinessResponse, description: 'ready for traffic' })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'a dependency is down or a queue lags' })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<ReadinessResponse> {
    const r = await this.probes.readiness();
    res.status(r.status === 'ok' ? 200 : 503);
    return r;
  }
}
