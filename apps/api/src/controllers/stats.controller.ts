import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, EDITORS } from '../auth/access.decorator';
import { ApiErrors } from '../dto/error.response';
import { StatsQuery } from '../dto/stats.dto';
import { StatsResponse } from '../dto/stats.response';
import { StatsService } from '../stats/stats.service';

@ApiTags('operations')
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** The desk at a glance: backlog, flow per day, time to publish, reviewer load, ratings. */
  @Get()
  @Access(EDITORS)
  @ApiOkResponse({ type: StatsResponse })
  @ApiErrors(400)
  get(@Query() q: StatsQuery): Promise<StatsResponse> {
    return this.stats.get(q.days);
  }
}
