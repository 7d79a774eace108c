import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { runMigrations } from '@claimdesk/database';
import { eventually } from './support/test-env';

const ROOT = join(__dirname, '..');
const ARTICLE = readFileSync(join(ROOT, '../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return port;
}

function databaseUrl(name: string): string {
  const url = new URL(process.env.CLAIMDESK_TEST_TEMPLATE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function appliedMigrations(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SELECT count(*)::int AS n FROM migrations')).rows[0].n;
  } finally {
    await c.end();
  }
}

/** `npm start`'s process (from source, as the build runs it): api and worker in one process. */
describe('npm start (api and worker in one process)', () => {
  const name = `${process.env.CLAIMDESK_TEST_RUN}_server`;
  let proc: ChildProcess;
  let output = '';
  let port: number;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    port = await freePort();
    env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(name), // does not exist yet: the start creates and migrates it
      QUEUE_PREFIX: name,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SWEEP_INTERVAL_MS: '600000',
    };
    proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/server/src/main.ts'], { cwd: ROOT, env });
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
  }, 60000);

  afterAll(() => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  });

  it('creates the database, applies the migrations, then serves and extracts', async () => {
    const health = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return res.status === 200 && res.json();
    }, 60000).catch((err) => {
      throw new Error(`${err}\n${output}`);
    });
    expect(health).toMatchObject({ postgres: 'up', redis: 'up' });
    expect(await appliedMigrations(env.DATABASE_URL!)).toBeGreaterThan(0);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/cli/src/main.ts',
        'users:create',
        '--email',
        'ed@example.org',
        '--name',
        'Ed',
        '--role',
        'editor',
      ],
      { cwd: ROOT, env: { ...env, LOG_LEVEL: 'silent' } },
    );
    const token = stdout.trim().split('\n').at(-1)!;
    const posted = await fetch(`http://127.0.0.1:${port}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: ARTICLE,
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    // Only a worker extracts: reaching `extracted` proves the worker runs in this process.
    const article = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/articles/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { status: string };
      return body.status === 'extracted' && body;
    }, 30000);
    expect(article.status).toBe('extracted');
  }, 120000);

  it('stops both roles and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
    proc.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((ok) => setTimeout(() => ok('still running'), 15000).unref()),
    ]);
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 30000);

  it('migrates once when several processes start together (advisory lock)', async () => {
    const url = databaseUrl(`${name}_race`);
    const ran = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    const counts = ran.map((r) => r.length).sort();
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBe(0);
    expect(counts[2]).toBe(await appliedMigrations(url));
  }, 60000);
});

/** The pids of a process's children (the cluster's api processes). */
function childPids(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').map(Number).filter(Boolean);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A request on a connection of its own, so the cluster's turn-taking hands it to either api process. */
function getOnce(url: string): Promise<number> {
  return new Promise((ok, fail) =>
    httpGet(url, { agent: false }, (res) => {
      res.resume();
      ok(res.statusCode!);
    }).on('error', fail),
  );
}

describe('npm start with API_PROCESSES=2 (api processes sharing the port)', () => {
  const name = `${process.env.CLAIMDESK_TEST_RUN}_cluster`;
  let proc: ChildProcess;
  let output = '';
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(name),
      QUEUE_PREFIX: name,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ROLES: 'api',
      API_PROCESSES: '2',
    };
    proc = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/server/src/main.ts'], { cwd: ROOT, env });
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    await eventually(
      async () => childPids(proc.pid!).length === 2 && (await getOnce(`${base}/health`)) === 200,
      60000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${output}`);
    });
  }, 90000);

  afterAll(() => {
    for (const pid of childPids(proc.pid!)) process.kill(pid, 'SIGKILL');
    if (proc.exitCode === null) proc.kill('SIGKILL');
  });

  it('serves from both processes and /metrics counts the requests of both', async () => {
    for (let i = 0; i < 30; i++) expect(await getOnce(`${base}/v1/no-such-route`)).toBe(404);
    const text = await (await fetch(`${base}/metrics`)).text();
    // One process alone would count about half: the scrape sums every process's registry.
    expect(text).toMatch(/^http_requests_total\{method="GET",route="unmatched",status="404"\} 30$/m);
    // Shared state (the dependency probe) is reported once, not once per process.
    expect(text).toMatch(/^claimdesk_dependency_up\{dependency="postgres"\} 1$/m);
  });

  it('starts another api process when one dies', async () => {
    const [victim] = childPids(proc.pid!);
    process.kill(victim, 'SIGKILL');
    const replaced = await eventually(async () => {
      const pids = childPids(proc.pid!);
      return pids.length === 2 && !pids.includes(victim) && pids;
    }, 30000);
    expect(replaced).not.toContain(victim);
    expect(await getOnce(`${base}/health`)).toBe(200);
  }, 40000);

  it('stops every api process and exits 0 on SIGTERM', async () => {
    const pids = childPids(proc.pid!);
    const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
    proc.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((ok) => setTimeout(() => ok('still running'), 20000).unref()),
    ]);
    expect(code).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  }, 30000);
});
