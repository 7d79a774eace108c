import { createServer } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@claimdesk/queue';
import { WorkerHttpServer } from '../apps/worker/src/worker-http.service';
import { seedClaims } from './support/seed';
import { eventually, TestEnv } from './support/test-env';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** One sample's value from Prometheus text, by metric name and exact label set (or none). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('metrics', () => {
  let env: TestEnv;
  let reviewerId: string;
  beforeAll(async () => {
    // Scrapers from 10.0.0.0/8 need no token; anyone else needs an admin token.
    env = await TestEnv.start({ env: { METRICS_ALLOW_CIDRS: '10.0.0.0/8, ::1' } });
    // Before the first scrape: the SQL gauges are read at most every 10 s.
    reviewerId = (await env.user('reviewer', { capacity: 7 })).id;
    // two queued (their assignment jobs wait: no worker), one new
    const { claims } = await seedClaims(env, [0.9, 0.9, 0.1]);
    // The workflow's times, written straight into the tables (their statuses unchanged): one claim extracted 60 s
    // before its first assignment, one 120 s before its publication; the reviewer holds 3.
    await env.sql(`UPDATE claims SET created_at = now() - interval '60 seconds' WHERE id = $1`, [claims[0].id]);
    await env.sql(
      `INSERT INTO assignments (claim_id, reviewer_id, assigned_at, due_at) VALUES ($1, $2, now(), now() + interval '1 day')`,
      [claims[0].id, reviewerId],
    );
    await env.sql(`UPDATE claims SET created_at = now() - interval '120 seconds' WHERE id = $1`, [claims[2].id]);
    await env.sql(
      `INSERT INTO claim_events (claim_id, type, from_status, to_status, data) VALUES ($1, 'approve', 'submitted', 'published', '{}')`,
      [claims[2].id],
    );
    await env.sql(`UPDATE users SET load = 3 WHERE id = $1`, [reviewerId]);
  });
  afterAll(() => env.close());

  const scrape = (remoteAddress: string, token?: string) =>
    env.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('is open to the allowed networks and to admins only', async () => {
    const admin = await env.user('admin');
    const editor = await env.user('editor');
    expect((await scrape('10.1.2.3')).statusCode).toBe(200);
    expect((await scrape('::ffff:10.9.9.9')).statusCode).toBe(200);
    expect((await scrape('192.0.2.7')).statusCode).toBe(401);
    expect((await scrape('127.0.0.1')).statusCode).toBe(401); // not in this list
    expect((await scrape('192.0.2.7', editor.token)).statusCode).toBe(403);
    const res = await scrape('192.0.2.7', admin.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
  });

  it('counts requests by route template and status, and reads workflow gauges from SQL and Redis', async () => {
    const admin = await env.user('admin');
    const me = (await env.request('GET', '/v1/me', { token: admin.token })).status;
    expect(me).toBe(200);
    await env.request('GET', '/v1/claims/00000000-0000-4000-8000-000000000000', { token: admin.token }); // 404
    const text = (await scrape('10.0.0.1')).body;

    expect(sample(text, 'http_requests_total', 'method="GET",route="/v1/me",status="200"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_requests_total', 'method="GET",route="/v1/claims/:id",status="404"')).toBe(1);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/me",status="200"\}/,
    );
    expect(sample(text, 'claimdesk_claims', 'status="queued"')).toBe(2);
    expect(sample(text, 'claimdesk_claims', 'status="new"')).toBe(1);
    expect(
      sample(text, 'claimdesk_queue_jobs', 'queue="assignment",state="prioritized"')! +
        sample(text, 'claimdesk_queue_jobs', 'queue="assignment",state="waiting"')!,
    ).toBe(3); // two assign-claim jobs and the new reviewer's fill-reviewer
    expect(sample(text, 'claimdesk_dependency_up', 'dependency="redis"')).toBe(1);
    expect(sample(text, 'claimdesk_deadline_breaches')).toBe(0);
    expect(sample(text, 'claimdesk_reviewer_capacity', `reviewer="${reviewerId}"`)).toBe(7);
    expect(sample(text, 'claimdesk_reviewer_load', `reviewer="${reviewerId}"`)).toBe(3);
    // One claim each: median and p90 are its own time (seconds, within the test's few seconds).
    for (const q of ['0.5', '0.9']) {
      expect(sample(text, 'claimdesk_extraction_to_assignment_seconds', `quantile="${q}"`)).toBeCloseTo(60, -1);
      expect(sample(text, 'claimdesk_extraction_to_publication_seconds', `quantile="${q}"`)).toBeCloseTo(120, -1);
    }
    // Jobs wait in the assignment queue with no worker: its lag is their age, the other queues' is 0.
    expect(sample(text, 'claimdesk_queue_lag_seconds', 'queue="assignment"')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'claimdesk_queue_lag_seconds', 'queue="maintenance"')).toBe(0);
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('health', () => {
  it('readiness and metrics reflect a stopped Redis; liveness does not depend on it', async () => {
    const env = await TestEnv.start({ env: { REDIS_URL: 'redis://127.0.0.1:1', METRICS_ALLOW_CIDRS: '127.0.0.1' } });
    try {
      expect((await env.request('GET', '/health/live')).status).toBe(200);
      const started = Date.now();
      const ready = await env.request('GET', '/health/ready');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', postgres: 'up', redis: 'down' });
      const metrics = await env.request('GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(sample(metrics.body as string, 'claimdesk_dependency_up', 'dependency="redis"')).toBe(0);
      expect(sample(metrics.body as string, 'claimdesk_dependency_up', 'dependency="postgres"')).toBe(1);
    } finally {
      await env.close();
    }
  });

  it('readiness fails when a queue lags past the bound, and the worker serves the same on its own port', async () => {
    const port = await freePort();
    const env = await TestEnv.start({
      env: {
        READINESS_MAX_QUEUE_LAG_SECONDS: '1',
        WORKER_HTTP_PORT: String(port),
        WORKER_HTTP_HOST: '127.0.0.1',
        METRICS_ALLOW_CIDRS: '127.0.0.1',
      },
    });
    try {
      expect((await env.request('GET', '/health/ready')).status).toBe(200);
      // A job nobody runs (no worker yet) waits past the one-second bound.
      const queue = env.app.get<Queue>(getQueueToken(QUEUES.maintenance), { strict: false });
      await queue.add('sweep', {}, { jobId: 'lagging-sweep' });
      const lagging = await eventually(async () => {
        const r = await env.request('GET', '/health/ready');
        return r.status === 503 && r;
      }, 5000);
      expect(lagging.body).toMatchObject({ status: 'unavailable', postgres: 'up', redis: 'up' });
      expect(lagging.body.queueLagSeconds.maintenance).toBeGreaterThan(1);

      // The worker drains it; its port answers liveness, readiness and metrics (job duration by queue).
      const worker = await env.startWorker();
      expect(worker.get(WorkerHttpServer).port).toBe(port);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      await eventually(async () => (await fetch(`${base}/health/ready`)).status === 200, 10000);
      const count = async () =>
        sample(
          await (await fetch(`${base}/metrics`)).text(),
          'claimdesk_job_duration_seconds_count',
          'queue="maintenance",job="sweep",outcome="completed"',
        );
      expect(await eventually(count, 10000)).toBe(1);
      // A job that throws on its last attempt counts as a failure of its queue.
      await queue.add('no-such-job', {}, { jobId: 'failing-job', attempts: 1 });
      const failures = async () =>
        sample(
          await (await fetch(`${base}/metrics`)).text(),
          'claimdesk_job_failures_total',
          'queue="maintenance",job="no-such-job",outcome="failed"',
        );
      expect(await eventually(failures, 10000)).toBe(1);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await env.close();
    }
  });
});
