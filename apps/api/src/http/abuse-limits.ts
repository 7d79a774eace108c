import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { AppConfig } from '@claimdesk/config';
import { errorBody } from './error-body';

const WINDOW_MS = 60_000;

function isIngest(req: FastifyRequest): boolean {
  return req.method === 'POST' && req.routeOptions.url === '/v1/articles';
}

/** Per token when one is sent (hashed: keys never hold a secret), per IP otherwise; ingestion has its own bucket. */
function clientKey(req: FastifyRequest): string {
  const auth = req.headers.authorization;
  const who = auth ? `t:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
  return isIngest(req) ? `${who}|ingest` : who;
}

/**
 * Abuse limits kept in Redis, so they hold across any number of api instances:
 * - requests per minute per token (or IP), stricter on ingestion;
 * - failed authentications per minute per IP: past the limit, every request from that IP gets 429
 *   until the window ends, which stops token guessing with random tokens.
 * If Redis is unreachable the limits are skipped rather than taking the API down.
 */
export async function registerAbuseLimits(app: NestFastifyApplication, config: AppConfig, redis: Redis): Promise<void> {
  await app.register(rateLimit as never, {
    global: true,
    redis,
    nameSpace: `${config.QUEUE_PREFIX}:rl:`,
    skipOnError: true,
    timeWindow: WINDOW_MS,
    keyGenerator: clientKey,
    max: (_req: FastifyRequest, key: string) =>
      key.endsWith('|ingest') ? config.RATE_LIMIT_INGEST_PER_MINUTE : config.RATE_LIMIT_PER_MINUTE,
    errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) => ({
      statusCode: 429,
      message: `rate limit exceeded, retry in ${ctx.after}`,
    }),
  });

  const fastify = app.getHttpAdapter().getInstance();
  const failKey = (ip: string) => `${config.QUEUE_PREFIX}:authfail:${ip}`;

  fastify.addHook('onRequest', async (req, reply) => {
    let failures = 0;
    let ttl = 0;
    try {
      const [[, n], [, t]] = (await redis.multi().get(failKey(req.ip)).pttl(failKey(req.ip)).exec()) as [unknown, unknown][];
      failures = Number(n ?? 0);
      ttl = Number(t);
    } catch {
      return; // Redis unreachable: do not block on it
    }
    if (failures < config.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE) return;
    const seconds = Math.max(1, Math.ceil(ttl / 1000));
    return reply
      .status(429)
      .header('retry-after', String(seconds))
      .send(errorBody(429, `too many failed authentications from this address; retry in ${seconds} s`, [], req.id));
  });

  fastify.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode !== 401) return;
    try {
      await redis.multi().incr(failKey(req.ip)).pexpire(failKey(req.ip), WINDOW_MS, 'NX').exec();
    } catch {
      /* best effort */
    }
  });
}
