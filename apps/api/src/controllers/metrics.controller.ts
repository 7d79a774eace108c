import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { metricsText, registry } from '@claimdesk/observability';
import { Access } from '../auth/access.decorator';

/** Prometheus scrape endpoint: from METRICS_ALLOW_CIDRS without a token, otherwise with an admin token. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Access('monitoring')
  @Header('content-type', registry.contentType)
  @Header('cache-control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  metrics(): Promise<string> {
    return metricsText();
  }
}
