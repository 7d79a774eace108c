import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { AppConfig } from '@claimdesk/config';
import { LocalFirstRedisStore } from './local-first-store';

const WINDOW_MS = 60_000;

function isIngest(req: FastifyRequest): boolean {
  return req.method === 'POST' && req.routeOptions.url === '/v1/articles';
}

/** Per user once authenticated (so spelling the header differently gives no new bucket), per address otherwise. */
function clientKey(req: FastifyRequest): string {
  const who = req.actor?.id ? `u:${req.actor.id}` : `ip:${req.ip}`;
  return isIngest(req) ? `${who}|ingest` : who;
}

/**
 * Request limits kept in Redis, so they hold across any number of api instances: requests per
 * minute per user (or address), stricter on ingestion; counted locally first while far from the limit. They run after authentication and before
 * the body is read. If Redis is unreachable the limits are skipped rather than taking the API down.
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig, redis: Redis): Promise<void> {
  await app.register(rateLimit as never, {
    global: true,
    hook: 'preParsing',
    // Counted in Redis, but most requests do not wait for it (see LocalFirstRedisStore).
    store: class {
      constructor() {
        return new LocalFirstRedisStore(redis, `${config.QUEUE_PREFIX}:rl:`);
      }
    },
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
}

/**
 * Failed authentications per address and minute. Past the limit, a failed attempt is answered 429
 * instead of 401, which stops token guessing; a valid token from the same address (another user
 * behind the same proxy) still works.
 */
export class AuthFailureLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Records a failure; returns the seconds to wait when the address is over the limit, else null. */
  async record(ip: string): Promise<number | null> {
    const key = `${this.config.QUEUE_PREFIX}:authfail:${ip}`;
    try {
      const res = await this.redis.multi().incr(key).pexpire(key, WINDOW_MS, 'NX').pttl(key).exec();
      const failures = Number(res?.[0]?.[1] ?? 0);
      const ttl = Number(res?.[2]?.[1] ?? WINDOW_MS);
      return failures > this.config.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE ? Math.max(1, Math.ceil(ttl / 1000)) : null;
    } catch {
      return null; // Redis unreachable: answer 401 as usual
    }
  }
}
