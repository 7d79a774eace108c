import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written inside a request or a job carries: the request id and actor of an HTTP request,
 * or the queue, job id and attempt of a job. Set once where the request or job starts; pino reads it per line.
 */
export interface LogContext {
  reqId?: string;
  actorId?: string;
  queue?: string;
  jobId?: string;
  attempt?: number;
}

export const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `ctx` as the log context of everything it calls, awaits included. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return logContext.run(ctx, fn);
}
