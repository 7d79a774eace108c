/** What the benchmark scripts share: child processes from dist/, peak memory, waiting, and leaving nothing behind. */
import { ChildProcess, spawn } from 'node:child_process';
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
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
