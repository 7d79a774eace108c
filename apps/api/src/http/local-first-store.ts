import type Redis from 'ioredis';

type Done = (err: Error | null, res: { current: number; ttl: number } | null) => void;

interface Counter {
  /** The shared count (all api instances) as Redis last reported it. */
  synced: number;
  /** Counted here and not yet sent to Redis. */
  pending: number;
  /** Being sent to Redis now (a flush in flight). */
  sending: number;
  /** When the window ends (ms since epoch), as Redis last reported it. */
  end: number;
}

/** INCRBY that opens the window (PEXPIRE) when it creates the key; answers the count and the window's time left. */
const INCR_BY = `
  local current = redis.call('INCRBY', KEYS[1], ARGV[1])
  if current == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return {current, ttl}`;

interface IncrBy {
  rateLimitIncrBy(key: string, by: number, windowMs: number): Promise<[number, number]>;
}

/**
 * A store for @fastify/rate-limit that keeps the counters in Redis (so a limit holds across api instances) without
 * a Redis round trip on most requests: while a caller is well under its limit (below `localShare` of it), requests
 * are counted here and sent to Redis together every `flushMs`; nearer the limit each request waits for Redis's exact
 * count, so the limit itself is as exact as before. The shared count each instance sees lags by at most one flush of
 * the other instances' requests, and only while far from the limit. When Redis fails, callers under the local share
 * go on being counted here; the others get the error, which the plugin's skipOnError lets through.
 */
export class LocalFirstRedisStore {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly opts: { flushMs: number; localShare: number } = { flushMs: 25, localShare: 0.5 },
  ) {
    if (!(redis as unknown as Partial<IncrBy>).rateLimitIncrBy) {
      redis.defineCommand('rateLimitIncrBy', { numberOfKeys: 1, lua: INCR_BY });
    }
  }

  /** The plugin's store interface: count one request of `key` in a window of `windowMs`, limit `max`. */
  incr(key: string, done: Done, windowMs: number, max: number): void {
    const now = Date.now();
    let c = this.counters.get(key);
    if (!c || c.end <= now) {
      c = { synced: 0, pending: 0, sending: 0, end: now + windowMs };
      this.counters.set(key, c);
    }
    const seen = c.synced + c.pending + c.sending + 1;
    if (seen < max * this.opts.localShare) {
      c.pending++;
      this.schedule();
      return done(null, { current: seen, ttl: c.end - now });
    }
    // Near the limit: this request and whatever is pending go to Redis now, and the answer is Redis's count.
    const by = c.pending + 1;
    c.pending = 0;
    c.sending += by;
    const counter = c;
    this.send(key, by, windowMs).then(
      ([current, ttl]) => {
        counter.sending -= by;
        this.synced(counter, current, ttl);
        done(null, { current, ttl });
      },
      (err: Error) => {
        counter.sending -= by;
        done(err, null);
      },
    );
  }

  /** A route with limits of its own counts apart, as the plugin's Redis store does. */
  child(route: { routeInfo: { method: string; url: string } }): LocalFirstRedisStore {
    return new LocalFirstRedisStore(
      this.redis,
      `${this.prefix}${route.routeInfo.method}${route.routeInfo.url}-`,
      this.opts,
    );
  }

  /** Sends what is pending now (tests; shutdown). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    const sends: Promise<void>[] = [];
    for (const [key, c] of this.counters) {
      if (c.end <= now && !c.sending) {
        this.counters.delete(key); // the window is over: nothing pending counts any more
        continue;
      }
      if (!c.pending) continue;
      const by = c.pending;
      c.pending = 0;
      c.sending += by;
      sends.push(
        this.send(key, by, Math.max(1, c.end - now)).then(
          ([current, ttl]) => {
            c.sending -= by;
            this.synced(c, current, ttl);
          },
          () => {
            // Redis is away: the requests stay counted here (in `synced`), so this instance still limits alone.
            c.sending -= by;
            c.synced += by;
          },
        ),
      );
    }
    await Promise.all(sends);
  }

  private synced(c: Counter, current: number, ttl: number): void {
    // One connection answers in order: `current` has every send up to this one, none of those still in `sending`.
    c.synced = Math.max(c.synced, current);
    c.end = Date.now() + ttl;
  }

  private send(key: string, by: number, windowMs: number): Promise<[number, number]> {
    return (this.redis as unknown as IncrBy).rateLimitIncrBy(this.prefix + key, by, windowMs);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }
}
