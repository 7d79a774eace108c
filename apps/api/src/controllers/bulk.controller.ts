import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClaimsService } from '@claimdesk/claims';
import type { Actor } from '@claimdesk/common';
import { AssignmentService } from '@claimdesk/review';
import { CurrentUser } from '../auth/current-user.decorator';
import { BulkAssignDto, BulkDismissDto, BulkIdsDto } from '../dto/claim.dto';
import { Access, EDITORS } from '../auth/access.decorator';
import { BulkResponse } from '../dto/claim.response';
import { ApiErrors } from '../dto/error.response';

/** Bulk triage: each claim succeeds or fails on its own; the answer lists every outcome. */
@ApiTags('claims')
@Controller('v1/claims/bulk')
export class BulkController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly assignments: AssignmentService,
  ) {}

  @Post('queue')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: BulkResponse })
  @ApiErrors(400)
  async queue(@Body() dto: BulkIdsDto, @CurrentUser() actor: Actor): Promise<BulkResponse> {
    return { items: await this.claims.bulk(dto.ids, 'queue', actor) };
  }

  @Post('dismiss')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: BulkResponse })
  @ApiErrors(400)
  async dismiss(@Body() dto: BulkDismissDto, @CurrentUser() actor: Actor): Promise<BulkResponse> {
    return { items: await this.claims.bulk(dto.ids, 'dismiss', actor, dto.reason) };
  }

  @Post('assign')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: BulkResponse })
  @ApiErrors(400)
  async assign(@Body() dto: BulkAssignDto, @CurrentUser() actor: Actor): Promise<BulkResponse> {
    return { items: await this.assignments.bulkAssign(dto.ids, dto.reviewerId, actor, dto.reason) };
  }
}
