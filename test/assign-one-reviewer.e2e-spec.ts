import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

// The sweeper runs every 10 minutes here (TestEnv's default): only the assignment jobs themselves can assign.
describe('claims queued together with one reviewer', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true, env: { WORKER_CONCURRENCY: '8' } });
  });
  afterAll(() => env.close());

  it('are all assigned by their own jobs, none left for the sweep, though the jobs contend for one reviewer row', async () => {
    const only = await env.user('reviewer', { capacity: 20 });
    const started = Date.now();
    const { claims } = await seedClaims(env, [0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.95, 0.55, 0.92, 0.88, 0.77]);
    // Generous bound for a shared machine; without the lock wait, the losers of the race waited for the sweep.
    await eventually(async () => {
      const [{ n }] = await env.sql(
        `SELECT count(*)::int AS n FROM claims WHERE status = 'assigned' AND assignee_id = $1`,
        [only.id],
      );
      return n === claims.length;
    }, 10_000);
    console.log(`${claims.length} claims assigned to one reviewer in ${Date.now() - started} ms`);
    const [{ load }] = await env.sql(`SELECT load FROM users WHERE id = $1`, [only.id]);
    expect(load).toBe(claims.length);
    const [{ open }] = await env.sql(
      `SELECT count(*)::int AS open FROM assignments WHERE reviewer_id = $1 AND ended_at IS NULL`,
      [only.id],
    );
    expect(open).toBe(claims.length);
  });
});
