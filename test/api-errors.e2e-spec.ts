import { randomUUID } from 'node:crypto';
import { ROUTE_ACCESS } from '../apps/api/src/auth/route-roles';
import { TestEnv } from './support/test-env';

describe('HTTP errors: 401, 403, 400, 404, 409 in that order, in one shape', () => {
  let env: TestEnv;
  let admin: string;
  let editor: string;
  let reviewer: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start();
    admin = (await env.user('admin')).token;
    editor = (await env.user('editor')).token;
    reviewer = await env.user('reviewer');
  });
  afterAll(() => env.close());

  const shape = {
    statusCode: expect.any(Number),
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  };

  it('401 without a token, with a malformed one and with an unknown one', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer nope', 'Bearer cdk_' + 'x'.repeat(43)]) {
      const res = await env.request('GET', '/v1/me', { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ ...shape, statusCode: 401, error: 'Unauthorized' });
    }
  });

  it('401 comes before 400: a bad body without a token is still 401', async () => {
    expect((await env.request('POST', '/v1/users', { body: { email: 1 } })).status).toBe(401);
  });

  it('403 for a role without access, before validating the body', async () => {
    const res = await env.request('POST', '/v1/users', { token: editor, body: { email: 1 } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ...shape, statusCode: 403 });
    expect((await env.request('POST', '/v1/articles', { token: reviewer.token, body: { body: 'x' } })).status).toBe(
      403,
    );
    expect((await env.request('POST', '/v1/claims/next', { token: editor })).status).toBe(403);
  });

  it('400 names each bad field', async () => {
    const res = await env.request('POST', '/v1/users', {
      token: admin,
      body: { email: 'not-an-email', name: '', role: 'overlord', capacity: -1 },
    });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'role', 'capacity']));
  });

  it('400 for unknown fields (no mass assignment of status, role or load)', async () => {
    const res = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { body: 'Text.', status: 'extracted' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
    const patch = await env.request('PATCH', `/v1/users/${reviewer.id}`, { token: admin, body: { load: 0 } });
    expect(patch.status).toBe(400);
  });

  it('400 for a malformed id, a bad limit and a bad cursor', async () => {
    const id = await env.request('GET', '/v1/claims/not-a-uuid', { token: editor });
    expect(id.status).toBe(400);
    expect(id.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    expect((await env.request('GET', '/v1/claims?limit=201', { token: editor })).body.details[0].field).toBe('limit');
    expect((await env.request('GET', '/v1/claims?limit=0', { token: editor })).status).toBe(400);
    expect((await env.request('GET', '/v1/claims?cursor=garbage', { token: editor })).status).toBe(400);
  });

  it('400 for malformed JSON and an empty text/plain article', async () => {
    const bad = await env.request('POST', '/v1/articles', {
      token: editor,
      body: '{"body": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400 });
    const empty = await env.request('POST', '/v1/articles', { token: editor, body: '   ' });
    expect(empty.status).toBe(400);
  });

  it('400 for a non-http url and a bad date', async () => {
    const res = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { body: 'A sentence.', url: 'javascript:alert(1)', publishedAt: 'yesterday' },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['publishedAt', 'url']);
  });

  it('404 for unknown ids', async () => {
    for (const url of [
      `/v1/claims/${randomUUID()}`,
      `/v1/articles/${randomUUID()}`,
      `/v1/users/${randomUUID()}`,
      `/v1/verdicts/${randomUUID()}`,
    ]) {
      const res = await env.request('GET', url, { token: admin });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ...shape, statusCode: 404 });
    }
    expect((await env.request('POST', `/v1/claims/${randomUUID()}/queue`, { token: editor })).status).toBe(404);
  });

  it('409 for a duplicate email', async () => {
    const body = { email: 'dup@example.org', name: 'Dup', role: 'editor' };
    expect((await env.request('POST', '/v1/users', { token: admin, body })).status).toBe(201);
    const again = await env.request('POST', '/v1/users', { token: admin, body: { ...body, email: 'DUP@example.org' } });
    expect(again.status).toBe(409);
  });

  it('413 for a body over the limit, in the same shape', async () => {
    const res = await env.request('POST', '/v1/articles', { token: editor, body: { body: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers /health without a token and names each dependency', async () => {
    const res = await env.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document without a token, listing every route of the role table', async () => {
    const res = await env.request('GET', '/docs/json');
    expect(res.status).toBe(200);
    const documented = Object.entries(res.body.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });
});
