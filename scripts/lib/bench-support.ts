/** What the benchmark scripts share: child processes from dist/, peak memory, waiting, and leaving nothing behind. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';

export const procs: ChildProcess[] = [];

export function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: 'ignore' | 'inherit' = 'ignore',
): ChildProcess {
  const p = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'inherit', 'ipc'] });
  procs.push(p);
  return p;
}

/** Peak resident memory (VmHWM) of a running process, MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Resident memory (VmRSS) of a running process now, MiB. */
export function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** The environment of an api started for a benchmark: production mode, its own database and BullMQ prefix, 127.0.0.1. */
export function benchApiEnv(db: string, port: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
    QUEUE_PREFIX: db,
    PORT: port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

/** CPU seconds (user + system) a process has used so far; by process group when `pids` holds many. */
/** A process and its children (an api primary and the api processes it forked, API_PROCESSES > 1). */
export function withChildren(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return [pid, ...(children ? children.split(' ').map(Number) : [])];
  } catch {
    return [pid];
  }
}

export function cpuSeconds(...pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** The machine's busy and total CPU seconds so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: (total - f[3] - f[4]) / 100, total: total / 100 };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, pollMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error('timed out');
}

export async function healthy(base: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, timeoutMs);
}

/** Stops the children, drops the database and the queue keys of this run. */
export async function cleanUp(db: string, prefix: string): Promise<void> {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await admin.end();
  await dropQueueKeys(prefix);
}

/** Deletes the BullMQ keys under `prefix`. */
export async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** The pids of PostgreSQL's backends serving database `db` now (the api's and worker's pools). */
export async function backendPids(pg: Client, db: string): Promise<number[]> {
  return (
    await pg.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db])
  ).rows.map((r: { pid: number }) => r.pid);
}

/** CPU seconds the Redis server has used so far (all its clients: other users of the machine included). */
export function redisCpuSeconds(): number {
  const info = execFileSync('redis-cli', ['-h', '127.0.0.1', 'info', 'cpu'], { encoding: 'utf8' });
  const get = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return get('used_cpu_user') + get('used_cpu_sys');
}

/** One extracted article to hang generated claims on (the stats and export benches fill claims by SQL). */
export async function insertBenchArticle(db: Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO articles (body, body_hash, language, status) VALUES ('bench', md5('bench'), 'en', 'extracted') RETURNING id`,
  );
  return rows[0].id;
}
