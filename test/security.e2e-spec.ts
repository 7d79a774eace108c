import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthCache } from '@claimdesk/users';
import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';
import { helmetHeaders } from '../apps/api/src/http/security-headers';

describe('security', () => {
  describe('tokens', () => {
    let env: TestEnv;
    let admin: string;
    beforeAll(async () => {
      env = await TestEnv.start();
      admin = (await env.user('admin')).token;
    });
    afterAll(() => env.close());

    it('issues 256-bit random tokens and stores only their SHA-256', async () => {
      const res = await env.request('POST', '/v1/users', {
        token: admin,
        body: { email: 'a@example.org', name: 'A', role: 'editor' },
      });
      const token: string = res.body.token;
      expect(Buffer.from(token.replace(/^cdk_/, ''), 'base64url').length).toBeGreaterThanOrEqual(32);
      const [row] = await env.sql('SELECT token_hash FROM users WHERE id = $1', [res.body.id]);
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(await env.sql('SELECT * FROM users'))).not.toContain(token);
      // Shown once: never again in any read.
      expect(
        JSON.stringify((await env.request('GET', `/v1/users/${res.body.id}`, { token: admin })).body),
      ).not.toContain('token');
    });

    it("rotates the caller's token: the old one stops working at once", async () => {
      const u = await env.user('reviewer');
      const rotated = await env.request('POST', '/v1/me/token', { token: u.token });
      expect(rotated.status).toBe(200);
      expect(rotated.body.token).not.toBe(u.token);
      expect((await env.request('GET', '/v1/me', { token: u.token })).status).toBe(401);
      expect((await env.request('GET', '/v1/me', { token: rotated.body.token })).status).toBe(200);
    });

    it('lets an admin revoke a token, and deactivation shuts a user out at once', async () => {
      const u = await env.user('editor');
      expect((await env.request('POST', `/v1/users/${u.id}/token/revoke`, { token: admin })).status).toBe(200);
      expect((await env.request('GET', '/v1/me', { token: u.token })).status).toBe(401);
      const v = await env.user('reviewer');
      await env.request('PATCH', `/v1/users/${v.id}`, { token: admin, body: { active: false } });
      expect((await env.request('GET', '/v1/me', { token: v.token })).status).toBe(401);
    });

    it('ends a cached token on every api instance at once when it is revoked on one (pub/sub, not the 10 s expiry)', async () => {
      const other = await TestEnv.start({ sharing: env });
      try {
        const u = await env.user('editor');
        const hash = createHash('sha256').update(u.token).digest('hex');
        // Until the other instance holds the token in its cache (its subscriber connects on first use).
        await eventually(
          async () =>
            (await other.request('GET', '/v1/me', { token: u.token })).status === 200 &&
            other.app.get(AuthCache).get(hash),
        );
        expect((await env.request('POST', `/v1/users/${u.id}/token/revoke`, { token: admin })).status).toBe(200);
        const t0 = Date.now();
        await eventually(async () => (await other.request('GET', '/v1/me', { token: u.token })).status === 401, 2000);
        expect(Date.now() - t0).toBeLessThan(2000);
      } finally {
        await other.close();
      }
    });

    it('logs failed authentications without the token', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const secret = 'cdk_' + 'S'.repeat(43);
      await env.request('GET', '/v1/me', { token: secret });
      const lines = warn.mock.calls.map((c) => String(c[0]));
      warn.mockRestore();
      expect(lines.some((l) => l.includes('authentication failed'))).toBe(true);
      expect(lines.join('\n')).not.toContain(secret);
    });

    it('cannot be used to grant a role through unknown fields', async () => {
      const u = await env.user('reviewer');
      const res = await env.request('PATCH', `/v1/users/${u.id}`, { token: u.token, body: { role: 'admin' } });
      expect(res.status).toBe(403);
      const self = await env.request('POST', '/v1/me/token', { token: u.token, body: { role: 'admin' } });
      expect(self.status).toBe(200); // the body is ignored: nothing but the token changes
      expect((await env.request('GET', '/v1/me', { token: self.body.token })).body.role).toBe('reviewer');
    });
  });

  describe('object-level rules', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await TestEnv.start();
    });
    afterAll(() => env.close());

    it('shows a reviewer only the claims and verdicts they hold or held', async () => {
      const editor = await env.user('editor');
      const a = await env.user('reviewer');
      const b = await env.user('reviewer');
      const { claims } = await seedClaims(env, [0.1, 0.1]);
      const [mine, theirs] = claims.map((c) => c.id);
      for (const [id, r] of [
        [mine, a],
        [theirs, b],
      ] as const) {
        await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token });
        expect(
          (await env.request('POST', `/v1/claims/${id}/assign`, { token: editor.token, body: { reviewerId: r.id } }))
            .status,
        ).toBe(200);
      }
      await env.request('POST', `/v1/claims/${theirs}/start`, { token: b.token });
      const v = await env.request('POST', `/v1/claims/${theirs}/verdicts`, {
        token: b.token,
        body: { rating: 'true', summary: 's', sources: [] },
      });

      expect((await env.request('GET', `/v1/claims/${mine}`, { token: a.token })).status).toBe(200);
      expect((await env.request('GET', `/v1/claims/${theirs}`, { token: a.token })).status).toBe(404);
      expect((await env.request('GET', `/v1/claims/${theirs}/events`, { token: a.token })).status).toBe(404);
      expect((await env.request('GET', `/v1/verdicts/${v.body.id}`, { token: a.token })).status).toBe(404);
      const list = (await env.request('GET', '/v1/claims', { token: a.token })).body.items.map(
        (c: { id: string }) => c.id,
      );
      expect(list).toEqual([mine]);
      // Acting on another reviewer's claim is refused even when the id is known, without confirming it exists.
      expect(
        (
          await env.request('POST', `/v1/claims/${theirs}/verdicts`, {
            token: a.token,
            body: { rating: 'false', summary: 'x', sources: [] },
          })
        ).status,
      ).toBe(404);
      // A reviewer the claim was taken from may still read it, but no longer act on it.
      expect(
        (await env.request('POST', `/v1/claims/${mine}/assign`, { token: editor.token, body: { reviewerId: b.id } }))
          .status,
      ).toBe(200);
      expect((await env.request('GET', `/v1/claims/${mine}`, { token: a.token })).status).toBe(200);
      expect((await env.request('POST', `/v1/claims/${mine}/start`, { token: a.token })).status).toBe(403);
    });
  });

  describe('hostile input', () => {
    let env: TestEnv;
    let editor: string;
    beforeAll(async () => {
      env = await TestEnv.start();
      editor = (await env.user('editor')).token;
    });
    afterAll(() => env.close());

    const post = (payload: string | Buffer, contentType = 'application/json') =>
      env.app.inject({
        method: 'POST',
        url: '/v1/articles',
        payload,
        headers: { authorization: `Bearer ${editor}`, 'content-type': contentType },
      });

    it.each([
      [
        'invalid UTF-8 in JSON',
        Buffer.from([0x7b, 0x22, 0x62, 0x6f, 0x64, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        'application/json',
        /UTF-8/,
      ],
      ['invalid UTF-8 in text', Buffer.from([0x41, 0xc3, 0x28]), 'text/plain', /UTF-8/],
      ['JSON nested 1000 deep', '{"body":' + '['.repeat(1000) + ']'.repeat(1000) + '}', 'application/json', /nest/],
      ['prototype poisoning', '{"body":"x","__proto__":{"admin":true}}', 'application/json', /./],
      ['a NUL character', '{"body":"a\\u0000b"}', 'application/json', /NUL/],
      ['an unpaired surrogate escape', '{"body":"a\\udcabb"}', 'application/json', /surrogate/],
      ['a JSON array', '[1,2,3]', 'application/json', /JSON object/],
      ['a number for body', '{"body":42}', 'application/json', /body/],
    ])('refuses %s with 400', async (_name, payload, type, message) => {
      const res = await post(payload, type);
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).message).toMatch(message);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
    });

    it('answers 415 for an unsupported content type', async () => {
      const res = await post('<xml/>', 'application/xml');
      expect(res.statusCode).toBe(415);
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 415 });
    });

    it('stores SQL and script fragments as text, inert', async () => {
      const body = `Robert'); DROP TABLE claims;-- said <script>alert(1)</script> that taxes rose 5 percent.`;
      const res = await env.request('POST', '/v1/articles', { token: editor, body: { body, title: "x' OR '1'='1" } });
      expect(res.status).toBe(201);
      expect((await env.request('GET', `/v1/articles/${res.body.id}`, { token: editor })).body.body).toBe(body);
      expect(await env.sql(`SELECT count(*)::int AS n FROM claims`)).toEqual([{ n: 0 }]);
      const search = await env.request('GET', `/v1/claims?q=${encodeURIComponent("%' OR 1=1 --")}`, { token: editor });
      expect(search.status).toBe(200);
    });
  });

  describe('HTTP hardening and abuse limits', () => {
    let env: TestEnv;
    let editor: string;
    beforeAll(async () => {
      env = await TestEnv.start({
        env: {
          RATE_LIMIT_PER_MINUTE: '8',
          RATE_LIMIT_INGEST_PER_MINUTE: '3',
          RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '4',
        },
      });
      editor = (await env.user('editor')).token;
    });
    afterAll(() => env.close());

    it('sends security headers, a request id, and no X-Powered-By; CORS is off by default', async () => {
      const res = await env.request('GET', '/v1/me', { token: editor, headers: { origin: 'https://evil.example' } });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const err = await env.request('GET', '/v1/claims/nope', { token: editor });
      expect(err.body.requestId).toBe(err.headers['x-request-id']);
      // Every one of helmet's headers, on answers and errors alike (refusals: the next test).
      const missing = await env.request('GET', '/no/such/route');
      expect(missing.status).toBe(404);
      for (const r of [res, err, missing]) expect(r.headers).toMatchObject(helmetHeaders());
    });

    it('limits ingestion more strictly than reads, with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await env.request('POST', '/v1/articles', {
              token: editor,
              body: { body: `Claim ${i}: prices rose ${i} percent.` },
            })
          ).status,
        );
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      const limited = await env.request('POST', '/v1/articles', { token: editor, body: { body: 'One more.' } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      // Reads have their own, larger budget.
      expect((await env.request('GET', '/v1/me', { token: editor })).status).toBe(200);
    });

    it('limits requests per user, across api instances (the counters live in Redis), however the header is spelled', async () => {
      const other = await TestEnv.start({
        sharing: env,
        env: {
          RATE_LIMIT_PER_MINUTE: '8',
          RATE_LIMIT_INGEST_PER_MINUTE: '3',
          RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '4',
        },
      });
      try {
        const token = (await env.user('reviewer')).token;
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          const authorization = `Bearer${' '.repeat(1 + (i % 3))}${token}`;
          statuses.push((await (i % 2 ? other : env).request('GET', '/v1/me', { headers: { authorization } })).status);
        }
        expect(statuses.filter((s) => s === 200)).toHaveLength(8);
        expect(statuses.slice(8)).toEqual([429, 429]);
      } finally {
        await other.close();
      }
    });

    it('answers 429 to an address guessing tokens, while valid tokens from it still work', async () => {
      const valid = (await env.user('reviewer')).token;
      const statuses: number[] = [];
      const refusals: { headers: Record<string, unknown> }[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await env.request('GET', '/v1/me', { token: `cdk_guess${i}` });
        statuses.push(res.status);
        refusals.push(res);
      }
      // Refused by authentication (401) and by the limit (429) before any route: helmet's headers all the same.
      for (const r of [refusals[0], refusals[5]]) expect(r.headers).toMatchObject(helmetHeaders());
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.slice(4)).toEqual([429, 429]);
      const locked = await env.request('GET', '/v1/me', { token: 'cdk_guess_again' });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/failed authentications/) });
      expect((await env.request('GET', '/v1/me', { token: valid })).status).toBe(200);
      expect((await env.request('GET', '/health')).status).toBe(200);
    });
  });
});
