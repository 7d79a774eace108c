/**
 * End-to-end benchmark of the built system: starts the api and the worker from dist/ on a fresh
 * database and BullMQ prefix, then measures
 *   1. ingestion: POST /v1/articles (article-sized texts from the train sentences), requests/s and latency;
 *   2. extraction: articles/s and claims/s through the worker until every article is extracted;
 *   3. reads: keyset-paginated GET /v1/claims and GET /v1/claims/:id, requests/s and latency;
 *   4. review: reviewers taking claims with next, start and a verdict, claims/s;
 * and the peak resident memory (VmHWM) of the api and worker processes. Prints figures; asserts nothing.
 * Usage: npm run build && npm run bench:api [-- --articles 2000 --concurrency 16 --seconds 10]
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { cleanUp, peakRssMiB, startProcess, waitFor } from './lib/bench-support';
import { readSplit } from './lib/checkworthiness-data';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    port: { type: 'string', default: '3999' },
  },
});
const ARTICLES = Number(values.articles);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;
const DB = `claimdesk_bench_${Date.now().toString(36)}`;
const ENV = {
  ...process.env,
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB}`,
  QUEUE_PREFIX: DB,
  PORT: String(PORT),
  LOG_LEVEL: 'warn',
  WORKER_CONCURRENCY: '2',
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_INGEST_PER_MINUTE: '100000000',
};

async function http(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Runs `task(i)` for i in [0, n) with `concurrency` in flight; returns per-call latencies (ms). */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

function pct(xs: number[], p: number): string {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.js'], { env: ENV, stdio: 'inherit' });
  const admin = execFileSync(
    process.execPath,
    ['dist/apps/cli/src/main.js', 'users:create', '--email', 'bench@example.org', '--name', 'Bench', '--role', 'admin'],
    { env: ENV },
  )
    .toString()
    .trim()
    .split('\n')
    .at(-1)!;
  const api = startProcess(['dist/apps/api/src/main.js'], ENV);
  await waitFor(async () => (await fetch(`${BASE}/health`).catch(() => null))?.ok === true, 20_000);
  const editor = (await http('POST', '/v1/users', admin, { email: 'ed@example.org', name: 'Ed', role: 'editor' })).body
    .token;
  const reviewers: string[] = [];
  for (let i = 0; i < 8; i++) {
    reviewers.push(
      (
        await http('POST', '/v1/users', admin, {
          email: `r${i}@example.org`,
          name: `R${i}`,
          role: 'reviewer',
          capacity: 5,
        })
      ).body.token,
    );
  }

  const sentences = readSplit('train').map((e) => e.text);
  const bodies = Array.from({ length: ARTICLES }, (_, i) => {
    const start = (i * 20) % (sentences.length - 20);
    return `${sentences.slice(start, start + 20).join(' ')} (bench ${i})`;
  });

  // 1. Ingestion (the worker is not running yet, so this measures the api alone).
  let t0 = performance.now();
  const ingest = await pool(ARTICLES, CONCURRENCY, async (i) => {
    const r = await http('POST', '/v1/articles', editor, { body: bodies[i], source: 'bench' });
    if (r.status !== 201) throw new Error(`ingest ${r.status}`);
  });
  const ingestSeconds = (performance.now() - t0) / 1000;
  console.log(
    `ingest:     ${ARTICLES} articles in ${ingestSeconds.toFixed(2)} s = ${(ARTICLES / ingestSeconds).toFixed(0)} req/s (concurrency ${CONCURRENCY}; p50 ${pct(ingest, 50)} ms, p95 ${pct(ingest, 95)} ms)`,
  );

  // 2. Extraction by the worker.
  const pg = new Client({ connectionString: ENV.DATABASE_URL });
  await pg.connect();
  const worker = startProcess(['dist/apps/worker/src/main.js'], ENV);
  t0 = performance.now();
  await waitFor(
    async () => (await pg.query(`SELECT count(*)::int AS n FROM articles WHERE status = 'received'`)).rows[0].n === 0,
    600_000,
  );
  const extractSeconds = (performance.now() - t0) / 1000;
  const {
    rows: [{ claims, queued }],
  } = await pg.query(
    `SELECT count(*)::int AS claims, count(*) FILTER (WHERE status <> 'new')::int AS queued FROM claims`,
  );
  console.log(
    `extraction: ${ARTICLES} articles in ${extractSeconds.toFixed(2)} s = ${(ARTICLES / extractSeconds).toFixed(0)} articles/s, ${(claims / extractSeconds).toFixed(0)} claims/s (${claims} claims, ${queued} queued or further; worker boot included)`,
  );

  // 3. Reads: keyset pages and single claims.
  const ids: string[] = (await pg.query(`SELECT id FROM claims ORDER BY random() LIMIT 1000`)).rows.map((r) => r.id);
  let reads = 0;
  const readLat: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      let cursor: string | null = null;
      while (performance.now() < until) {
        const s = performance.now();
        if (w % 2) {
          const r = await http('GET', `/v1/claims?limit=50${cursor ? `&cursor=${cursor}` : ''}`, editor);
          cursor = r.body.nextCursor;
        } else {
          await http('GET', `/v1/claims/${ids[reads % ids.length]}`, editor);
        }
        readLat.push(performance.now() - s);
        reads++;
      }
    }),
  );
  const readSeconds = (performance.now() - t0) / 1000;
  console.log(
    `reads:      ${reads} in ${readSeconds.toFixed(1)} s = ${(reads / readSeconds).toFixed(0)} req/s (half pages of 50, half claim detail; p50 ${pct(readLat, 50)} ms, p95 ${pct(readLat, 95)} ms)`,
  );

  // 4. Review: reviewers work through their queues.
  t0 = performance.now();
  let reviewed = 0;
  await Promise.all(
    reviewers.map(async (token) => {
      for (let k = 0; k < 25; k++) {
        const next = await http('POST', '/v1/claims/next', token);
        if (next.status !== 200) break;
        await http('POST', `/v1/claims/${next.body.id}/start`, token);
        const v = await http('POST', `/v1/claims/${next.body.id}/verdicts`, token, {
          rating: 'mixed',
          summary: 'bench',
          sources: [],
        });
        if (v.status === 201) reviewed++;
      }
    }),
  );
  const reviewSeconds = (performance.now() - t0) / 1000;
  console.log(
    `review:     ${reviewed} verdicts by ${reviewers.length} reviewers in ${reviewSeconds.toFixed(2)} s = ${(reviewed / reviewSeconds).toFixed(0)} claims/s (next + start + verdict)`,
  );

  console.log(
    `memory:     api peak RSS ${peakRssMiB(api.pid!).toFixed(0)} MiB, worker peak RSS ${peakRssMiB(worker.pid!).toFixed(0)} MiB`,
  );
  await pg.end();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanUp(DB, DB));
