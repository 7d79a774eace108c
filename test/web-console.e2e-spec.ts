import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestEnv } from './support/test-env';

/** The api serves the built console at / with a fallback to index.html that never shadows the API. */
/** What a browser sends when it navigates to a page. */
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('web console served by the api', () => {
  let env: TestEnv;
  let token: string;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'claimdesk-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>claimdesk</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    env = await TestEnv.start({ env: { WEB_ROOT: root } });
    token = (await env.user('editor')).token;
  });
  afterAll(() => env.close());

  it('answers index.html at / and at any console path, without authentication', async () => {
    for (const path of ['/', '/triage', '/claims/7d4f0b7e-8d3c-4c39-9d6c-0d7c1b1b1b1b', '/accept-invite']) {
      const res = await env.request('GET', path, { headers: { accept: HTML } });
      expect([path, res.status, String(res.headers['content-type'])]).toEqual([
        path,
        200,
        expect.stringMatching(/text\/html/),
      ]);
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('answers index.html only to a page request: other methods and non-HTML reads get the JSON 404', async () => {
    for (const [method, accept] of [
      ['GET', 'application/json'],
      ['GET', '*/*'],
      ['POST', HTML],
      ['DELETE', HTML],
    ]) {
      const res = await env.request(method, '/triage', { headers: { accept } });
      expect([method, accept, res.status, res.body]).toEqual([
        method,
        accept,
        404,
        expect.objectContaining({ statusCode: 404, error: 'Not Found' }),
      ]);
    }
  });

  it('serves hashed assets with a long cache, and 404 for a missing one', async () => {
    const res = await env.request('GET', '/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect((await env.request('GET', '/assets/missing.js')).status).toBe(404);
    expect((await env.request('GET', '/assets/missing.js', { headers: { accept: HTML } })).status).toBe(404);
    for (const path of ['/assets/../../../etc/passwd', '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await env.request('GET', path);
      expect(String(res.body)).not.toMatch(/root:/);
    }
  });

  it('does not shadow the API: unknown /v1 paths stay JSON 404s, known ones still need auth', async () => {
    const unknown = await env.request('GET', '/v1/nothing-here', { headers: { accept: HTML } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await env.request('GET', '/v1/claims')).status).toBe(401);
    expect((await env.request('GET', '/health')).status).not.toBe(404);
    const long = await env.request('GET', `/v1/claims/${'a'.repeat(150)}`, { token, headers: { accept: HTML } });
    expect([long.status, long.body.message]).toEqual([414, expect.stringMatching(/malformed URL/)]);
  });

  it('gives JSON reads an ETag and answers 304 to a matching If-None-Match (the console polls this way)', async () => {
    const first = await env.request('GET', '/v1/claims?status=new', { token });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await env.request('GET', '/v1/claims?status=new', { token, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    await env.request('POST', '/v1/articles', {
      token,
      body: { body: 'Unemployment fell to 3.9 percent in May, the bureau said.' },
    });
    const users = await env.request('GET', '/v1/users', { token, headers: { 'if-none-match': etag } });
    expect(users.status).toBe(200);
  });
});
