import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainError,
  DomainErrorCode,
  RateLimitedError,
  ErrorDetail,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
} from '@claimdesk/common';
import { errorBody } from './error-body';
import { ValidationFailed } from './validation';

/** What body-parsers.ts parses (text/plain: a raw article upload). */
const ACCEPTED_CONTENT_TYPES = ['application/json', 'text/plain'];

const STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/**
 * Maps every error to API.md's shape. PostgreSQL unreachable is 503 with Retry-After; unknown errors are
 * logged and answered 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly log = new Logger('Http');
  private lastOutageLog = 0;

  catch(err: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toResponse(err, req.id);
    if (status === 503) {
      // An outage is logged once a second at most, not once per request (every request fails alike).
      const now = Date.now();
      if (now - this.lastOutageLog > 1000)
        this.log.warn(`PostgreSQL unavailable (${(err as Error)?.message}); answering 503`);
      this.lastOutageLog = now;
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (err instanceof RateLimitedError) {
      void reply.header('retry-after', String(err.retryAfterSeconds));
    } else if (status >= 500) {
      this.log.error(`${req.method} ${req.url} reqId=${req.id}: ${(err as Error)?.stack ?? String(err)}`);
    }
    void reply.status(status).send(body);
  }
}

export function toResponse(err: unknown, requestId?: string) {
  if (err instanceof ValidationFailed)
    return { status: 400, body: errorBody(400, err.message, err.details, requestId) };
  if (err instanceof DomainError) {
    const status = STATUS[err.code];
    return { status, body: errorBody(status, err.message, err.details, requestId) };
  }
  // Fastify says only "Unsupported Media Type": name what the API accepts.
  if (
    (err as { statusCode?: number })?.statusCode === 415 ||
    (err instanceof HttpException && err.getStatus() === 415)
  ) {
    const accepted = ACCEPTED_CONTENT_TYPES.join(', ');
    const detail = { field: 'content-type', message: `must be one of ${accepted}` };
    return {
      status: 415,
      body: errorBody(415, `unsupported content type; accepted: ${accepted}`, [detail], requestId),
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : (res as { message?: unknown }).message;
    const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : err.message;
    return { status, body: errorBody(status, text, [], requestId) };
  }
  // Errors Fastify raises before a handler runs (bad JSON, 413, 415, rate limits) carry a 4xx statusCode.
  const fst = err as { statusCode?: number; message?: string; details?: ErrorDetail[] };
  if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
    return {
      status: fst.statusCode,
      body: errorBody(fst.statusCode, String(fst.message), fst.details ?? [], requestId),
    };
  }
  const pg = err as { code?: string; message?: string };
  // Postgres refusing bad input that slipped past validation is still the client's fault.
  if (['22P02', '22P05', '22021', '22001', '22003', '22007', '22008', '54000'].includes(pg?.code ?? '')) {
    return { status: 400, body: errorBody(400, 'invalid value in request', [], requestId) };
  }
  if (pg?.code === '23505')
    return { status: 409, body: errorBody(409, 'duplicate: the resource exists', [], requestId) };
  if (pg?.code === '40P01' || pg?.code === '40001') {
    return { status: 409, body: errorBody(409, 'concurrent update; retry the request', [], requestId) };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      body: errorBody(503, `database unavailable; retry in ${RETRY_AFTER_SECONDS} s`, [], requestId),
    };
  }
  return { status: 500, body: errorBody(500, 'internal error', [], requestId) };
}
