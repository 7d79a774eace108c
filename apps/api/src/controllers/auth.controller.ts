import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@claimdesk/common';
import { SessionsService, SignedIn } from '@claimdesk/users';
import { Access } from '../auth/access.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { clearSessionCookies, setSessionCookies } from '../auth/session-cookies';
import { AcceptInviteDto, LoginDto } from '../dto/auth.dto';
import { SessionResponse } from '../dto/auth.response';
import { ApiErrors, ErrorResponse } from '../dto/error.response';

/** Console sign-in: a server-side session in an httpOnly cookie. Scripts keep using bearer tokens. */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOkResponse({ type: SessionResponse, description: 'signed in; sets the cd_session and cd_csrf cookies' })
  @ApiErrors(400)
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'wrong email or password' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'too many failed sign-ins; Retry-After' })
  async login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return respond(req, reply, await this.sessions.login(dto.email, dto.password, req.ip));
  }

  /** Ends the session at once (its row is deleted) and clears the cookies; with a bearer token it does nothing. */
  @Post('logout')
  @HttpCode(204)
  @Access('authenticated')
  @ApiNoContentResponse({ description: 'signed out' })
  async logout(
    @CurrentUser() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.logout(actor.sessionHash);
    clearSessionCookies(req, reply);
  }

  @Post('accept-invite')
  @HttpCode(200)
  @Access('public')
  @ApiOkResponse({ type: SessionResponse, description: 'password set, invite used up, signed in' })
  @ApiErrors(400)
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'invite invalid, used or expired' })
  async acceptInvite(
    @Body() dto: AcceptInviteDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return respond(req, reply, await this.sessions.acceptInvite(dto.token, dto.password));
  }
}

function respond(req: FastifyRequest, reply: FastifyReply, s: SignedIn): SessionResponse {
  setSessionCookies(req, reply, s);
  void reply.header('cache-control', 'no-store');
  return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
}
