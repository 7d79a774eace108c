import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { LocalFirstRedisStore } from '../../apps/api/src/http/local-first-store';

/** The rate-limit store against the real Redis: counts reach Redis, and near the limit every answer is exact. */
describe('LocalFirstRedisStore', () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `test-rl-${randomUUID()}:`;
  const WINDOW = 60_000;
  const incr = (store: LocalFirstRedisStore, key: string, max: number) =>
    new Promise<{ current: number; ttl: number }>((ok, fail) =>
      store.incr(key, (err, res) => (err ? fail(err) : ok(res!)), WINDOW, max),
    );

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts far from the limit without waiting for Redis, and sends the counts together', async () => {
    const store = new LocalFirstRedisStore(redis, prefix, { flushMs: 10_000, localShare: 0.5 });
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) seen.push((await incr(store, 'far', 100)).current);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await redis.get(`${prefix}far`)).toBeNull(); // nothing sent yet: the flush timer has not fired
    await store.flush();
    expect(await redis.get(`${prefix}far`)).toBe('40');
    const ttl = await redis.pttl(`${prefix}far`);
    expect(ttl).toBeGreaterThan(WINDOW - 5_000);
    expect(ttl).toBeLessThanOrEqual(WINDOW);
  });

  it('asks Redis for every request near the limit, so two instances never let more than the limit through', async () => {
    const a = new LocalFirstRedisStore(redis, prefix, { flushMs: 10_000, localShare: 0.5 });
    const b = new LocalFirstRedisStore(redis, prefix, { flushMs: 10_000, localShare: 0.5 });
    const max = 8;
    const counts: number[] = [];
    for (let i = 0; i < 12; i++) counts.push((await incr(i % 2 ? b : a, 'near', max)).current);
    await Promise.all([a.flush(), b.flush()]);
    // Allowed = counted at most `max`: local counts lag by the other's, but from half the limit on Redis answers.
    expect(counts.filter((c) => c <= max)).toHaveLength(max);
    expect(counts.slice(-4).every((c) => c > max)).toBe(true);
    expect(await redis.get(`${prefix}near`)).toBe('12');
  });

  it('keeps counting locally while Redis is unreachable, and answers the error near the limit', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    down.on('error', () => undefined);
    const store = new LocalFirstRedisStore(down, prefix, { flushMs: 10_000, localShare: 0.5 });
    expect((await incr(store, 'down', 10)).current).toBe(1);
    await store.flush(); // fails: the count stays here
    for (let i = 2; i <= 4; i++) expect((await incr(store, 'down', 10)).current).toBe(i);
    await expect(incr(store, 'down', 10)).rejects.toThrow();
    down.disconnect();
  });
});
