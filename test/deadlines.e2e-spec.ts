import Redis from 'ioredis';
import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

// Waits are generous: on a loaded machine a worker's start, sweep and extraction take seconds.
jest.setTimeout(90_000);

describe('deadlines and recovery from a lost Redis', () => {
  let env: TestEnv;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    env = await TestEnv.start({
      worker: true,
      env: { DEADLINE_NORMAL_SECONDS: '1', DEADLINE_URGENT_SECONDS: '1', SWEEP_INTERVAL_MS: '500' },
    });
    admin = (await env.user('admin')).token;
    editor = (await env.user('editor')).token;
  });
  afterAll(() => env.close());

  const get = async (id: string) => (await env.request('GET', `/v1/claims/${id}`, { token: admin })).body;

  it('records a missed deadline and reassigns the claim to a different reviewer', async () => {
    const first = await env.user('reviewer', { capacity: 3 });
    const { claims } = await seedClaims(env, [0.9]);
    const id = claims[0].id;
    const assigned = await eventually(async () => {
      const c = await get(id);
      return c.status === 'assigned' && c;
    });
    expect(assigned.assigneeId).toBe(first.id);
    const second = await env.user('reviewer', { capacity: 3 });

    const moved = await eventually(async () => {
      const c = await get(id);
      return c.status === 'assigned' && c.assigneeId !== first.id && c;
    }, 25_000);
    expect(moved.assigneeId).toBe(second.id);
    const events = (await env.request('GET', `/v1/claims/${id}/events`, { token: admin })).body.items;
    const missed = events.find((e: { type: string }) => e.type === 'deadline_missed');
    expect(missed).toMatchObject({
      fromStatus: 'assigned',
      toStatus: 'queued',
      actorId: null,
      actorName: null,
      data: { reviewerId: first.id },
    });
    const history = (await env.request('GET', `/v1/claims/${id}/assignments`, { token: admin })).body.items;
    expect(history[0]).toMatchObject({ reviewerId: first.id, endReason: 'deadline_missed' });
  });

  it('never gives the claim back to the reviewer who missed it, even when they are the only one left', async () => {
    // Deactivate everyone else; their open claims go back to the queue (with an event each).
    const others = await env.sql(`SELECT id FROM users WHERE role = 'reviewer'`);
    for (const { id } of others) {
      const res = await env.request('PATCH', `/v1/users/${id}`, { token: admin, body: { active: false } });
      expect(res.body).toMatchObject({ active: false, load: 0 });
    }
    const only = await env.user('reviewer', { capacity: 5, languages: ['de'] });
    const { claims } = await seedClaims(env, [0.9], 'de');
    const id = claims[0].id;
    await eventually(async () => (await get(id)).assigneeId === only.id);
    await eventually(async () => (await get(id)).status === 'queued', 10_000);
    await new Promise((r) => setTimeout(r, 1500)); // sweeps run every 500 ms
    expect(await get(id)).toMatchObject({ status: 'queued', assigneeId: null });
  });

  it('loses no work when Redis is wiped: the sweeper re-drives extraction, assignment and deadlines', async () => {
    // An open assignment whose deadline job lives only in Redis...
    const holder = await env.user('reviewer', { capacity: 5, languages: ['it'] });
    const { claims } = await seedClaims(env, [0.9], 'it');
    const held = claims[0].id;
    await eventually(async () => (await get(held)).assigneeId === holder.id);
    await env.stopWorker();
    // ...and an article whose extraction job lives only in Redis.
    const res = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { body: 'The unemployment rate fell to 3.5 percent in 2019, the lowest in fifty years, officials said.' },
    });
    expect(res.status).toBe(201);
    // Wipe every key of this deployment's queues, as a Redis restart without persistence would.
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    redis.disconnect();

    await env.user('reviewer', { capacity: 5 });
    await env.startWorker();
    const article = await eventually(async () => {
      const a = (await env.request('GET', `/v1/articles/${res.body.id}`, { token: admin })).body;
      return a.status === 'extracted' && a;
    }, 25_000);
    expect(article.claimCount).toBeGreaterThan(0);
    const missed = await eventually(async () => {
      const events = (await env.request('GET', `/v1/claims/${held}/events`, { token: admin })).body.items;
      return events.find((e: { type: string }) => e.type === 'deadline_missed');
    }, 25_000);
    expect(missed.data.reviewerId).toBe(holder.id);
  });
});
