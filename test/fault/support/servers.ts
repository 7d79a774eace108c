import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';

/** A TCP port nothing listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The newest installed PostgreSQL server binaries (Debian layout), or those on PATH. */
function pgBin(tool: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', tool)));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin', tool);
  }
  return tool;
}

/** PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` OS user. */
function asPgUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temp dir, a free port), so a test may stop it without
 * touching the shared server. Durability is off: the data only has to survive a stop and a start.
 */
export class PgCluster {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-fault-pg-'));
  port = 0;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(db: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    if (process.getuid?.() === 0) chownSync(this.dir, uidOf('postgres'), gidOf('postgres'));
    run(
      ...asPgUser(pgBin('initdb'), [
        '-D',
        path.join(this.dir, 'data'),
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
      ]),
    );
    await this.start();
  }

  async start(): Promise<void> {
    const opts = [
      `-p ${this.port}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${this.dir}`,
      `-c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      `-c max_connections=200 -c shared_buffers=64MB`,
    ].join(' ');
    await runAsync(
      ...asPgUser(pgBin('pg_ctl'), [
        '-D',
        path.join(this.dir, 'data'),
        '-o',
        opts,
        '-l',
        path.join(this.dir, 'log'),
        '-w',
        '-t',
        '60',
        'start',
      ]),
    );
  }

  /** A fast stop: sessions are terminated, as when a server goes down under load. Async: the test's clients keep running. */
  async stop(): Promise<void> {
    await runAsync(
      ...asPgUser(pgBin('pg_ctl'), ['-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']),
    );
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined); // already stopped
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of the test's own, without persistence: stopping it and starting it again gives an empty Redis. */
export class RedisServer {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-fault-redis-'));
  port = 0;
  private proc: ChildProcess | null = null;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      {
        stdio: 'ignore',
      },
    );
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined); // refused until the server listens
    for (let i = 0; i < 100; i++) {
      try {
        await client.connect();
        await client.ping();
        client.disconnect();
        return;
      } catch {
        client.disconnect();
        await sleep(100);
      }
    }
    throw new Error('redis-server did not start');
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
    this.proc = null;
  }

  /** Freezes the server: connections stay open, nothing answers (as a hung host or a long fork). */
  pause(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  async flushAll(): Promise<void> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    await client.flushall();
    client.disconnect();
  }

  async destroy(): Promise<void> {
    this.resume();
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function runAsync(cmd: string, args: string[]): Promise<void> {
  await promisify(execFile)(cmd, args);
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
