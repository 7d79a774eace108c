import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@claimdesk/queue';
import { hostileBody } from './support/hanging-extractor';
import { seedClaims } from './support/seed';
import { eventually, TestEnv } from './support/test-env';

const SEED = readFileSync(join(__dirname, '../../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');
const TIMEOUT_MS = 4000;

/**
 * Issue 16: a hostile article may not stall the pipeline. The extraction threads load the test extractor
 * (support/hanging-extractor.ts): the real one, except that it spins forever on the hostile body.
 */
describe('hostile articles: time limit, stalls, isolation, any number of claims', () => {
  let env: TestEnv;
  let editor: string;

  beforeAll(async () => {
    env = await TestEnv.start({
      env: {
        EXTRACTION_TIMEOUT_MS: String(TIMEOUT_MS),
        EXTRACTION_CONCURRENCY: '2',
        EXTRACTION_TEST_MODULE: join(__dirname, 'support/hanging-extractor.ts'),
        AUTO_QUEUE_MAX_PER_ARTICLE: '25',
      },
    });
    editor = (await env.user('editor')).token;
  });
  afterAll(() => env.close());

  const article = (id: string) => env.request('GET', `/v1/articles/${id}`, { token: editor }).then((r) => r.body);

  it('fails an article found unfinished twice (worker killed, job lost), and tolerates one such stall', async () => {
    // No worker yet: the articles wait, then get the marks a run that never ended leaves behind.
    const once = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { body: 'The budget grew by 4 percent in 2023, the minister said on Monday.' },
    });
    const twice = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { body: 'Exports fell by 12 percent last year, according to the customs office.' },
    });
    await env.sql(`UPDATE articles SET extraction_started_at = now(), extraction_stalls = 0 WHERE id = $1`, [
      once.body.id,
    ]);
    await env.sql(`UPDATE articles SET extraction_started_at = now(), extraction_stalls = 1 WHERE id = $1`, [
      twice.body.id,
    ]);
    await env.startWorker();
    const failed = await eventually(
      async () => (await article(twice.body.id)).status === 'failed' && article(twice.body.id),
    );
    expect(failed.error).toBe('extraction stalled twice (the worker stopped or lost the job)');
    const extracted = await eventually(
      async () => (await article(once.body.id)).status === 'extracted' && article(once.body.id),
    );
    expect(extracted.error).toBeNull();
  }, 60_000);

  it('terminates a hostile extraction at EXTRACTION_TIMEOUT_MS while a normal article and an assignment complete, and the loop stays free', async () => {
    const reviewer = await env.user('reviewer', { capacity: 100 });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const hostile = await env.request('POST', '/v1/articles', { token: editor, body: { body: hostileBody() } });
    expect(hostile.status).toBe(201);
    // Wait until the hostile article is in a thread, then send ordinary work.
    await eventually(
      async () =>
        (await env.sql(`SELECT 1 FROM articles WHERE id = $1 AND extraction_started_at IS NOT NULL`, [hostile.body.id]))
          .length > 0,
    );
    const normal = await env.request('POST', '/v1/articles', { token: editor, body: SEED });
    const { claims } = await seedClaims(env, [0.9]);

    await eventually(async () => (await article(normal.body.id)).status === 'extracted', 20_000);
    await eventually(
      async () =>
        (await env.request('GET', `/v1/claims/${claims[0].id}`, { token: editor })).body.assigneeId === reviewer.id,
      20_000,
    );
    // Both finished while the hostile article was still in its thread.
    expect((await article(hostile.body.id)).status).toBe('received');

    const failed = await eventually(
      async () => (await article(hostile.body.id)).status === 'failed' && article(hostile.body.id),
      30_000,
    );
    const took = Date.now() - started;
    delay.disable();
    expect(failed.error).toBe(`extraction timed out (limit ${TIMEOUT_MS} ms)`);
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS);
    // The api, the worker and this test share one event loop here. Before issue 16 the extraction ran on it, so the
    // loop was blocked for the whole extraction (47 s on this body with the original extractor). Now nothing on it
    // runs longer than a database round trip's callback; 100 ms is the bound, p99 gives GC and the shared
    // 2-core machine their due, the max is held to 250 ms to catch any blocking extraction.
    const ms = (ns: number) => ns / 1e6;
    console.log(
      `event loop delay during a hostile extraction: p50 ${ms(delay.percentile(50)).toFixed(1)} ms, p99 ${ms(delay.percentile(99)).toFixed(1)} ms, max ${ms(delay.max).toFixed(1)} ms over ${took} ms`,
    );
    expect(ms(delay.percentile(99))).toBeLessThan(100);
    expect(ms(delay.max)).toBeLessThan(250);
    // Never retried: the job is gone from Redis and the article stays failed.
    const extraction = env.worker!.get<Queue>(getQueueToken(QUEUES.extraction));
    expect(await extraction.getJobCounts('waiting', 'active', 'delayed')).toMatchObject({
      waiting: 0,
      active: 0,
      delayed: 0,
    });
  }, 90_000);

  it('retries an extraction that throws, then fails the article with a generic reason (the raw error only in the log)', async () => {
    // The test extractor throws on this body with a message naming a table, as a PostgreSQL error would.
    const posted = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { body: 'THROW: a body the extractor chokes on, 5 times.' },
    });
    const failed = await eventually(
      async () => (await article(posted.body.id)).status === 'failed' && article(posted.body.id),
      60_000,
    );
    expect(failed.error).toBe('extraction failed');
    expect(JSON.stringify(failed)).not.toMatch(/secret_table|relation/);
  }, 90_000);

  it('stores an article of about 7,700 claims (chunked inserts) and queues only AUTO_QUEUE_MAX_PER_ARTICLE of them, the best first', async () => {
    let body = '';
    for (let n = 1; body.length < 199_970; n++) body += `Prices rose ${n} percent. `;
    const posted = await env.request('POST', '/v1/articles', { token: editor, body: { body: body.trim() } });
    expect(posted.status).toBe(201);
    const done = await eventually(async () => {
      const a = await article(posted.body.id);
      return a.status !== 'received' && a;
    }, 60_000);
    expect(done).toMatchObject({ status: 'extracted', error: null });
    expect(done.claimCount).toBeGreaterThan(7_500);
    const [counts] = await env.sql(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'new')::int AS queued,
              (SELECT count(*)::int FROM claim_events e JOIN claims c ON c.id = e.claim_id
                WHERE c.article_id = $1 AND e.type IN ('extracted', 'queued')) AS events
         FROM claims WHERE article_id = $1`,
      [posted.body.id],
    );
    expect(counts.total).toBe(done.claimCount);
    expect(counts.queued).toBe(25);
    expect(counts.events).toBe(done.claimCount + 25);
    // The queued ones are the best ranked: none left `new` outranks them.
    const [rank] = await env.sql(
      `SELECT min(priority) FILTER (WHERE status <> 'new') AS worst_queued, max(priority) FILTER (WHERE status = 'new') AS best_new
         FROM claims WHERE article_id = $1`,
      [posted.body.id],
    );
    expect(rank.worst_queued).toBeGreaterThanOrEqual(rank.best_new);
  }, 120_000);
});
