import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { VerdictService } from '@claimdesk/review';
import { CurrentUser } from '../auth/current-user.decorator';
import { RejectDto } from '../dto/claim.dto';
import { UuidPipe } from '../http/uuid.pipe';

@ApiTags('verdicts')
@ApiBearerAuth()
@Controller('v1/verdicts')
export class VerdictsController {
  constructor(private readonly verdicts: VerdictService) {}

  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return this.verdicts.get(id, actor);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return this.verdicts.approve(id, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@Param('id', UuidPipe) id: string, @Body() dto: RejectDto, @CurrentUser() actor: Actor) {
    return this.verdicts.reject(id, actor, dto.comment);
  }
}
