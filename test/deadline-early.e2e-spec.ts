import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

// The sweeper runs every 10 minutes here (TestEnv's default), so only the deadline job itself can catch the miss.
describe('a deadline job that runs before the due time', () => {
  let env: TestEnv;
  let admin: string;

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true, env: { DEADLINE_NORMAL_SECONDS: '2', DEADLINE_URGENT_SECONDS: '2' } });
    admin = (await env.user('admin')).token;
  });
  afterAll(() => env.close());

  it('waits until the due time and then records the miss, without a sweep', async () => {
    const reviewer = await env.user('reviewer', { capacity: 2 });
    const { claims } = await seedClaims(env, [0.9]);
    const id = claims[0].id;
    const get = async () => (await env.request('GET', `/v1/claims/${id}`, { token: admin })).body;
    await eventually(async () => (await get()).assigneeId === reviewer.id);
    // The due time moves to 4 s from now after the 2 s job was armed: that job now fires about 2 s early.
    const [moved] = await env.sql(
      `UPDATE assignments SET due_at = now() + interval '4 seconds' WHERE claim_id = $1 AND ended_at IS NULL RETURNING due_at`,
      [id],
    );
    await new Promise((r) => setTimeout(r, 2500));
    expect(await get()).toMatchObject({ status: 'assigned', assigneeId: reviewer.id });

    await eventually(async () => (await get()).status === 'queued', 8_000);
    const events = (await env.request('GET', `/v1/claims/${id}/events`, { token: admin })).body.items;
    const missed = events.find((e: { type: string }) => e.type === 'deadline_missed');
    expect(missed.data.dueAt).toBe(new Date(moved.due_at).toISOString());
    expect(new Date(missed.at).getTime()).toBeGreaterThanOrEqual(new Date(moved.due_at).getTime());
  });
});
