/**
 * `npm run bench:export -- [--claims 100000]`: GET /v1/claims/export.csv over many claims. Fills a scratch
 * database (its own name, dropped at the end) with `--claims` claims in one INSERT … SELECT generate_series (every
 * 10th published with a verdict), starts the api alone on 127.0.0.1, downloads the CSV while sampling the api's
 * resident memory, and prints rows, seconds and the api's RSS (idle, peak during the download, VmHWM) and the peaks
 * of its process.memoryUsage() (scripts/lib/mem-probe.ts). Flat memory means the peak stays near idle whatever
 * `--claims`. `--read-kib-s N` reads slowly (back-pressure), `--live-heap` samples after a forced GC, `--heap-prof
 * DIR` writes a V8 heap profile. Asserts nothing. Run it alone:
 * `flock /tmp/claimdesk-suite.lock npm run bench:export`.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import {
  benchApiEnv,
  cleanUp,
  healthy,
  insertBenchArticle,
  peakRssMiB,
  rssMiB,
  startProcess,
} from './lib/bench-support';

const { values } = parseArgs({
  options: {
    claims: { type: 'string', default: '100000' },
    port: { type: 'string', default: '3996' },
    // A slow client: read at most this many KiB per second (0: as fast as the data comes).
    'read-kib-s': { type: 'string', default: '0' },
    // Write a V8 heap profile of the api (--heap-prof) into this directory.
    'heap-prof': { type: 'string' },
    // Collect garbage before each memory sample (--expose-gc): the live heap, not V8's garbage awaiting collection.
    'live-heap': { type: 'boolean', default: false },
  },
});
const CLAIMS = Number(values.claims);
const BASE = `http://127.0.0.1:${values.port}`;
const DB = `claimdesk_bench_export_${Date.now().toString(36)}`;
const ENV = benchApiEnv(DB, values.port);
const swc = (args: string[]) =>
  execFileSync(process.execPath, ['-r', '@swc-node/register', ...args], { env: ENV, encoding: 'utf8' });

async function fill(authorId: string): Promise<void> {
  const db = new Client({ connectionString: ENV.DATABASE_URL });
  await db.connect();
  try {
    const article = { id: await insertBenchArticle(db) };
    // Text with commas, quotes and a formula-looking start now and then, so the escaping is part of the cost.
    await db.query(
      `INSERT INTO claims (article_id, text, sentence, span_start, span_end, section, type, score, scored_by, status, created_at)
       SELECT $1, t, t, i * 200, i * 200 + 100, 'body', 'quantity', (i % 100) / 100.0, '{fast}',
              CASE WHEN i % 10 = 0 THEN 'published' ELSE 'new' END, now() - (i || ' seconds')::interval
         FROM (SELECT i, CASE WHEN i % 7 = 0 THEN '=' ELSE '' END || 'Claim ' || i || ', said "someone", about '
                         || md5(i::text) || ' and ' || md5((i + 1)::text) AS t
                 FROM generate_series(1, $2::int) i) s`,
      [article.id, CLAIMS],
    );
    await db.query(
      `INSERT INTO verdicts (claim_id, version, rating, summary, sources, status, author_id, reviewed_at)
       SELECT id, 1, 'false', 'Checked, "wrong".', '[]', 'approved', $1, now() FROM claims WHERE status = 'published'`,
      [authorId],
    );
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  swc(['libs/database/src/migrate.ts']);
  const created = swc([
    'apps/cli/src/main.ts',
    'users:create',
    '--email',
    'b@example.org',
    '--name',
    'B',
    '--role',
    'admin',
  ]).trim();
  const admin = created.split('\n').at(-1)!;
  const db = new Client({ connectionString: ENV.DATABASE_URL });
  await db.connect();
  const [{ id: adminId }] = (await db.query<{ id: string }>(`SELECT id FROM users LIMIT 1`)).rows;
  await db.end();
  const t0 = performance.now();
  await fill(adminId);
  console.log(`filled ${CLAIMS} claims in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const prof = [
    ...(values['heap-prof'] ? ['--heap-prof', `--heap-prof-dir=${values['heap-prof']}`] : []),
    ...(values['live-heap'] ? ['--expose-gc'] : []),
  ];
  const api = startProcess(
    [...prof, '-r', '@swc-node/register', '-r', './scripts/lib/mem-probe.ts', 'apps/api/src/main.ts'],
    ENV,
  );
  await healthy(BASE, 120_000);
  await new Promise((r) => setTimeout(r, 500));
  const idle = rssMiB(api.pid!);
  let peak = idle;
  const mem = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  let idleMem: NodeJS.MemoryUsage | undefined;
  let sampling = false;
  api.on('message', (m: { mem: NodeJS.MemoryUsage }) => {
    if (!sampling) return void (idleMem = m.mem);
    for (const k of Object.keys(mem) as (keyof typeof mem)[]) mem[k] = Math.max(mem[k], m.mem[k]);
  });
  await new Promise((r) => setTimeout(r, 200));
  sampling = true;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(api.pid!))), 50);
  const readBps = Number(values['read-kib-s']) * 1024;
  const t1 = performance.now();
  const res = await fetch(`${BASE}/v1/claims/export.csv`, { headers: { authorization: `Bearer ${admin}` } });
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  const decoder = new TextDecoder();
  for await (const chunk of res.body!) {
    bytes += chunk.length;
    // Slow reader: wait until the bytes so far fit the rate; meanwhile the socket's buffers fill and TCP pushes back.
    const ahead = bytes / readBps - (performance.now() - t1) / 1000;
    if (readBps > 0 && ahead > 0) await new Promise((r) => setTimeout(r, ahead * 1000));
    // The generated texts hold no line breaks: one LF per row, even when CR and LF land in two chunks.
    lines += decoder.decode(chunk, { stream: true }).split('\n').length - 1;
  }
  const seconds = (performance.now() - t1) / 1000;
  clearInterval(sampler);
  console.log(
    `export.csv: ${lines - 1} rows (+ header), ${(bytes / 2 ** 20).toFixed(1)} MiB in ${seconds.toFixed(1)} s ` +
      `(${((lines - 1) / seconds).toFixed(0)} rows/s)`,
  );
  console.log(
    `api RSS (MiB): idle ${idle.toFixed(0)}, peak during the download ${peak.toFixed(0)}, ` +
      `VmHWM ${peakRssMiB(api.pid!).toFixed(0)}`,
  );
  const mib = (n = 0) => (n / 2 ** 20).toFixed(0);
  console.log(
    `api memoryUsage (MiB), idle -> peak: heapUsed ${mib(idleMem?.heapUsed)} -> ${mib(mem.heapUsed)}, ` +
      `heapTotal ${mib(idleMem?.heapTotal)} -> ${mib(mem.heapTotal)}, external ${mib(idleMem?.external)} -> ` +
      `${mib(mem.external)}, arrayBuffers ${mib(idleMem?.arrayBuffers)} -> ${mib(mem.arrayBuffers)}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanUp(DB, DB));
