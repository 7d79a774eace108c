/**
 * `npm run bench:bulk-post -- [--articles 20000] [--batch 100] [--concurrency 4]`: the api's memory under a stream
 * of bulk uploads. Starts the api alone (from the sources through swc, on a fresh database and BullMQ prefix, on
 * 127.0.0.1), sends `POST /v1/articles/bulk` with `--batch` generated articles each, `--concurrency` at a time,
 * samples the api's resident memory every 100 ms, and prints articles/s, the RSS after warm-up and at each quarter
 * of the stream, and the peak (VmHWM). Flat means the last quarter's peak is about the first's. Asserts nothing;
 * drops what it made. Run it alone: `flock /tmp/claimdesk-suite.lock npm run bench:bulk-post`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchApiEnv, cleanUp, healthy, peakRssMiB, rssMiB, startProcess } from './lib/bench-support';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    port: { type: 'string', default: '3997' },
  },
});
const ARTICLES = Number(values.articles);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const BASE = `http://127.0.0.1:${values.port}`;
const DB = `claimdesk_bench_bulk_${Date.now().toString(36)}`;
const FILE = join(tmpdir(), `${DB}.jsonl`);
const ENV = benchApiEnv(DB, values.port, {
  BULK_MAX_ARTICLES: String(BATCH),
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_INGEST_PER_MINUTE: '100000000',
});
const swc = (args: string[]) =>
  execFileSync(process.execPath, ['-r', '@swc-node/register', ...args], { env: ENV, encoding: 'utf8' });

async function post(path: string, token: string, body: unknown) {
  const res = await fetch(BASE + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

async function main(): Promise<void> {
  swc(['scripts/generate-articles.ts', '--count', String(ARTICLES), '--out', FILE]);
  swc(['libs/database/src/migrate.ts']);
  const admin = swc([
    'apps/cli/src/main.ts',
    'users:create',
    '--email',
    'b@example.org',
    '--name',
    'B',
    '--role',
    'admin',
  ])
    .trim()
    .split('\n')
    .at(-1)!;
  const lines = readFileSync(FILE, 'utf8').trim().split('\n');
  const api = startProcess(['-r', '@swc-node/register', 'apps/api/src/main.ts'], ENV);
  await healthy(BASE, 120_000);
  const editor = (await post('/v1/users', admin, { email: 'e@example.org', name: 'E', role: 'editor' }))
    .token as string;

  const batches: unknown[][] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(lines.slice(i, i + BATCH).map((l) => JSON.parse(l)));
  const samples: { at: number; rss: number }[] = [];
  const sampler = setInterval(() => samples.push({ at: done, rss: rssMiB(api.pid!) }), 100);
  let next = 0;
  let done = 0;
  let created = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const r = await post('/v1/articles/bulk', editor, { items: batches[next++] });
        created += r.created as number;
        done++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const quarter = (q: number) => {
    const inQ = samples.filter((s) => s.at >= (q * batches.length) / 4 && s.at < ((q + 1) * batches.length) / 4);
    return inQ.length ? Math.max(...inQ.map((s) => s.rss)) : NaN;
  };
  console.log(
    `bulk POST stream: ${batches.length} requests of ${BATCH} (${CONCURRENCY} in flight), ${created} articles created ` +
      `in ${seconds.toFixed(1)} s: ${(created / seconds).toFixed(0)} articles/s`,
  );
  console.log(
    `api RSS (MiB) peak per quarter of the stream: ${[0, 1, 2, 3].map((q) => quarter(q).toFixed(0)).join(' / ')}; ` +
      `peak (VmHWM) ${peakRssMiB(api.pid!).toFixed(0)} MiB`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanUp(DB, DB).then(() => execFileSync('rm', ['-f', FILE])));
