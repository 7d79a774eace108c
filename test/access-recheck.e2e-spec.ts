import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { ArticlesService } from '@claimdesk/articles';
import { ClaimsService } from '@claimdesk/claims';
import { hashToken, UsersService } from '@claimdesk/users';
import { seedClaims } from './support/seed';
import { TestEnv } from './support/test-env';

/** Issue 16, findings 3 and 5: access is checked when the change is made, and requests are bounded in time. */
describe('access re-checked inside the transaction; bounded requests', () => {
  let env: TestEnv;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start({ env: { HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '1000' } });
    admin = await env.user('admin');
  });
  afterAll(() => env.close());

  /**
   * The finding: an editor sends the headers of a dismissal and holds the body; meanwhile an admin revokes the
   * token and deactivates the editor; then the body arrives. The body stream below does the revocation at the
   * moment the server starts reading it, i.e. after the auth hook passed: deterministic, no 330 s wait.
   */
  it('refuses a state change whose body arrives after the token was revoked and the user deactivated', async () => {
    const editor = await env.user('editor');
    const { claims } = await seedClaims(env, [0.1]);
    const id = claims[0].id;
    let revokedBeforeBody = false;
    const body = new Readable({
      read() {
        if (revokedBeforeBody) return;
        revokedBeforeBody = true;
        void (async () => {
          await env.request('POST', `/v1/users/${editor.id}/token/revoke`, { token: admin.token });
          await env.request('PATCH', `/v1/users/${editor.id}`, { token: admin.token, body: { active: false } });
          this.push(JSON.stringify({ reason: 'held back' }));
          this.push(null);
        })();
      },
    });
    const res = await env.app.inject({
      method: 'POST',
      url: `/v1/claims/${id}/dismiss`,
      headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json' },
      payload: body,
    });
    expect(revokedBeforeBody).toBe(true);
    expect(res.statusCode).toBe(401);
    expect((await env.sql(`SELECT status FROM claims WHERE id = $1`, [id]))[0].status).toBe('new');
    expect(await env.sql(`SELECT 1 FROM claim_events WHERE claim_id = $1 AND actor_id = $2`, [id, editor.id])).toEqual(
      [],
    );
  });

  it('refuses a change made with a token rotated since authentication (the service called with the stale actor)', async () => {
    const editor = await env.user('editor');
    const { claims } = await seedClaims(env, [0.1]);
    const stale = { id: editor.id, role: 'editor' as const, tokenHash: hashToken(editor.token) };
    await env.app.get(UsersService).rotateToken(editor.id);
    await expect(env.app.get(ClaimsService).queue(claims[0].id, stale)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    // With the current token the same change goes through.
    const [{ token_hash }] = await env.sql(`SELECT token_hash FROM users WHERE id = $1`, [editor.id]);
    const current = { ...stale, tokenHash: token_hash };
    await expect(env.app.get(ClaimsService).queue(claims[0].id, current)).resolves.toMatchObject({ status: 'queued' });
  });

  it('refuses an article whose body arrives after the editor was deactivated', async () => {
    const editor = await env.user('editor');
    const stale = { id: editor.id, role: 'editor' as const, tokenHash: hashToken(editor.token) };
    await env.request('PATCH', `/v1/users/${editor.id}`, { token: admin.token, body: { active: false } });
    await expect(
      env.app.get(ArticlesService).ingest({ body: 'A late article about 3 percent.' }, stale),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await env.sql(`SELECT 1 FROM articles WHERE created_by = $1`, [editor.id])).toEqual([]);
  });

  it('revokes the token on deactivation: reactivation needs a new token from an admin', async () => {
    const editor = await env.user('editor');
    await env.request('PATCH', `/v1/users/${editor.id}`, { token: admin.token, body: { active: false } });
    expect((await env.sql(`SELECT token_hash FROM users WHERE id = $1`, [editor.id]))[0].token_hash).toBeNull();
    // A new token is refused while the user is inactive.
    expect((await env.request('POST', `/v1/users/${editor.id}/token`, { token: admin.token })).status).toBe(409);
    await env.request('PATCH', `/v1/users/${editor.id}`, { token: admin.token, body: { active: true } });
    expect((await env.request('GET', '/v1/me', { token: editor.token })).status).toBe(401);
    const issued = await env.request('POST', `/v1/users/${editor.id}/token`, { token: admin.token });
    expect(issued.status).toBe(200);
    expect(issued.body.token).toMatch(/^cdk_/);
    expect((await env.request('GET', '/v1/me', { token: issued.body.token })).body.id).toBe(editor.id);
  });

  it('answers 408 and closes the connection when a body is held back past HTTP_REQUEST_TIMEOUT_MS', async () => {
    const editor = await env.user('editor');
    await env.app.listen(0, '127.0.0.1');
    const { port } = env.app.getHttpServer().address() as { port: number };
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.setTimeout(15_000, () => reject(new Error('the server kept the connection open')));
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      // Headers of a dismissal, then a body that never comes.
      socket.write(
        `POST /v1/claims/00000000-0000-4000-8000-000000000000/dismiss HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Authorization: Bearer ${editor.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"rea`,
      );
    });
    const took = Date.now() - started;
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    // 1.5 s limit, checked every second by Node.
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(10_000);
  });
});
