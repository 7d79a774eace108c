import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import { type LogContext, logContext, observeHttp } from '@claimdesk/observability';

declare module 'fastify' {
  interface FastifyRequest {
    logCtx?: LogContext;
  }
}

/**
 * Request logging: every line written while a request runs (its own, a service's, the error filter's) carries its
 * request id and, once authenticated, the actor id (pino's mixin reads them from log-context). The context is
 * entered when the request arrives and again before the handler: parsing a body runs on the socket's events,
 * outside it. One line per request when it ends: method, route template, status, latency; and its metrics.
 * Must be registered before the auth hook, which adds the actor.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  // The request line holds only the fields below (ids, method, route template or a path without its query,
  // status, latency): nothing redaction could catch, and redaction (a deep clone and a walk of every path) was a
  // sixth of the api's logging cost per upload.
  const access = logger.child({}, { redact: { paths: [] } });
  const enter = (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    req.logCtx ??= { reqId: req.id };
    logContext.run(req.logCtx, done);
  };
  fastify.addHook('onRequest', enter);
  fastify.addHook('preHandler', enter);
  fastify.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    const status = reply.statusCode;
    observeHttp(req.method, req.routeOptions.url, status, reply.elapsedTime / 1000);
    const line = {
      reqId: req.id,
      actorId: req.actor?.id,
      method: req.method,
      route: req.routeOptions.url ?? null,
      url: req.routeOptions.url ? undefined : req.url.split('?')[0].slice(0, 200),
      status,
      latencyMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (status >= 500) access.error(line, 'request failed');
    else access.info(line, 'request completed');
  });
}

/** Called by the auth hook once the caller is known. */
export function setLogActor(req: FastifyRequest, actorId: string): void {
  if (req.logCtx) req.logCtx.actorId = actorId;
}
