/**
 * `npm run bench` (after `npm run build`): the api against a reference doing the same database work with bare
 * Fastify and `pg` (scripts/lib/reference-server.ts, started here), each as a ratio:
 *   1. reads at 50 connections: authenticated GET /v1/me, GET /v1/claims/:id, a claim list page;
 *   2. ingestion: POST /v1/articles, unique bodies, the api alone;
 *   3. the pipeline: the worker extracting those articles against the extractor alone on the same bodies;
 *   4. scale: list and filter queries with keyset cursors on 10,000 claims, then on --scale claims (default
 *      1,000,000, generated in SQL), p99 of each, and the EXPLAIN plans at the larger size.
 * Request logging is on (LOG_LEVEL=info, to /dev/null). Prints figures and peak RSS; asserts nothing.
 * Usage: npm run build && npm run bench [-- --seconds 8 --connections 50 --articles 3000 --scale 1000000]
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { EncoderThreadClient } from '../libs/encoder/src';
import { Stage2Model, WinkClaimExtractor } from '../libs/extraction/src';
import { hashToken, newToken } from '../libs/users/src/token';
import {
  backendPids,
  cleanUp,
  cpuSeconds,
  healthy,
  machineCpu,
  peakRssMiB,
  redisCpuSeconds,
  startProcess,
  waitFor,
  withChildren,
} from './lib/bench-support';
import { readSplit } from './lib/checkworthiness-data';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
    // Uploads of the ingestion step: enough for a rate measured over seconds, not the api's first warm-up.
    articles: { type: 'string', default: '12000' },
    scale: { type: 'string', default: '1000000' },
    // Which steps to run (comma-separated): reads, ingest, pipeline, scale.
    parts: { type: 'string', default: 'reads,ingest,pipeline,scale' },
    /** Which reads to measure (me, claim, page): one alone gives a profile of that route only. */
    reads: { type: 'string', default: 'me,claim,page' },
    // Write V8 CPU profiles of the api and the worker into this directory (node --cpu-prof).
    profile: { type: 'string' },
    // The api's port; the reference listens on the one below it.
    port: { type: 'string', default: '3998' },
    // Connections of the ingestion step (uploads in flight at once).
    'ingest-connections': { type: 'string', default: '64' },
    // Articles the pipeline step extracts with stage 1 alone, and with both stages (the encoder is the slow part).
    'pipeline-articles': { type: 'string', default: '1000' },
    'stage2-articles': { type: 'string', default: '150' },
    // API_PROCESSES of the measured api (the reference stays one process: reads compare like with like at 1).
    'api-processes': { type: 'string', default: '1' },
  },
});
const PARTS = new Set(values.parts.split(','));
const PROFILE = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const ARTICLES = Number(values.articles);
const SCALE = Number(values.scale);
const INGEST_CONNECTIONS = Number(values['ingest-connections']);
const PIPELINE_ARTICLES = Number(values['pipeline-articles']);
const STAGE2_ARTICLES = Number(values['stage2-articles']);
const DB = `claimdesk_bench_${Date.now().toString(36)}`;
const PORT = Number(values.port);
const API = `http://127.0.0.1:${PORT}`;
const REF = `http://127.0.0.1:${PORT - 1}`;
const ENV = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB}`,
  QUEUE_PREFIX: DB,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  SWEEP_INTERVAL_MS: '600000',
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_INGEST_PER_MINUTE: '100000000',
};

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** One autocannon run; `paths` rotate so that caches and plans see varied ids and cursors. */
async function load(
  base: string,
  token: string,
  paths: string[],
  opts: Partial<autocannon.Options> = {},
): Promise<Run> {
  let i = 0;
  const r = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
    ...opts,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
}

const fmt = (r: Run) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms${r.non2xx ? `  (${r.non2xx} non-2xx!)` : ''}`;

