import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { ClaimDetailService, ReviewerAdminService } from '@claimdesk/review';
import { SessionsService, UsersService } from '@claimdesk/users';
import { CurrentUser } from '../auth/current-user.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from '../dto/user.dto';
import { Access, ADMIN, EDITORS, REVIEWERS } from '../auth/access.decorator';
import { MyAssignmentListResponse } from '../dto/claim.response';
import { ApiErrors } from '../dto/error.response';
import { InviteResponse } from '../dto/auth.response';
import { CreatedUserResponse, TokenResponse, UserPageResponse, UserResponse } from '../dto/user.response';

@ApiTags('users')
@Controller('v1')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly detail: ClaimDetailService,
    private readonly reviewers: ReviewerAdminService,
    private readonly sessions: SessionsService,
  ) {}

  @Get('me')
  @Access('authenticated')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() actor: Actor): Promise<UserResponse> {
    return this.users.get(actor.id!);
  }

  /** Replaces the caller's token; the old one stops working at once. The new one is shown once. */
  @Post('me/token')
  @HttpCode(200)
  @Access('authenticated')
  @ApiOkResponse({ type: TokenResponse })
  rotate(@CurrentUser() actor: Actor): Promise<TokenResponse> {
    return this.users.rotateToken(actor.id!, actor);
  }

  @Get('me/assignments')
  @Access(REVIEWERS)
  @ApiOkResponse({ type: MyAssignmentListResponse })
  async myAssignments(@CurrentUser() actor: Actor): Promise<MyAssignmentListResponse> {
    return { items: await this.detail.myAssignments(actor), nextCursor: null };
  }

  @Post('users')
  @Access(ADMIN)
  @ApiCreatedResponse({ type: CreatedUserResponse, description: 'the user, with their token shown once' })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: Actor): Promise<CreatedUserResponse> {
    return this.users.create(dto, actor);
  }

  @Get('users')
  @Access(EDITORS)
  @ApiOkResponse({ type: UserPageResponse })
  @ApiErrors(400)
  list(@Query() q: ListUsersQuery): Promise<UserPageResponse> {
    return this.users.list(q.limit, q.cursor, q.role);
  }

  @Get('users/:id')
  @Access(EDITORS)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch('users/:id')
  @Access(ADMIN)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: Actor,
  ): Promise<UserResponse> {
    return this.reviewers.update(id, dto, actor);
  }

  @Post('users/:id/token/revoke')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404)
  revoke(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<UserResponse> {
    return this.users.revokeToken(id, actor);
  }

  /** A new token for the user, shown once (after reactivation, or a lost token); any old one stops working. */
  @Post('users/:id/token')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: TokenResponse })
  @ApiErrors(400, 404)
  issue(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<TokenResponse> {
    return this.users.issueToken(id, actor);
  }

  /** A one-time invite link (the user sets a password and is signed in); any earlier invite stops working. */
  @Post('users/:id/invite')
  @Access(ADMIN)
  @ApiCreatedResponse({ type: InviteResponse })
  @ApiErrors(400, 404, 409)
  async invite(@Param('id', UuidPipe) id: string, @CurrentUser() actor: Actor): Promise<InviteResponse> {
    const { token, expiresAt } = await this.sessions.invite(id, actor);
    return { token, path: `/accept-invite#token=${token}`, expiresAt: expiresAt.toISOString() };
  }
}
