import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { QUEUES } from '@claimdesk/queue';
import { Access } from '../auth/access.decorator';
import { HealthResponse } from '../dto/health.response';

/** Each dependency gets this long, in parallel: /health answers within a second even with Redis hung. */
const PROBE_TIMEOUT_MS = 500;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.extraction) private readonly queue: Queue,
  ) {}

  /** 200 when Postgres and Redis answer, 503 otherwise, with each dependency's state. */
  @Get()
  @Access('public')
  @ApiOkResponse({ type: HealthResponse, description: 'Postgres and Redis answer' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'a dependency is down' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponse> {
    const [postgres, redis] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(async () => ((await this.queue.client) as unknown as { ping(): Promise<string> }).ping()),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', postgres, redis };
  }
}

async function probe(fn: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS))),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