function bodies(n: number, tag: string): string[] {
  const sentences = readSplit('train').map((e) => e.text);
  return Array.from({ length: n }, (_, i) => {
    const start = (i * 17) % (sentences.length - 20);
    return `${sentences.slice(start, start + 20).join(' ')} (${tag} ${i})`;
  });
}

/** `n` claims spread over articles, generated inside PostgreSQL (one statement, no round trips per row). */
async function generateClaims(pg: Client, n: number, reviewerId: string, tag: string): Promise<void> {
  const perArticle = 100;
  const articles = Math.ceil(n / perArticle);
  const {
    rows: [{ at }],
  } = await pg.query(`SELECT coalesce(min(created_at), now()) AS at FROM articles`);
  // Older than everything so far, so the rows of an earlier size stay the newest: deep cursors move, page one does not.
  await pg.query(
    `INSERT INTO articles (title, body, body_hash, status, claim_count, created_at)
     SELECT $2 || ' ' || g, 'Body of generated article ' || g || '.', md5($2 || g), 'extracted', $3, $4::timestamptz - (g || ' seconds')::interval
       FROM generate_series(1, $1) g`,
    [articles, tag, perArticle, at],
  );
  await pg.query(
    `INSERT INTO claims (article_id, text, sentence, span_start, span_end, type, score, status, priority, assignee_id, created_at)
     SELECT a.id, 'Claim ' || k || ' of ' || a.title || ': prices rose ' || (k % 13) || ' percent.', 'x', k, k + 1,
            (ARRAY['quantity','prediction','causal','rule','personal','other'])[1 + k % 6], (k % 100) / 100.0,
            (ARRAY['new','queued','assigned','dismissed','published'])[1 + (k * 7 + length(a.title)) % 5],
            (k % 100) / 100.0,
            CASE WHEN k % 50 = 0 THEN $2::uuid END,
            a.created_at + (k || ' milliseconds')::interval
       FROM (SELECT id, title, created_at FROM articles WHERE title LIKE $1 || ' %') a, generate_series(1, $3) k`,
    [tag, reviewerId, perArticle],
  );
  // Sets hint bits and the visibility map now, so the first reads measured do not write.
  await pg.query('VACUUM ANALYZE claims');
  await pg.query('VACUUM ANALYZE articles');
}

interface ScaleQuery {
  name: string;
  path: (ctx: ScaleCtx) => string[];
  sql: (ctx: ScaleCtx) => string;
}
interface ScaleCtx {
  cursors: string[];
  articleIds: string[];
  reviewerId: string;
}

const SCALE_QUERIES: ScaleQuery[] = [
  {
    name: 'first page',
    path: () => ['/v1/claims?limit=50'],
    sql: () => `SELECT * FROM claims ORDER BY created_at, id LIMIT 51`,
  },
  {
    name: 'deep page (cursor)',
    path: (c) => c.cursors.map((k) => `/v1/claims?limit=50&cursor=${k}`),
    sql: () =>
      `SELECT * FROM claims WHERE (created_at, id) > (now() - interval '1 hour', '00000000-0000-0000-0000-000000000000') ORDER BY created_at, id LIMIT 51`,
  },
  {
    name: 'status=queued (cursor)',
    path: (c) => c.cursors.map((k) => `/v1/claims?status=queued&limit=50&cursor=${k}`),
    sql: () =>
      `SELECT * FROM claims WHERE status = 'queued' AND (created_at, id) > (now() - interval '1 hour', '00000000-0000-0000-0000-000000000000') ORDER BY created_at, id LIMIT 51`,
  },
  {
    name: 'articleId',
    path: (c) => c.articleIds.map((a) => `/v1/claims?articleId=${a}&limit=50`),
    sql: (c) => `SELECT * FROM claims WHERE article_id = '${c.articleIds[0]}' ORDER BY created_at, id LIMIT 51`,
  },
  {
    name: 'assigneeId',
    path: (c) => [`/v1/claims?assigneeId=${c.reviewerId}&limit=50`],
    sql: (c) => `SELECT * FROM claims WHERE assignee_id = '${c.reviewerId}' ORDER BY created_at, id LIMIT 51`,
  },
  {
    name: 'q (a rare phrase)',
    // The claims of one generated article of the first 10,000: 100 rows, at either size (full text, as the API).
    path: () => ['/v1/claims?q=%22small%2057%22&limit=50'],
    sql: () =>
      `SELECT * FROM claims WHERE search_vector @@ websearch_to_tsquery('english', '"small 57"') ORDER BY created_at, id LIMIT 51`,
  },
  {
    name: 'type=rule&minScore=0.9',
    path: (c) => c.cursors.map((k) => `/v1/claims?type=rule&minScore=0.9&limit=50&cursor=${k}`),
    sql: () => `SELECT * FROM claims WHERE type = 'rule' AND score >= 0.9 ORDER BY created_at, id LIMIT 51`,
  },
];

