/**
 * The real worker process (dist/, ROLES=worker, production defaults: stage 2 and matching on) extracting a stream
 * of articles from its own database and BullMQ prefix: articles/s and the peak RSS of the whole process (main
 * thread, extraction threads and the encoder thread share it). Used by scripts/bench-extraction.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { benchApiEnv, cleanUp, cpuSeconds, peakRssMiB, rssMiB, startProcess, waitFor } from './bench-support';

export interface WorkerBenchResult {
  articles: number;
  seconds: number;
  bootSeconds: number;
  claims: number;
  encoded: number;
  peakRssMiB: number;
  cpuSecondsPerArticle: number;
}

// BENCH_DIST: another build to compare with (e.g. main's, built elsewhere); dist/ by default.
const DIST = process.env.BENCH_DIST ?? 'dist';
const SERVER = `${DIST}/apps/server/src/main.js`;

export async function benchWorker(
  bodies: string[],
  env: Record<string, string> = {},
): Promise<WorkerBenchResult | null> {
  if (!existsSync(SERVER)) return null;
  const db = `claimdesk_xbench_${Date.now().toString(36)}`;
  const ENV = benchApiEnv(db, '3979', { ROLES: 'worker', MIGRATE_ON_START: 'false', ...env });
  execFileSync(process.execPath, [`${DIST}/libs/database/src/migrate.js`], {
    env: ENV,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pg = new Client({ connectionString: ENV.DATABASE_URL });
  await pg.connect();
  try {
    // Already waiting when the worker starts: its first sweep (at boot) queues them, as after an outage.
    await pg.query(
      `INSERT INTO articles (title, body, body_hash, created_at)
       SELECT 'bench ' || k, b, md5(k || b), now() - interval '1 minute' FROM unnest($1::text[]) WITH ORDINALITY AS t(b, k)`,
      [bodies],
    );
    const count = async (where: string) =>
      (await pg.query(`SELECT count(*)::int AS n FROM articles WHERE ${where}`)).rows[0].n as number;
    const t0 = performance.now();
    const worker = startProcess([SERVER], ENV);
    // Timed from the first article done, so boot and the encoder's load are not counted.
    await waitFor(async () => (await count(`status <> 'received'`)) > 0, 120_000, 20);
    const t1 = performance.now();
    const first = await count(`status <> 'received'`);
    const cpu0 = cpuSeconds(worker.pid!);
    let peakSeen = 0;
    await waitFor(
      async () => {
        peakSeen = Math.max(peakSeen, rssMiB(worker.pid!));
        return (await count(`status = 'received'`)) === 0;
      },
      1_800_000,
      100,
    );
    const seconds = (performance.now() - t1) / 1000;
    const cpu = cpuSeconds(worker.pid!) - cpu0;
    const peak = Math.max(peakSeen, peakRssMiB(worker.pid!));
    const failed = await count(`status = 'failed'`);
    if (failed) console.log(`  worker: ${failed} articles failed!`);
    const {
      rows: [c],
    } = await pg.query(
      `SELECT count(*)::int AS claims, count(*) FILTER (WHERE embedding IS NOT NULL)::int AS encoded FROM claims`,
    );
    return {
      articles: bodies.length - first,
      seconds,
      bootSeconds: (t1 - t0) / 1000,
      claims: c.claims as number,
      encoded: c.encoded as number,
      peakRssMiB: peak,
      cpuSecondsPerArticle: cpu / (bodies.length - first),
    };
  } finally {
    await pg.end();
    await cleanUp(db, db);
  }
}
