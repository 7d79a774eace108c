import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { ClaimDetailService, ReviewerAdminService } from '@claimdesk/review';
import { UsersService } from '@claimdesk/users';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from '../dto/user.dto';
import { Access, ADMIN, EDITORS, REVIEWERS } from '../auth/access.decorator';

@ApiTags('users')
@Controller('v1')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly detail: ClaimDetailService,
    private readonly reviewers: ReviewerAdminService,
  ) {}

  @Get('me')
  @Access('authenticated')
  me(@CurrentUser() actor: Actor) {
    return this.users.get(actor.id!);
  }

  /** Replaces the caller's token; the old one stops working at once. The new one is shown once. */
  @Post('me/token')
  @HttpCode(200)
  @Access('authenticated')
  rotate(@CurrentUser() actor: Actor) {
    return this.users.rotateToken(actor.id!, actor);
  }

  @Get('me/assignments')
  @Access(REVIEWERS)
  async myAssignments(@CurrentUser() actor: Actor) {
    return { items: await this.detail.myAssignments(actor), nextCursor: null };
  }

  @Post('users')
  @Access(ADMIN)
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: Actor) {
    return this.users.create(dto, actor);
  }

  @Get('users')
  @Access(EDITORS)
  list(@Query() q: ListUsersQuery) {
    return this.users.list(q.limit, q.cursor, q.role);
  }

  @Get('users/:id')
  @Access(EDITORS)
  get(@Param('id', UuidPipe) id: string) {
    return this.users.get(id);
  }

  @Patch('users/:id')
  @Access(ADMIN)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: Actor) {
    return this.reviewers.update(id, dto, actor);
  }

  @Post('users/:id/token/revoke')
  @HttpCode(200)
  @Access(ADMIN)
  revoke(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return this.users.revokeToken(id, actor);
  }

  /** A new token for the user, shown once (after reactivation, or a lost token); any old one stops working. */
  @Post('users/:id/token')
  @HttpCode(200)
  @Access(ADMIN)
  issue(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor) {
    return this.users.issueToken(id, actor);
  }
}