async function scaleContext(pg: Client, reviewerId: string): Promise<ScaleCtx> {
  // Cursors spread over the whole table, so deep pages are measured, not only the first.
  const { rows } = await pg.query(`SELECT created_at, id FROM claims ORDER BY random() LIMIT 200`);
  const cursors = rows.map((r) => Buffer.from(`${(r.created_at as Date).toISOString()}|${r.id}`).toString('base64url'));
  const articleIds = (await pg.query(`SELECT id FROM articles ORDER BY random() LIMIT 200`)).rows.map(
    (r) => r.id as string,
  );
  return { cursors, articleIds, reviewerId };
}

let pg: Client;

async function main(): Promise<void> {
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.js'], { env: ENV, stdio: 'inherit' });
  pg = new Client({ connectionString: ENV.DATABASE_URL });
  await pg.connect();
  const token = newToken();
  const {
    rows: [editor],
  } = await pg.query(
    `INSERT INTO users (email, name, role, token_hash) VALUES ('ed@bench', 'Ed', 'editor', $1) RETURNING id`,
    [hashToken(token)],
  );
  const {
    rows: [reviewer],
  } = await pg.query(
    `INSERT INTO users (email, name, role, capacity) VALUES ('r@bench', 'R', 'reviewer', 0) RETURNING id`,
  );
  void editor;
  await generateClaims(pg, 10_000, reviewer.id, 'small');

  const api = startProcess([...PROFILE, 'dist/apps/server/src/main.js'], {
    ...ENV,
    ROLES: 'api',
    MIGRATE_ON_START: 'false',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    API_PROCESSES: values['api-processes'],
  });
  // Every api process's CPU and memory (one process unless --api-processes says more).
  const apiPids = () => withChildren(api.pid!);
  // The reference is only compared with on reads.
  const ref = PARTS.has('reads')
    ? startProcess(['-r', '@swc-node/register', 'scripts/lib/reference-server.ts'], { ...ENV, PORT: String(PORT - 1) })
    : null;
  await Promise.all([
    healthy(API),
    ref &&
      new Promise((ok, fail) => (ref.once('message', ok), ref.once('exit', () => fail(new Error('no reference'))))),
  ]);

  // 1. Reads.
  if (PARTS.has('reads')) {
    const ctx = await scaleContext(pg, reviewer.id);
    const claimIds = (await pg.query(`SELECT id FROM claims ORDER BY random() LIMIT 500`)).rows.map(
      (r) => `/v1/claims/${r.id}`,
    );
    const wanted = new Set(values.reads.split(','));
    const reads = (
      [
        ['me', 'GET /v1/me', ['/v1/me']],
        ['claim', 'GET /v1/claims/:id', claimIds],
        ['page', 'GET /v1/claims (page)', ctx.cursors.map((k) => `/v1/claims?status=queued&limit=50&cursor=${k}`)],
      ] as [string, string, string[]][]
    ).filter(([key]) => wanted.has(key));
    console.log(`\nreads, ${CONNECTIONS} connections, ${SECONDS} s each (api | reference | ratio)`);
    for (const [, name, paths] of reads) {
      await load(API, token, paths, { duration: 2 }); // warm-up
      const c0 = { api: cpuSeconds(...apiPids()), ref: cpuSeconds(ref!.pid!) };
      const ours = await load(API, token, paths);
      const c1 = { api: cpuSeconds(...apiPids()), ref: cpuSeconds(ref!.pid!) };
      const theirs = await load(REF, token, paths);
      // CPU a request (ms) of each server: what bounds its rate on a quiet machine, and moves less with load.
      const cpu = (s: number, r: Run) => ((1000 * s) / (r.rps * SECONDS)).toFixed(2);
      console.log(
        `  ${name.padEnd(22)} ${fmt(ours)} | ${fmt(theirs)} | ${(ours.rps / theirs.rps).toFixed(2)}   CPU a request: ${cpu(c1.api - c0.api, ours)} ms | ${cpu(cpuSeconds(ref!.pid!) - c1.ref, theirs)} ms`,
      );
    }
  }

  // 2. The pipeline, before ingestion so each worker run has its own articles: stage 1 alone (encoder off), then
  // the production defaults (both stages, matching on), each against the extractor alone doing the same scoring.
  if (PARTS.has('pipeline')) {
    const fast = { CHECKWORTHINESS_ENCODER: 'off' };
    const runs: [string, string[], Record<string, string>][] = [
      ['stage 1', bodies(PIPELINE_ARTICLES, 'fast'), fast],
      ['stage 1, matching off', bodies(PIPELINE_ARTICLES, 'nomatch'), { ...fast, MATCHING_ENABLED: 'false' }],
      ['two stages', bodies(STAGE2_ARTICLES, 'stage2'), {}],
    ];
    for (const [name, texts, env] of runs) if (texts.length) await pipelineRun(name, texts, token, api.pid!, env);
  }

  // 3. Ingestion: unique article bodies, the api alone (no worker running).
  if (PARTS.has('ingest')) {
    const texts = bodies(ARTICLES, 'ingest');
    const t0 = performance.now();
    // The api's pool grows to its size under load; count the backends that serve it at the end as well.
    const pgPids0 = await backendPids(pg, DB);
    const cpu0 = {
      api: cpuSeconds(...apiPids()),
      client: cpuSeconds(process.pid),
      machine: machineCpu(),
      redis: redisCpuSeconds(),
    };
    const pgCpu0 = new Map(pgPids0.map((p) => [p, cpuSeconds(p)]));
    const ingest = await post(texts, token, INGEST_CONNECTIONS);
    // Until the last answer: autocannon reports a run of `amount` requests at its next one-second tick (runs of
    // 9.1 s, 8.1 s, 4.1 s...), which read ingestion up to a second slow (10% of 12,000 uploads, 25% of 3,000).
    const ingestSeconds = (ingest.lastAt - t0) / 1000;
    const machine = machineCpu();
    const apiCpu = cpuSeconds(...apiPids()) - cpu0.api;
    const clientCpu = cpuSeconds(process.pid) - cpu0.client;
    const redisCpu = redisCpuSeconds() - cpu0.redis;
    const pgCpu = (await backendPids(pg, DB)).reduce((sum, p) => sum + cpuSeconds(p) - (pgCpu0.get(p) ?? 0), 0);
    const per = (s: number) => `${((1000 * s) / ARTICLES).toFixed(2)} ms`;
    console.log(
      `\ningestion: ${ARTICLES} POST /v1/articles at ${INGEST_CONNECTIONS} connections: ${(ARTICLES / ingestSeconds).toFixed(0)} req/s, p50 ${ingest.latency.p50} ms, p99 ${ingest.latency.p99} ms, ${ingest['2xx']} 2xx, ${ingest.non2xx} other`,
    );
    // Where the machine's CPU went meanwhile (the client, PostgreSQL, Redis and other users of the machine share it).
    // CPU a request, summed over the api, its PostgreSQL backends and Redis, is what bounds the rate on a quiet
    // machine: the cores / that sum (the client's share aside).
    console.log(
      `           CPU a request: api ${per(apiCpu)}, PostgreSQL backends ${per(pgCpu)}, Redis ${per(redisCpu)} (the whole server), client ${per(clientCpu)}; bound on ${cpus().length} idle cores without the client: ${((cpus().length * ARTICLES) / (apiCpu + pgCpu + redisCpu)).toFixed(0)} req/s`,
    );
    console.log(
      `           machine ${(((machine.busy - cpu0.machine.busy) / (machine.total - cpu0.machine.total)) * 100).toFixed(0)}% busy (to autocannon's end, its last tick included) over ${ingestSeconds.toFixed(1)} s (the rest of the machine: ${(machine.busy - cpu0.machine.busy - apiCpu - clientCpu - pgCpu).toFixed(2)} s)`,
    );
  }

  // 4. Scale: the same list queries on 10,000 claims, then on SCALE claims.
  if (PARTS.has('scale') && SCALE > 10_000) {
    const smallTotal = (await pg.query(`SELECT count(*)::int AS n FROM claims`)).rows[0].n as number;
    const small = await scaleRuns(pg, token, reviewer.id);
    const g0 = performance.now();
    await generateClaims(pg, SCALE - smallTotal, reviewer.id, 'large');
    const total = (await pg.query(`SELECT count(*)::int AS n FROM claims`)).rows[0].n;
    console.log(`\nscale: generated up to ${total} claims in ${((performance.now() - g0) / 1000).toFixed(0)} s`);
    const big = await scaleRuns(pg, token, reviewer.id);
    console.log(`scale, ${CONNECTIONS} connections: p99 at ${smallTotal} claims | p99 at ${total} | ratio`);
    for (const q of SCALE_QUERIES) {
      const s = small.get(q.name)!;
      const b = big.get(q.name)!;
      console.log(
        `  ${q.name.padEnd(26)} ${String(s.p99).padStart(4)} ms (${s.rps.toFixed(0)} req/s) | ${String(b.p99).padStart(4)} ms (${b.rps.toFixed(0)} req/s) | ${(b.p99 / Math.max(1, s.p99)).toFixed(2)}`,
      );
    }
    const bigCtx = await scaleContext(pg, reviewer.id);
    console.log('\nplans at the larger size:');
    for (const q of SCALE_QUERIES) {
      const plan = (await pg.query(`EXPLAIN ${q.sql(bigCtx)}`)).rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
      console.log(`  ${q.name}:\n${plan}`);
    }
  }
  console.log(
    `\nmemory:    api peak RSS ${apiPids()
      .map((p) => peakRssMiB(p).toFixed(0))
      .join(' + ')} MiB`,
  );
}

