import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { logContext } from './log-context';

/**
 * Never logged, wherever they appear in a logged object (top level, one or two levels down, request and response
 * headers): credentials and article bodies. pino replaces them with "[redacted]" at serialization.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  '"set-cookie"',
  'token',
  'password',
  'secret',
  'apiKey',
  'body',
  'text',
  'rawBody',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export interface LoggerOptions {
  level: string;
  /** Human-readable output (pino-pretty, a dev dependency); JSON otherwise. */
  pretty?: boolean;
  /** Where lines go; by default stdout through pino's asynchronous buffered destination. */
  destination?: DestinationStream;
}

/**
 * The process's one pino logger: JSON lines with the request or job context of the caller (log-context.ts) and
 * secrets redacted. Lines are buffered (4 KiB) and written asynchronously, as the request log was before; a timer
 * flushes the buffer every second so a quiet process still shows its lines promptly.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => ({ ...logContext.getStore() }),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (opts.destination) return pino(base, opts.destination);
  if (opts.pretty && prettyAvailable()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  const dest = pino.destination({ sync: false, minLength: 4096 });
  const logger = pino(base, dest);
  setInterval(() => dest.flush(), 1000).unref();
  return logger;
}

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Writes what is buffered now (after a start-up line a supervisor waits for, or before exiting). */
export function flushLogger(logger: Logger): void {
  try {
    logger.flush();
  } catch {
    // a transport or a sync destination has nothing to flush
  }
}

/** Nest's Logger (`new Logger('Context')` across the code) writing through pino, with its context as a field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) or (message, context)
    const ctx = context ?? stackOrContext;
    const stack = context ? stackOrContext : undefined;
    this.write('error', message, ctx, stack);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, stack?: string): void {
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}

let shared: Logger | undefined;

/** The process's logger, made once: the api and the worker share it when `npm start` runs both. */
export function processLogger(config: { LOG_LEVEL: string; LOG_PRETTY?: boolean; NODE_ENV: string }): Logger {
  shared ??= createLogger({ level: config.LOG_LEVEL, pretty: wantsPretty(config) });
  return shared;
}

/** Pretty output in development only, unless LOG_PRETTY says otherwise. */
export function wantsPretty(config: { LOG_PRETTY?: boolean; NODE_ENV: string }): boolean {
  return config.LOG_PRETTY ?? config.NODE_ENV === 'development';
}

/**
 * A start-up line a supervisor waits for ("processing queues", "listening"): written at info even when LOG_LEVEL
 * is warn or error (not when silent), and flushed at once.
 */
export function announce(logger: Logger, context: string, message: string): void {
  if (logger.level === 'silent') return;
  logger.child({ context }, { level: 'info' }).info(message);
  flushLogger(logger);
}
