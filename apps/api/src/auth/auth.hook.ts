import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@claimdesk/common';
import { csrfTokenFor, SessionsService, UsersService } from '@claimdesk/users';
import { AuthFailureLimiter } from '../http/abuse-limits';
import { errorBody } from '../http/error-body';
import { setLogActor } from '../http/request-logging';
import { QUEUE_BOARD_PATH } from '../http/queue-board';
import { ROUTE_ACCESS, routeKey } from './route-roles';

const ADMIN_ONLY = ['admin'] as const;
import { csrfProblem, readCookies, SESSION_COOKIE } from './session-cookies';

const BEARER = /^Bearer\s+([A-Za-z0-9_\-.~+/]{1,200}=*)\s*$/;
const log = new Logger('Auth');

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/**
 * Authentication (401) then role (403) for every route, from ROUTE_ACCESS, deny by default. A bearer token
 * (scripts) or else the console's session cookie authenticates; a cookie-authenticated state change must pass
 * the CSRF check (X-CSRF-Token, same Origin) or gets 403. The console's own files (routes marked `web`) are public.
 * It runs as a Fastify onRequest hook, before the body is read: API.md's order (401, 403, then 400)
 * holds for malformed and oversized bodies too, and an unauthenticated caller never makes the
 * server parse a body.
 */
export function registerAuthHook(
  fastify: FastifyInstance,
  users: UsersService,
  sessions: SessionsService,
  failures: AuthFailureLimiter,
  monitoringNetwork: (ip: string) => boolean,
): void {
  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.routeOptions.url;
    if (!url || url.startsWith('/docs')) return; // unknown routes answer 404; the OpenAPI document is public
    if ((req.routeOptions.config as { web?: boolean }).web) return; // the console's files
    const key = routeKey(req.method === 'HEAD' ? 'GET' : req.method, url);
    // bull-board's routes are Fastify's, not Nest's: the whole board is for admins (queue-board.ts).
    let access = url.startsWith(`${QUEUE_BOARD_PATH}/`) || url === QUEUE_BOARD_PATH ? ADMIN_ONLY : ROUTE_ACCESS[key];
    if (access === 'monitoring') {
      if (monitoringNetwork(req.ip)) return; // the scraper's network: no token
      access = ['admin'];
    }
    if (access === undefined) {
      log.error(`route ${key} has no entry in ROUTE_ACCESS; denying`);
      return reply.status(403).send(errorBody(403, 'this route has no access rule', [], req.id));
    }
    if (access === 'public') return;

    const match = BEARER.exec(req.headers.authorization ?? '');
    const cookie = match ? undefined : readCookies(req.headers.cookie)[SESSION_COOKIE];
    const user = match
      ? await users.authenticate(match[1])
      : cookie && cookie.length <= 200
        ? await sessions.authenticate(cookie)
        : null;
    if (!user) {
      // Never log the token itself: the reason and the client are enough to investigate.
      log.warn(
        `authentication failed: ${match ? 'unknown or revoked token' : cookie ? 'unknown or expired session' : 'no bearer token'} ${key} ip=${req.ip} reqId=${req.id}`,
      );
      const wait = await failures.record(req.ip);
      if (wait !== null) {
        return reply
          .status(429)
          .header('retry-after', String(wait))
          .send(errorBody(429, `too many failed authentications from this address; retry in ${wait} s`, [], req.id));
      }
      const message = match
        ? 'invalid or revoked token'
        : cookie
          ? 'the session has ended; sign in again'
          : 'missing bearer token or session';
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send(errorBody(401, message, [], req.id));
    }
    if ('sessionHash' in user) {
      const refused = csrfProblem(req, csrfTokenFor(cookie!));
      if (refused) return reply.status(403).send(errorBody(403, `CSRF check failed: ${refused}`, [], req.id));
      req.actor = { id: user.id, role: user.role, sessionHash: user.sessionHash };
    } else req.actor = { id: user.id, role: user.role, tokenHash: user.tokenHash };
    setLogActor(req, user.id);
    if (access !== 'authenticated' && !access.includes(user.role)) {
      return reply.status(403).send(errorBody(403, `role ${user.role} may not call ${key}`, [], req.id));
    }
  });
}
