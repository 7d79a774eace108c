import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { SourcesService } from '@claimdesk/sources';
import { Access, EDITORS } from '../auth/access.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQuery } from '../dto/page.dto';
import { CreateSourceDto } from '../dto/source.dto';
import {
  SourceEventsResponse,
  SourceFetchPageResponse,
  SourcePageResponse,
  SourceResponse,
} from '../dto/source.response';
import { ApiErrors } from '../dto/error.response';
import { UuidPipe } from '../http/uuid.pipe';

@ApiTags('sources')
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a feed (RSS, Atom) to poll',
    description:
      'The worker polls it every `intervalSeconds` with a conditional GET (ETag, Last-Modified), ingests each new ' +
      'item once (by guid, and by canonical URL through article dedup) and records each fetch. The same URL again: 409.',
  })
  @Access(EDITORS)
  @ApiCreatedResponse({ type: SourceResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateSourceDto, @CurrentUser() actor: Actor): Promise<SourceResponse> {
    return this.sources.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List feed sources, newest first, with their health' })
  @Access(EDITORS)
  @ApiOkResponse({ type: SourcePageResponse })
  @ApiErrors(400)
  list(@Query() q: PageQuery): Promise<SourcePageResponse> {
    return this.sources.list(q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One source and its health (last fetch, last error, items seen, articles created)' })
  @Access(EDITORS)
  @ApiOkResponse({ type: SourceResponse })
  @ApiErrors(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<SourceResponse> {
    return this.sources.get(id);
  }

  @Get(':id/fetches')
  @ApiOperation({ summary: "The source's fetches, newest first" })
  @Access(EDITORS)
  @ApiOkResponse({ type: SourceFetchPageResponse })
  @ApiErrors(400, 404)
  fetches(@Param('id', UuidPipe) id: string, @Query() q: PageQuery): Promise<SourceFetchPageResponse> {
    return this.sources.fetches(id, q.limit, q.cursor);
  }

  @Get(':id/events')
  @ApiOperation({ summary: "The source's audit trail (created, paused, resumed, flagged), oldest first" })
  @Access(EDITORS)
  @ApiOkResponse({ type: SourceEventsResponse })
  @ApiErrors(400)
  async events(@Param('id', UuidPipe) id: string): Promise<SourceEventsResponse> {
    return { items: await this.sources.events(id), nextCursor: null };
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop polling (audited); 409 when paused already' })
  @Access(EDITORS)
  @ApiOkResponse({ type: SourceResponse })
  @ApiErrors(400, 404, 409)
  pause(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<SourceResponse> {
    return this.sources.pause(id, actor);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Poll again at once, back-off and flag cleared (audited); 409 when active' })
  @Access(EDITORS)
  @ApiOkResponse({ type: SourceResponse })
  @ApiErrors(400, 404, 409)
  resume(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<SourceResponse> {
    return this.sources.resume(id, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the source (audited); its articles stay' })
  @Access(EDITORS)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404)
  async remove(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<void> {
    await this.sources.remove(id, actor);
  }
}