/** POSTs each text once as an article (JSON, bearer token); fails loudly on the first non-2xx. */
async function post(
  texts: string[],
  token: string,
  connections: number,
): Promise<autocannon.Result & { lastAt: number }> {
  let n = 0;
  let lastAt = 0;
  let firstFailure = '';
  const r = await autocannon({
    url: `${API}/v1/articles`,
    connections,
    amount: texts.length,
    method: 'POST',
    requests: [
      {
        // Fresh headers each time: autocannon writes Content-Length into the object it is given.
        setupRequest: (req) => ({
          ...req,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body: texts[n++ % texts.length], source: 'bench' }),
        }),
        onResponse: (status, body) => {
          lastAt = performance.now();
          if (status >= 300 && !firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  if (firstFailure) console.log(`  first failure: ${firstFailure}`);
  return { ...r, lastAt };
}

/**
 * The worker extracting `texts` (posted first, with no worker running) against the extractor alone doing the same
 * scoring on the same bodies in this process: stage 1 alone, or stage 1 and the encoder (8 articles in flight, as
 * the worker's jobs). Timed from the worker's first extraction, so its boot is not counted.
 */
async function pipelineRun(
  name: string,
  texts: string[],
  token: string,
  apiPid: number,
  env: Record<string, string>,
): Promise<void> {
  const extractor = new WinkClaimExtractor();
  for (const b of texts.slice(0, 20)) extractor.extract({ body: b });
  const stage2 = env.CHECKWORTHINESS_ENCODER === 'off' ? null : Stage2Model.load();
  const encoder = stage2 ? new EncoderThreadClient() : null;
  if (encoder) await encoder.encode(['warm up']);
  let next = 0;
  const e0 = performance.now();
  const job = async () => {
    while (next < texts.length) {
      const claims = extractor.extract({ body: texts[next++] });
      if (stage2 && encoder) await stage2.rescore([claims], encoder.encode);
    }
  };
  await Promise.all(Array.from({ length: stage2 ? 8 : 1 }, job));
  const alone = texts.length / ((performance.now() - e0) / 1000);
  await encoder?.close();

  await post(texts, token, 16);
  const received = async () =>
    (await pg.query(`SELECT count(*)::int AS n FROM articles WHERE status = 'received'`)).rows[0].n as number;
  const waiting = await received();
  const worker = startProcess([...PROFILE, 'dist/apps/server/src/main.js'], {
    ...ENV,
    ...env,
    ROLES: 'worker',
    MIGRATE_ON_START: 'false',
  });
  await waitFor(async () => (await received()) < waiting, 120_000, 20);
  const p0 = performance.now();
  const left0 = await received();
  const cpu0 = { worker: cpuSeconds(worker.pid!), redis: redisCpuSeconds() };
  const pgCpu0 = new Map((await backendPids(pg, DB)).map((p) => [p, cpuSeconds(p)]));
  await waitFor(async () => (await received()) === 0, 1_800_000, 100);
  const rate = left0 / ((performance.now() - p0) / 1000);
  const pgCpu = (await backendPids(pg, DB)).reduce((sum, p) => sum + cpuSeconds(p) - (pgCpu0.get(p) ?? 0), 0);
  const per = (s: number) => `${((1000 * s) / left0).toFixed(1)} ms`;
  console.log(
    `\npipeline, ${name}: ${texts.length} articles of 20 sentences: worker ${rate.toFixed(1)} articles/s | extractor alone ${alone.toFixed(1)} articles/s | ratio ${(rate / alone).toFixed(2)}`,
  );
  console.log(
    `           CPU an article: worker ${per(cpuSeconds(worker.pid!) - cpu0.worker)} (all its threads), PostgreSQL backends ${per(pgCpu)}, Redis ${per(redisCpuSeconds() - cpu0.redis)} (the whole server)`,
  );
  console.log(
    `           peak RSS: worker ${peakRssMiB(worker.pid!).toFixed(0)} MiB, api ${peakRssMiB(apiPid).toFixed(0)} MiB`,
  );
  await new Promise((ok) => {
    worker.once('exit', ok);
    worker.kill('SIGTERM');
  });
}

async function scaleRuns(pg: Client, token: string, reviewerId: string): Promise<Map<string, Run>> {
  const ctx = await scaleContext(pg, reviewerId);
  const out = new Map<string, Run>();
  for (const q of SCALE_QUERIES) {
    await load(API, token, q.path(ctx), { duration: 1 }); // warm-up
    out.set(q.name, await load(API, token, q.path(ctx), { duration: Math.min(SECONDS, 5) }));
  }
  return out;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await pg?.end().catch(() => undefined);
    await cleanUp(DB, DB);
  });
