import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClaimsService } from '@claimdesk/claims';
import type { Actor } from '@claimdesk/common';
import { AssignmentService, ClaimDetailService, VerdictService } from '@claimdesk/review';
import { CurrentUser } from '../auth/current-user.decorator';
import { AssignDto, DismissDto, ListClaimsQuery, UnassignDto, VerdictDto, VersionDto } from '../dto/claim.dto';
import { OptionalBody } from '../http/optional-body.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { Access, EDITORS, REVIEWER_ONLY } from '../auth/access.decorator';

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
  list(@Query() q: ListClaimsQuery, @CurrentUser() actor: Actor) {
    const { limit, cursor, ...filter } = q;
    return this.claims.list(filter, limit, cursor, actor);
  }

  /** The caller's best assigned claim, or a queued one taken on the spot; 204 when there is nothing. */
  @Post('next')
  @Access(REVIEWER_ONLY)
  async next(@CurrentUser() actor: Actor, @Res({ passthrough: true }) res: FastifyReply) {
    const claim = await this.assignments.next(actor);
    if (!claim) res.status(204);
    else res.status(200);
    return claim ?? undefined;
  }

  @Get(':id')
  @Access('authenticated')
  get(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return this.detail.get(id, actor);
  }

  @Get(':id/events')
  @Access('authenticated')
  async events(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return { items: await this.claims.events(id, actor), nextCursor: null };
  }

  @Get(':id/assignments')
  @Access('authenticated')
  async assignmentHistory(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return { items: await this.detail.assignmentHistory(id, actor), nextCursor: null };
  }

  @Get(':id/verdicts')
  @Access('authenticated')
  async verdictList(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return { items: await this.verdicts.listForClaim(id, actor), nextCursor: null };
  }

  @Get(':id/claimreview')
  @Access('authenticated')
  claimReview(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return this.detail.claimReview(id, actor);
  }

  @Post(':id/queue')
  @HttpCode(200)
  @Access(EDITORS)
  queue(@Param('id', UuidPipe) id: string, @OptionalBody() dto: VersionDto, @CurrentUser() actor: Actor) {
    return this.claims.queue(id, actor, dto.version);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Access(EDITORS)
  dismiss(@Param('id', UuidPipe) id: string, @Body() dto: DismissDto, @CurrentUser() actor: Actor) {
    return this.claims.dismiss(id, actor, dto.reason, dto.version);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Access(EDITORS)
  assign(@Param('id', UuidPipe) id: string, @Body() dto: AssignDto, @CurrentUser() actor: Actor) {
    return this.assignments.assign(id, dto.reviewerId, actor, dto.reason, dto.version);
  }

  @Post(':id/unassign')
  @HttpCode(200)
  @Access(EDITORS)
  unassign(@Param('id', UuidPipe) id: string, @OptionalBody() dto: UnassignDto, @CurrentUser() actor: Actor) {
    return this.assignments.unassign(id, actor, dto.reason, dto.version);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Access(REVIEWER_ONLY)
  start(@Param('id', UuidPipe) id: string, @OptionalBody() dto: VersionDto, @CurrentUser() actor: Actor) {
    return this.verdicts.start(id, actor, dto.version);
  }

  @Post(':id/verdicts')
  @Access(REVIEWER_ONLY)
  submit(@Param('id', UuidPipe) id: string, @Body() dto: VerdictDto, @CurrentUser() actor: Actor) {
    const { version, ...verdict } = dto;
    return this.verdicts.submit(id, actor, verdict, version);
  }

  /** A correction of a published verdict: a new version that goes through approval again. */
  @Post(':id/corrections')
  @Access(EDITORS)
  correct(@Param('id', UuidPipe) id: string, @Body() dto: VerdictDto, @CurrentUser() actor: Actor) {
    const { version, ...verdict } = dto;
    return this.verdicts.correct(id, actor, verdict, version);
  }
}
