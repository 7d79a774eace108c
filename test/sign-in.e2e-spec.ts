import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestEnv, type Response } from './support/test-env';

const ROOT = join(__dirname, '..');
const PASSWORD = 'correct horse battery staple';

/** `npm run cli -- users:create ... --password-stdin`, from source, with the password written to its stdin. */
function cliWithStdin(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => ok({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function cookiesOf(res: Response): Record<string, string> {
  const raw = [res.headers['set-cookie'] ?? []].flat() as string[];
  return Object.fromEntries(raw.map((c) => [c.slice(0, c.indexOf('=')), c]));
}

/** A signed-in browser: the cookie header and CSRF token that login set. */
function browser(res: Response) {
  const c = cookiesOf(res);
  const value = (name: string) => decodeURIComponent(c[name].split(';')[0].split('=')[1]);
  return {
    cookie: `cd_session=${value('cd_session')}; cd_csrf=${value('cd_csrf')}`,
    csrf: value('cd_csrf'),
  };
}

describe('sign-in (console sessions)', () => {
  let env: TestEnv;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start({ env: { LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'true' } });
    admin = await env.user('admin');
  });
  afterAll(() => env.close());

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    env.request('POST', '/v1/auth/login', { body: { email, password }, headers });

  async function userWithPassword(role: 'admin' | 'editor' | 'reviewer' = 'editor') {
    const u = await env.user(role);
    const inv = await env.request('POST', `/v1/users/${u.id}/invite`, { token: admin.token });
    expect(inv.status).toBe(201);
    const acc = await env.request('POST', '/v1/auth/accept-invite', {
      body: { token: inv.body.token, password: PASSWORD },
    });
    expect(acc.status).toBe(200);
    return u;
  }

  describe('users:create --password-stdin', () => {
    it('gives the first admin a password to sign in with, and refuses a short one', async () => {
      const r = await cliWithStdin(
        [
          'users:create',
          '--email',
          'first@example.org',
          '--name',
          'First Admin',
          '--role',
          'admin',
          '--password-stdin',
        ],
        `${PASSWORD}\n`,
      );
      expect(r.code).toBe(0);
      const res = await login('first@example.org', PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email: 'first@example.org', role: 'admin', name: 'First Admin' });

      const short = await cliWithStdin(
        ['users:create', '--email', 'short@example.org', '--name', 'S', '--role', 'admin', '--password-stdin'],
        'short\n',
      );
      expect(short.code).toBe(2);
      expect(short.stderr).toMatch(/at least 10 characters/);
      expect(await env.sql(`SELECT 1 FROM users WHERE email = 'short@example.org'`)).toEqual([]);
    });
  });

  describe('login', () => {
    it('sets an httpOnly SameSite session cookie (Secure over TLS) stored hashed server-side; /v1/me answers', async () => {
      const u = await userWithPassword();
      const res = await login(u.email, PASSWORD, { 'x-forwarded-proto': 'https' });
      expect(res.status).toBe(200);
      const c = cookiesOf(res);
      expect(c.cd_session).toMatch(/HttpOnly/);
      expect(c.cd_session).toMatch(/SameSite=Lax/);
      expect(c.cd_session).toMatch(/Secure/);
      expect(c.cd_session).toMatch(/Max-Age=43\d\d\d/);
      expect(c.cd_csrf).not.toMatch(/HttpOnly/);
      expect(c.cd_csrf).toMatch(/SameSite=Strict/);
      const b = browser(res);
      expect(res.body.csrfToken).toBe(b.csrf);
      const [row] = await env.sql(`SELECT id_hash, expires_at FROM sessions WHERE user_id = $1`, [u.id]);
      expect(row.id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(b.cookie).not.toContain(row.id_hash);
      expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);

      const me = await env.request('GET', '/v1/me', { headers: { cookie: b.cookie } });
      expect(me.body).toMatchObject({ id: u.id, email: u.email });
      const plain = await login(u.email, PASSWORD);
      expect(cookiesOf(plain).cd_session).not.toMatch(/Secure/);
    });

    it('answers 401 alike for a wrong password and an unknown email; no cookie', async () => {
      const u = await userWithPassword();
      const wrong = await login(u.email, 'not the password at all');
      const unknown = await login('nobody@example.org', PASSWORD);
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(wrong.body.message).toBe(unknown.body.message);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('limits repeated failed sign-ins: 429 with Retry-After, even with the right password', async () => {
      const u = await userWithPassword();
      for (let i = 0; i < 3; i++) expect((await login(u.email, `wrong password ${i}`)).status).toBe(401);
      const locked = await login(u.email, PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses a user without a password, and an inactive one', async () => {
      const u = await env.user('editor');
      expect((await login(u.email, PASSWORD)).status).toBe(401);
      const v = await userWithPassword();
      await env.request('PATCH', `/v1/users/${v.id}`, { token: admin.token, body: { active: false } });
      expect((await login(v.email, PASSWORD)).status).toBe(401);
    });
  });

  describe('sessions end at once', () => {
    it('on sign-out: the cookie no longer works and the row is gone', async () => {
      const u = await userWithPassword();
      const b = browser(await login(u.email, PASSWORD));
      const count = async () => (await env.sql(`SELECT 1 FROM sessions WHERE user_id = $1`, [u.id])).length;
      expect(await count()).toBe(2); // accepting the invite signed in too
      const out = await env.request('POST', '/v1/auth/logout', {
        headers: { cookie: b.cookie, 'x-csrf-token': b.csrf },
      });
      expect(out.status).toBe(204);
      expect(cookiesOf(out).cd_session).toMatch(/Max-Age=0/);
      expect((await env.request('GET', '/v1/me', { headers: { cookie: b.cookie } })).status).toBe(401);
      expect(await count()).toBe(1);
    });

    it('on deactivation: every session of the user is deleted', async () => {
      const u = await userWithPassword('reviewer');
      const b1 = browser(await login(u.email, PASSWORD));
      const b2 = browser(await login(u.email, PASSWORD));
      expect((await env.request('GET', '/v1/me', { headers: { cookie: b1.cookie } })).status).toBe(200);
      await env.request('PATCH', `/v1/users/${u.id}`, { token: admin.token, body: { active: false } });
      for (const b of [b1, b2])
        expect((await env.request('GET', '/v1/me', { headers: { cookie: b.cookie } })).status).toBe(401);
      expect(await env.sql(`SELECT 1 FROM sessions WHERE user_id = $1`, [u.id])).toEqual([]);
    });

    it('when the session expires', async () => {
      const u = await userWithPassword();
      const b = browser(await login(u.email, PASSWORD));
      await env.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
      expect((await env.request('GET', '/v1/me', { headers: { cookie: b.cookie } })).status).toBe(401);
    });
  });

  describe('CSRF on cookie-authenticated state changes', () => {
    const article = { body: 'Unemployment fell to 3.1 percent last year, the ministry said.' };

    it('refuses a state change without the X-CSRF-Token header, with a wrong one, or from another origin', async () => {
      const u = await userWithPassword('editor');
      const b = browser(await login(u.email, PASSWORD));
      const post = (headers: Record<string, string>) =>
        env.request('POST', '/v1/articles', { body: article, headers: { cookie: b.cookie, ...headers } });
      const none = await post({});
      expect(none.status).toBe(403);
      expect(none.body.message).toMatch(/CSRF/);
      expect((await post({ 'x-csrf-token': 'x'.repeat(43) })).status).toBe(403);
      expect((await post({ 'x-csrf-token': b.csrf, origin: 'https://evil.example' })).status).toBe(403);
      expect(await env.sql(`SELECT 1 FROM articles`)).toEqual([]);
      const good = await post({ 'x-csrf-token': b.csrf, origin: 'http://localhost:3000', host: 'localhost:3000' });
      expect(good.status).toBe(201);
      expect((await post({ 'x-csrf-token': b.csrf })).status).toBe(200); // same article again: no origin header
    });

    it('needs no CSRF token for reads, nor for bearer-token callers', async () => {
      const u = await userWithPassword('editor');
      const b = browser(await login(u.email, PASSWORD));
      expect((await env.request('GET', '/v1/claims', { headers: { cookie: b.cookie } })).status).toBe(200);
      const bearer = await env.request('POST', '/v1/articles', {
        token: u.token,
        body: { body: 'Exports rose by 12 percent in 2024, officials said.' },
      });
      expect(bearer.status).toBe(201);
    });

    it('keeps roles: a reviewer session gets 403 on an editor route', async () => {
      const u = await userWithPassword('reviewer');
      const b = browser(await login(u.email, PASSWORD));
      const res = await env.request('GET', '/v1/users', { headers: { cookie: b.cookie } });
      expect(res.status).toBe(403);
    });
  });

  describe('invites', () => {
    it('are one-time: the link sets the password and signs in once; a second use is refused', async () => {
      const u = await env.user('reviewer');
      const inv = await env.request('POST', `/v1/users/${u.id}/invite`, { token: admin.token });
      expect(inv.body).toMatchObject({
        token: expect.stringMatching(/^cdi_/),
        path: `/accept-invite#token=${inv.body.token}`,
      });
      const acc = await env.request('POST', '/v1/auth/accept-invite', {
        body: { token: inv.body.token, password: PASSWORD },
      });
      expect(acc.status).toBe(200);
      expect(acc.body.user.id).toBe(u.id);
      expect((await env.request('GET', '/v1/me', { headers: { cookie: browser(acc).cookie } })).status).toBe(200);
      const again = await env.request('POST', '/v1/auth/accept-invite', {
        body: { token: inv.body.token, password: 'another password here' },
      });
      expect(again.status).toBe(401);
      expect((await login(u.email, PASSWORD)).status).toBe(200);
    });

    it('expire, refuse a short password (400), and are refused for an inactive user (409)', async () => {
      const u = await env.user('reviewer');
      const inv = await env.request('POST', `/v1/users/${u.id}/invite`, { token: admin.token });
      const short = await env.request('POST', '/v1/auth/accept-invite', {
        body: { token: inv.body.token, password: 'short' },
      });
      expect(short.status).toBe(400);
      await env.sql(`UPDATE users SET invite_expires_at = now() - interval '1 second' WHERE id = $1`, [u.id]);
      const late = await env.request('POST', '/v1/auth/accept-invite', {
        body: { token: inv.body.token, password: PASSWORD },
      });
      expect(late.status).toBe(401);
      await env.request('PATCH', `/v1/users/${u.id}`, { token: admin.token, body: { active: false } });
      expect((await env.request('POST', `/v1/users/${u.id}/invite`, { token: admin.token })).status).toBe(409);
    });
  });
});
