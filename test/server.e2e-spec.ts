import { ChildProcess, execFile, spawn } from 'node:child_process';
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
    const code = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok('still running'), 15000))]);
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
