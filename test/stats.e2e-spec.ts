import { TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

/** GET /v1/stats: figures from the claims, review and users libs, composed; editors and admins only. */
describe('GET /v1/stats', () => {
  let env: TestEnv;
  let editor: string;
  let reviewer: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start();
    editor = (await env.user('editor')).token;
    reviewer = await env.user('reviewer', { capacity: 7 });
    const { claims } = await seedClaims(env, [0.1, 0.1, 0.1, 0.1]);
    const [pub, dis, held] = claims.map((c) => c.id);
    const call = async (url: string, token: string, body?: unknown) => {
      const res = await env.request('POST', url, { token, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await call(`/v1/claims/${dis}/dismiss`, editor, { reason: 'not check-worthy' });
    for (const id of [pub, held]) {
      await call(`/v1/claims/${id}/queue`, editor);
      await call(`/v1/claims/${id}/assign`, editor, { reviewerId: reviewer.id });
    }
    await call(`/v1/claims/${pub}/start`, reviewer.token);
    const v = await call(`/v1/claims/${pub}/verdicts`, reviewer.token, {
      rating: 'misleading',
      summary: 'Checked.',
      sources: [{ url: 'https://example.org/s' }],
    });
    await call(`/v1/verdicts/${v.id}/approve`, editor);
  });
  afterAll(() => env.close());

  it('answers the backlog, the flow per day, time to publish, reviewer load and ratings', async () => {
    const res = await env.request('GET', '/v1/stats?days=3', { token: editor });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.days).toBe(3);
    const backlog = Object.fromEntries(s.backlog.map((b: { status: string }) => [b.status, b]));
    expect(backlog.new.count).toBe(1);
    expect(backlog.assigned.count).toBe(1);
    expect(backlog.published.count).toBe(1);
    expect(backlog.published.oldestAgeSeconds).toBeNull();
    expect(backlog.dismissed.count).toBe(1);
    expect(backlog.open.count).toBe(2);
    expect(backlog.open.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(backlog.open.medianAgeSeconds).toBeGreaterThanOrEqual(0);

    expect(s.perDay).toHaveLength(3);
    expect(s.perDay[2].day).toBe(new Date().toISOString().slice(0, 10));
    const total = (k: string) => s.perDay.reduce((n: number, d: Record<string, number>) => n + d[k], 0);
    expect(total('extracted')).toBe(4);
    expect(total('published')).toBe(1);
    expect(total('dismissed')).toBe(1);
    expect(total('approved')).toBe(1);
    expect(total('deadlineMissed')).toBe(0);

    expect(s.timeToPublish.count).toBe(1);
    expect(s.timeToPublish.medianSeconds).toBeGreaterThan(0);
    expect(s.timeToPublish.p90Seconds).toBeGreaterThanOrEqual(s.timeToPublish.medianSeconds);

    const mine = s.reviewers.find((r: { reviewerId: string }) => r.reviewerId === reviewer.id);
    expect(mine).toMatchObject({ openAssignments: 1, capacity: 7, active: true });
    expect(s.ratings).toEqual([{ rating: 'misleading', count: 1 }]);
  });

  it('counts a missed deadline on its day', async () => {
    // The audit trail as the deadline job writes it (it runs in the worker, which this test does not start).
    await env.sql(
      `INSERT INTO claim_events (claim_id, type, from_status, to_status, data)
       SELECT id, 'deadline_missed', 'assigned', 'queued', '{}' FROM claims WHERE status = 'assigned'`,
    );
    const res = await env.request('GET', '/v1/stats', { token: editor });
    expect(res.body.perDay).toHaveLength(30);
    expect(res.body.perDay.reduce((t: number, d: { deadlineMissed: number }) => t + d.deadlineMissed, 0)).toBe(1);
  });

  it('times a claim from its first publication only: one first published before the window is left out', async () => {
    const before = (await env.request('GET', '/v1/stats?days=7', { token: editor })).body.timeToPublish;
    expect(before.count).toBe(1);
    const [{ id }] = await env.sql<{ id: string }>(`SELECT id FROM claims WHERE status = 'dismissed'`);
    // Published 10 days ago (outside a 7-day window), published again (a correction) today.
    await env.sql(
      `INSERT INTO claim_events (claim_id, type, from_status, to_status, data, at)
       VALUES ($1, 'approve', 'submitted', 'published', '{}', now() - interval '10 days'),
              ($1, 'approve', 'submitted', 'published', '{}', now())`,
      [id],
    );
    expect((await env.request('GET', '/v1/stats?days=7', { token: editor })).body.timeToPublish.count).toBe(1);
    expect((await env.request('GET', '/v1/stats?days=30', { token: editor })).body.timeToPublish.count).toBe(2);
  });

  it('refuses a reviewer (403) and days outside 1-365 (400)', async () => {
    expect((await env.request('GET', '/v1/stats', { token: reviewer.token })).status).toBe(403);
    expect((await env.request('GET', '/v1/stats?days=0', { token: editor })).status).toBe(400);
    expect((await env.request('GET', '/v1/stats?days=366', { token: editor })).status).toBe(400);
  });
});
