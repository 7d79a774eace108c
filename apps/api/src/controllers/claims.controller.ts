import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiBody } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClaimsService } from '@claimdesk/claims';
import type { Actor } from '@claimdesk/common';
import { AssignmentService, ClaimDetailService, VerdictService } from '@claimdesk/review';
import { CurrentUser } from '../auth/current-user.decorator';
import { AssignDto, DismissDto, ListClaimsQuery, UnassignDto, VerdictDto, VersionDto } from '../dto/claim.dto';
import { OptionalBody } from '../http/optional-body.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { Access, EDITORS, REVIEWER_ONLY } from '../auth/access.decorator';
import {
  AssignmentListResponse,
  ClaimDetailResponse,
  ClaimMatchListResponse,
  ClaimMatchResponse,
  ClaimEventListResponse,
  ClaimPageResponse,
  ClaimResponse,
  ClaimReviewResponse,
} from '../dto/claim.response';
import { ApiErrors } from '../dto/error.response';
import { VerdictListResponse, VerdictResponse } from '../dto/verdict.response';

@ApiTags('claims')
@Controller('v1/claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly detail: ClaimDetailService,
    private readonly assignments: AssignmentService,
    private readonly verdicts: VerdictService,
  ) {}

  @Get()
  @Access('authenticated')
  @ApiOkResponse({ type: ClaimPageResponse })
  @ApiErrors(400)
  list(@Query() q: ListClaimsQuery, @CurrentUser() actor: Actor): Promise<ClaimPageResponse> {
    const { limit, cursor, ...filter } = q;
    return this.claims.list(filter, limit, cursor, actor);
  }

  /** The caller's best assigned claim, or a queued one taken on the spot; 204 when there is nothing. */
  @Post('next')
  @Access(REVIEWER_ONLY)
  @ApiOkResponse({ type: ClaimResponse, description: 'the claim to work on' })
  @ApiNoContentResponse({ description: 'nothing to work on' })
  async next(
    @CurrentUser() actor: Actor,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ClaimResponse | undefined> {
    const claim = await this.assignments.next(actor);
    if (!claim) res.status(204);
    else res.status(200);
    return claim ?? undefined;
  }

  @Get(':id')
  @Access('authenticated')
  @ApiOkResponse({ type: ClaimDetailResponse })
  @ApiErrors(400, 404)
  get(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<ClaimDetailResponse> {
    return this.detail.get(id, actor);
  }

  @Get(':id/matches')
  @Access('authenticated')
  @ApiOkResponse({ type: ClaimMatchListResponse })
  @ApiErrors(400, 404)
  async matches(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<ClaimMatchListResponse> {
    return { items: await this.claims.matchesOf(id, actor), nextCursor: null };
  }

  @Post(':id/matches/:otherId/confirm')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: ClaimMatchResponse, description: 'the later claim is now a duplicate of the earlier' })
  @ApiErrors(400, 404, 409)
  confirmMatch(
    @Param('id', UuidPipe) id: string,
    @Param('otherId', UuidPipe) otherId: string,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimMatchResponse> {
    return this.claims.decideMatch(id, otherId, 'confirm', actor);
  }

  @Post(':id/matches/:otherId/reject')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: ClaimMatchResponse })
  @ApiErrors(400, 404, 409)
  rejectMatch(
    @Param('id', UuidPipe) id: string,
    @Param('otherId', UuidPipe) otherId: string,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimMatchResponse> {
    return this.claims.decideMatch(id, otherId, 'reject', actor);
  }

  @Get(':id/events')
  @Access('authenticated')
  @ApiOkResponse({ type: ClaimEventListResponse })
  @ApiErrors(400, 404)
  async events(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<ClaimEventListResponse> {
    return { items: await this.claims.events(id, actor), nextCursor: null };
  }

  @Get(':id/assignments')
  @Access('authenticated')
  @ApiOkResponse({ type: AssignmentListResponse })
  @ApiErrors(400, 404)
  async assignmentHistory(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<AssignmentListResponse> {
    return { items: await this.detail.assignmentHistory(id, actor), nextCursor: null };
  }

  @Get(':id/verdicts')
  @Access('authenticated')
  @ApiOkResponse({ type: VerdictListResponse })
  @ApiErrors(400, 404)
  async verdictList(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<VerdictListResponse> {
    return { items: await this.verdicts.listForClaim(id, actor), nextCursor: null };
  }

  @Get(':id/claimreview')
  @Access('authenticated')
  @ApiOkResponse({ type: ClaimReviewResponse, description: 'schema.org ClaimReview of the published verdict' })
  @ApiErrors(400, 404, 409)
  claimReview(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<ClaimReviewResponse> {
    return this.detail.claimReview(id, actor);
  }

  @Post(':id/queue')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiErrors(400, 404, 409)
  @ApiBody({ type: VersionDto, required: false, description: 'optional; a stale version answers 409' })
  queue(
    @Param('id', UuidPipe) id: string,
    @OptionalBody() dto: VersionDto,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.claims.queue(id, actor, dto.version);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiErrors(400, 404, 409)
  dismiss(
    @Param('id', UuidPipe) id: string,
    @Body() dto: DismissDto,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.claims.dismiss(id, actor, dto.reason, dto.version);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiErrors(400, 404, 409)
  assign(
    @Param('id', UuidPipe) id: string,
    @Body() dto: AssignDto,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.assignments.assign(id, dto.reviewerId, actor, dto.reason, dto.version);
  }

  @Post(':id/unassign')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiErrors(400, 404, 409)
  @ApiBody({ type: UnassignDto, required: false, description: 'optional; a stale version answers 409' })
  unassign(
    @Param('id', UuidPipe) id: string,
    @OptionalBody() dto: UnassignDto,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.assignments.unassign(id, actor, dto.reason, dto.version);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Access(REVIEWER_ONLY)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiErrors(400, 404, 409)
  @ApiBody({ type: VersionDto, required: false, description: 'optional; a stale version answers 409' })
  start(
    @Param('id', UuidPipe) id: string,
    @OptionalBody() dto: VersionDto,
    @CurrentUser() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.verdicts.start(id, actor, dto.version);
  }

  @Post(':id/verdicts')
  @Access(REVIEWER_ONLY)
  @ApiCreatedResponse({ type: VerdictResponse })
  @ApiErrors(400, 404, 409)
  submit(
    @Param('id', UuidPipe) id: string,
    @Body() dto: VerdictDto,
    @CurrentUser() actor: Actor,
  ): Promise<VerdictResponse> {
    const { version, ...verdict } = dto;
    return this.verdicts.submit(id, actor, verdict, version);
  }

  /** A correction of a published verdict: a new version that goes through approval again. */
  @Post(':id/corrections')
  @Access(EDITORS)
  @ApiCreatedResponse({ type: VerdictResponse })
  @ApiErrors(400, 404, 409)
  correct(
    @Param('id', UuidPipe) id: string,
    @Body() dto: VerdictDto,
    @CurrentUser() actor: Actor,
  ): Promise<VerdictResponse> {
    const { version, ...verdict } = dto;
    return this.verdicts.correct(id, actor, verdict, version);
  }
}
