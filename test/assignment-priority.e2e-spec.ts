import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

describe('assignment order', () => {
  let env: TestEnv;
  // One job at a time, so the order in which waiting jobs run is observable.
  beforeAll(async () => {
    env = await TestEnv.start({ worker: true, env: { WORKER_CONCURRENCY: '1' } });
  });
  afterAll(() => env.close());

  it('runs waiting assignment jobs best claim first when capacity is short', async () => {
    const admin = (await env.user('admin')).token;
    // The reviewer's own wake-up job runs now, with nothing to take; only assignment jobs remain after.
    const one = await env.user('reviewer', { capacity: 1 });
    await eventually(async () => (await env.app.get(TestEnv.queueToken).getJobCounts()).waiting === 0);
    await env.stopWorker();
    const { claims } = await seedClaims(env, [0.55, 0.6, 0.99, 0.7]);
    await env.startWorker();
    const best = claims.find((c) => c.score > 0.9)!;
    const get = async (id: string) => (await env.request('GET', `/v1/claims/${id}`, { token: admin })).body;
    await eventually(async () => (await env.sql(`SELECT 1 FROM claims WHERE status = 'assigned'`)).length === 1);
    await new Promise((r) => setTimeout(r, 300)); // the other jobs run and find the reviewer full
    expect(await get(best.id)).toMatchObject({ status: 'assigned', assigneeId: one.id });
    const others = await env.sql(`SELECT status FROM claims WHERE id <> $1`, [best.id]);
    expect(others.map((o) => o.status)).toEqual(['queued', 'queued', 'queued']);
  });
});
