import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

const CLAIMS = 40;
const REVIEWERS = 6;
const CAPACITY = 2;

describe('assignment under concurrency: several workers and editors at once', () => {
  let env: TestEnv;
  let admin: string;
  let editors: string[];
  let reviewers: { id: string; token: string }[];
  const extraWorkers: INestApplicationContext[] = [];

  beforeAll(async () => {
    env = await TestEnv.start({ env: { WORKER_CONCURRENCY: '8' } });
    admin = (await env.user('admin')).token;
    editors = [(await env.user('editor')).token, (await env.user('editor')).token];
    reviewers = [];
    for (let i = 0; i < REVIEWERS; i++) reviewers.push(await env.user('reviewer', { capacity: CAPACITY }));
  });
  afterAll(async () => {
    for (const w of extraWorkers) await w.close();
    await env.close();
  });

  async function invariants() {
    const over = await env.sql(`
      SELECT u.id, u.capacity, u.load, count(a.id)::int AS open
        FROM users u LEFT JOIN assignments a ON a.reviewer_id = u.id AND a.ended_at IS NULL
       WHERE u.role = 'reviewer' GROUP BY u.id HAVING count(a.id) > u.capacity OR count(a.id) <> u.load`);
    expect(over).toEqual([]);
    const doubled = await env.sql(
      `SELECT claim_id FROM assignments WHERE ended_at IS NULL GROUP BY claim_id HAVING count(*) > 1`,
    );
    expect(doubled).toEqual([]);
    const mismatched = await env.sql(`
      SELECT c.id FROM claims c LEFT JOIN assignments a ON a.claim_id = c.id AND a.ended_at IS NULL
       WHERE (c.status IN ('assigned', 'in_review')) <> (a.id IS NOT NULL)
          OR (a.id IS NOT NULL AND a.reviewer_id <> c.assignee_id)`);
    expect(mismatched).toEqual([]);
  }

  it('never exceeds capacity nor gives a claim two active assignments', async () => {
    const { claims } = await seedClaims(env, Array(CLAIMS).fill(0.9));
    // Three workers race on the assignment jobs while two editors assign by hand.
    for (let i = 0; i < 3; i++)
      extraWorkers.push(await NestFactory.createApplicationContext(WorkerModule, { logger: false }));
    const manual = claims.slice(0, 24).map((c, i) =>
      env.request('POST', `/v1/claims/${c.id}/assign`, {
        token: editors[i % 2],
        body: { reviewerId: reviewers[i % REVIEWERS].id, reason: 'race' },
      }),
    );
    const statuses = (await Promise.all(manual)).map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);

    const full = REVIEWERS * CAPACITY;
    await eventually(async () => {
      const [{ n }] = await env.sql(`SELECT count(*)::int AS n FROM claims WHERE status = 'assigned'`);
      return n === full;
    });
    await invariants();
    const [{ queued }] = await env.sql(`SELECT count(*)::int AS queued FROM claims WHERE status = 'queued'`);
    expect(queued).toBe(CLAIMS - full);
  });

  it('assigns every waiting claim as soon as capacity exists, driven by the capacity change', async () => {
    await Promise.all(
      reviewers.map((r) => env.request('PATCH', `/v1/users/${r.id}`, { token: admin, body: { capacity: 10 } })),
    );
    await eventually(async () => {
      const [{ n }] = await env.sql(`SELECT count(*)::int AS n FROM claims WHERE status = 'queued'`);
      return n === 0;
    });
    await invariants();
    const loads = (await env.sql(`SELECT load FROM users WHERE role = 'reviewer' ORDER BY load`)).map((r) => r.load);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(CLAIMS);
    // Least-loaded first: nobody ends up with much more than anyone else.
    expect(loads[loads.length - 1] - loads[0]).toBeLessThanOrEqual(2);
  });

  it('hands freed capacity to waiting claims when a verdict is submitted', async () => {
    // Everyone exactly full: capacity equal to what they hold.
    for (const r of reviewers) {
      const [{ load }] = await env.sql('SELECT load FROM users WHERE id = $1', [r.id]);
      expect((await env.request('PATCH', `/v1/users/${r.id}`, { token: admin, body: { capacity: load } })).status).toBe(
        200,
      );
    }
    const { claims } = await seedClaims(env, [0.95]);
    const waiting = claims[0].id;
    // Everyone is full, so the new claim waits.
    await new Promise((r) => setTimeout(r, 300));
    expect((await env.request('GET', `/v1/claims/${waiting}`, { token: admin })).body.status).toBe('queued');

    // One reviewer finishes all their work: capacity frees and the waiting claim goes to them.
    const r = reviewers[0];
    const mine = (await env.request('GET', '/v1/me/assignments', { token: r.token })).body.items;
    for (const a of mine) {
      await env.request('POST', `/v1/claims/${a.claim.id}/start`, { token: r.token });
      const v = await env.request('POST', `/v1/claims/${a.claim.id}/verdicts`, {
        token: r.token,
        body: { rating: 'true', summary: 'ok', sources: [] },
      });
      expect(v.status).toBe(201);
    }
    const got = await eventually(async () => {
      const c = (await env.request('GET', `/v1/claims/${waiting}`, { token: admin })).body;
      return c.status === 'assigned' && c;
    });
    expect(got.assigneeId).toBe(r.id);
    await invariants();
  });
});
