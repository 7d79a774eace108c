import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { VerdictService } from '@claimdesk/review';
import { CurrentUser } from '../auth/current-user.decorator';
import { RejectDto } from '../dto/claim.dto';
import { UuidPipe } from '../http/uuid.pipe';
import { Access, EDITORS } from '../auth/access.decorator';
import { ApiErrors } from '../dto/error.response';
import { VerdictResponse } from '../dto/verdict.response';

@ApiTags('verdicts')
@Controller('v1/verdicts')
export class VerdictsController {
  constructor(private readonly verdicts: VerdictService) {}

  @Get(':id')
  @Access('authenticated')
  @ApiOkResponse({ type: VerdictResponse })
  @ApiErrors(400, 404)
  get(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<VerdictResponse> {
    return this.verdicts.get(id, actor);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: VerdictResponse })
  @ApiErrors(400, 404, 409)
  approve(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<VerdictResponse> {
    return this.verdicts.approve(id, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Access(EDITORS)
  @ApiOkResponse({ type: VerdictResponse })
  @ApiErrors(400, 404, 409)
  reject(
    @Param('id', UuidPipe) id: string,
    @Body() dto: RejectDto,
    @CurrentUser() actor: Actor,
  ): Promise<VerdictResponse> {
    return this.verdicts.reject(id, actor, dto.comment);
  }
}
