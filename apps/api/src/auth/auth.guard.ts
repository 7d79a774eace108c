import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UsersService } from '@claimdesk/users';
import { ROUTE_ACCESS, routeKey } from './route-roles';

const BEARER = /^Bearer\s+([A-Za-z0-9_\-.~+/]{1,200}=*)\s*$/;

/** Authentication (401) then role (403), for every route, from ROUTE_ACCESS. Deny by default. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger('Auth');

  constructor(private readonly users: UsersService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: unknown }>();
    const key = routeKey(req.method, req.routeOptions.url ?? req.url);
    const access = ROUTE_ACCESS[key];
    if (access === undefined) {
      this.log.error(`route ${key} has no entry in ROUTE_ACCESS; denying`);
      throw new ForbiddenException('this route has no access rule');
    }
    if (access === 'public') return true;

    const match = BEARER.exec(req.headers.authorization ?? '');
    const user = match ? await this.users.authenticate(match[1]) : null;
    if (!user) {
      // Never log the token itself: the reason and the client are enough to investigate.
      this.log.warn(`authentication failed: ${match ? 'unknown or revoked token' : 'no bearer token'} ${key} ip=${req.ip} reqId=${req.id}`);
      throw new UnauthorizedException(match ? 'invalid or revoked token' : 'missing bearer token');
    }
    req.actor = { id: user.id, role: user.role };
    if (access !== 'authenticated' && !access.includes(user.role)) {
      throw new ForbiddenException(`role ${user.role} may not call ${key}`);
    }
    return true;
  }
}
