import { QUEUE_BOARD_PATH, registerQueueBoard } from './http/queue-board';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@claimdesk/config';
import { networkAllowList, PinoNestLogger, processLogger } from '@claimdesk/observability';
import { SessionsService, UsersService } from '@claimdesk/users';
import { ApiModule } from './api.module';
import { registerAuthHook } from './auth/auth.hook';
import { AuthFailureLimiter, registerRateLimits } from './http/abuse-limits';
import { registerBodyParsers, registerForbiddenKeysCheck } from './http/body-parsers';
import { registerRequestLogging } from './http/request-logging';
import { registerSecurityHeaders } from './http/security-headers';
import { errorBody } from './http/error-body';
import { validationPipe } from './http/validation';
import { buildOpenApiDocument } from './openapi';
import { registerEtags, registerWebConsole, webRoot } from './http/web-console';

/** How long a rate-limit check may wait for Redis before the request goes on without it. */
const LIMITS_COMMAND_TIMEOUT_MS = 250;

const ROUTES = new WeakMap<NestFastifyApplication, string[]>();

/** Every route the app serves, as "METHOD /path" (the role table must name each one). */
export function registeredRoutes(app: NestFastifyApplication): string[] {
  return [...(ROUTES.get(app) ?? [])];
}

/**
 * Builds the HTTP application exactly as production runs it; the e2e tests use this too.
 * Fastify errors raised before a route runs (body too large, bad JSON, unsupported type) get
 * the same error shape as everything else.
 */
export async function createHttpApp(
  config: AppConfig = loadConfig(),
  opts: { logger?: Logger } = {},
): Promise<NestFastifyApplication> {
  const logger = opts.logger ?? processLogger(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Bounded requests: a client may not hold a request open (headers, then a body sent slowly) past these.
    // Node checks the header and request timeouts every connectionsCheckingInterval, so that is kept short.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeout: config.HTTP_CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    },
    // One pino logger for the process (libs/observability): JSON lines through an asynchronous buffered
    // destination (writing each line synchronously cost a fifth of the api's CPU under load), secrets redacted,
    // the request id and actor on every line from the log context (request-logging.ts) rather than a child
    // logger per request. Fastify's own two lines per request are replaced by one when it ends.
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (parent: FastifyBaseLogger) => parent,
    // Request ids are always ours: a client-chosen id could forge or collide with log lines.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    trustProxy: trustProxy(config.TRUST_PROXY),
    // URLs the router cannot use (bad percent-encoding, over-long ids) are refused before routing,
    // so before authentication: with the same error shape as everything else.
    frameworkErrors: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const status = err.statusCode === 414 ? 414 : 400;
      void reply
        .status(status)
        .send(errorBody(status, `malformed URL: ${err.message}`, [{ field: 'url', message: err.message }], req.id));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bodyParser: false, // ours (body-parsers.ts) check UTF-8, nesting and NUL before parsing
    logger: new PinoNestLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const routes: string[] = [];
  ROUTES.set(app, routes);
  fastify.addHook('onRoute', (r) => {
    for (const m of [r.method].flat())
      if (
        m !== 'HEAD' &&
        !r.url.startsWith('/docs') &&
        !r.url.startsWith(QUEUE_BOARD_PATH) &&
        !(r.config as { web?: boolean } | undefined)?.web
      )
        routes.push(`${m} ${r.url}`);
  });

  registerRequestLogging(fastify, logger);
  registerSecurityHeaders(fastify);
  fastify.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  // Errors Fastify raises itself (bad JSON, 413, 415, 429) reach AllExceptionsFilter through Nest's own
  // Fastify error handler, so every error has one shape.
  registerBodyParsers(fastify);

  // Every command is bounded: a hung Redis (not just a refused one) must not hold requests; the limits then skip.
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: LIMITS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    // The limit checks of requests that arrive together go to Redis in one write, not one each.
    enableAutoPipelining: true,
  });
  redis.on('error', () => undefined); // reported by /health; the limits skip while Redis is away
  await readyOrTimeout(redis, 2000);
  fastify.addHook('onClose', async () => {
    redis.disconnect();
  });
  // Order: authentication (onRequest), then rate limits (preParsing, keyed by the user), then the body.
  registerAuthHook(
    fastify,
    app.get(UsersService),
    app.get(SessionsService),
    new AuthFailureLimiter(redis, config),
    networkAllowList(config.METRICS_ALLOW_CIDRS),
  );
  await registerRateLimits(app, config, redis);
  registerForbiddenKeysCheck(fastify);
  registerEtags(fastify);
  await registerQueueBoard(app);
  await registerWebConsole(adapter, config.WEB_ROOT || webRoot());
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()) });
  app.useGlobalPipes(validationPipe());

  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/json' });
  return app;
}

/** TRUST_PROXY: empty (no proxy), `true`, a hop count, or addresses/CIDRs of the proxies, comma-separated. */
function trustProxy(setting: string): boolean | number | string[] {
  if (!setting || setting === 'false') return false;
  if (setting === 'true') return true;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting.split(',').map((s) => s.trim());
}

/** Waits for Redis briefly so limits apply from the first request; the API starts anyway if Redis is away. */
async function readyOrTimeout(redis: Redis, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((ok) => redis.once('ready', ok)), new Promise((ok) => (timer = setTimeout(ok, ms)))]);
  clearTimeout(timer);
}
