import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedClaims } from './support/seed';
import { type Response, TestEnv } from './support/test-env';
import { SEED_ARTICLE_EXAMPLE } from '../apps/api/src/dto/article.examples';

type Schema = Record<string, unknown>;
const doc = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'openapi.json'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
};

/** Undocumented fields fail too: each documented object is closed (unless it declares additionalProperties). */
function closed(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  if (copy.properties && copy.additionalProperties === undefined && !('@context' in (copy.properties as Schema)))
    copy.additionalProperties = false;
  if (copy.properties)
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties as Record<string, Schema>).map(([k, v]) => [k, closed(v)]),
    );
  if (copy.items) copy.items = closed(copy.items as Schema);
  return copy;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv); // uuid and date-time are checked too
ajv.addSchema(
  {
    components: { schemas: Object.fromEntries(Object.entries(doc.components.schemas).map(([k, v]) => [k, closed(v)])) },
  },
  'openapi.json',
);
const compiled = new Map<string, ValidateFunction>();

/** Checks a real answer against the schema the document gives for its route and status. */
function expectDocumented(method: string, path: string, res: Response, status = 200): void {
  expect([`${method} ${path}`, res.status]).toEqual([`${method} ${path}`, status]);
  const op = doc.paths[path]?.[method.toLowerCase()];
  expect(op).toBeDefined();
  const content = op.responses[String(res.status)]?.content;
  expect([`${method} ${path}`, res.status, content !== undefined]).toEqual([`${method} ${path}`, res.status, true]);
  const schema = content!['application/json'].schema;
  const key = JSON.stringify(schema).replace(/"#\//g, '"openapi.json#/');
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(JSON.parse(key) as Schema)));
  const valid = validate(res.body);
  expect([`${method} ${path} ${res.status}`, valid ? [] : validate.errors]).toEqual([
    `${method} ${path} ${res.status}`,
    [],
  ]);
}

describe('real answers match the OpenAPI document (docs/openapi.json)', () => {
  let env: TestEnv;
  let admin: string;
  let editor: string;
  let reviewer: string;
  let reviewerId: string;

  beforeAll(async () => {
    env = await TestEnv.start();
    admin = (await env.user('admin')).token;
    editor = (await env.user('editor')).token;
    const r = await env.user('reviewer', { languages: ['en'], capacity: 5 });
    reviewer = r.token;
    reviewerId = r.id;
  });
  afterAll(() => env.close());

  it('users, articles and errors', async () => {
    expectDocumented('GET', '/health', await env.request('GET', '/health'));
    const created = await env.request('POST', '/v1/users', {
      token: admin,
      body: { email: 'doc@example.org', name: 'Doc', role: 'editor' },
    });
    expectDocumented('POST', '/v1/users', created, 201);
    expectDocumented('GET', '/v1/users', await env.request('GET', '/v1/users', { token: admin }));
    expectDocumented(
      'GET',
      '/v1/users/{id}',
      await env.request('GET', `/v1/users/${created.body.id}`, { token: admin }),
    );
    expectDocumented('GET', '/v1/me', await env.request('GET', '/v1/me', { token: reviewer }));

    const article = await env.request('POST', '/v1/articles', { token: editor, body: SEED_ARTICLE_EXAMPLE });
    expect(article.status).toBe(201);
    expectDocumented('POST', '/v1/articles', article, 201);
    const again = await env.request('POST', '/v1/articles', { token: editor, body: SEED_ARTICLE_EXAMPLE });
    expect(again.status).toBe(200);
    expectDocumented('POST', '/v1/articles', again);
    expectDocumented('GET', '/v1/articles', await env.request('GET', '/v1/articles', { token: reviewer }));
    const one = await env.request('GET', `/v1/articles/${article.body.id}`, { token: editor });
    expectDocumented('GET', '/v1/articles/{id}', one);

    expectDocumented('GET', '/v1/me', await env.request('GET', '/v1/me'), 401);
    const missing = await env.request('GET', '/v1/claims/00000000-0000-4000-8000-000000000000', { token: editor });
    expect(missing.status).toBe(404);
    expectDocumented('GET', '/v1/claims/{id}', missing, 404);
    const bad = await env.request('POST', '/v1/claims/bulk/queue', { token: editor, body: { ids: ['x'] } });
    expect(bad.status).toBe(400);
    expectDocumented('POST', '/v1/claims/bulk/queue', bad, 400);
  });

  it('a claim from triage to a published verdict', async () => {
    const { claims } = await seedClaims(env, [0.2]);
    const id = claims[0].id;
    const list = await env.request('GET', '/v1/claims', { token: editor });
    expectDocumented('GET', '/v1/claims', list);
    expectDocumented('GET', '/v1/claims/{id}', await env.request('GET', `/v1/claims/${id}`, { token: editor }));
    // Below the auto-queue score: queued by hand, then assigned (no worker runs here to assign it first).
    expectDocumented(
      'POST',
      '/v1/claims/{id}/queue',
      await env.request('POST', `/v1/claims/${id}/queue`, { token: editor }),
    );
    const assigned = await env.request('POST', `/v1/claims/${id}/assign`, {
      token: editor,
      body: { reviewerId, reason: 'docs' },
    });
    expectDocumented('POST', '/v1/claims/{id}/assign', assigned);
    expectDocumented('GET', '/v1/me/assignments', await env.request('GET', '/v1/me/assignments', { token: reviewer }));
    expectDocumented(
      'POST',
      '/v1/claims/{id}/start',
      await env.request('POST', `/v1/claims/${id}/start`, { token: reviewer }),
    );
    const verdict = await env.request('POST', `/v1/claims/${id}/verdicts`, {
      token: reviewer,
      body: { rating: 'false', summary: 'No.', sources: [{ url: 'https://example.org/a', title: 'A' }] },
    });
    expectDocumented('POST', '/v1/claims/{id}/verdicts', verdict, 201);
    const approved = await env.request('POST', `/v1/verdicts/${verdict.body.id}/approve`, { token: editor });
    expectDocumented('POST', '/v1/verdicts/{id}/approve', approved);
    for (const sub of ['events', 'assignments', 'verdicts', 'claimreview'])
      expectDocumented(
        'GET',
        `/v1/claims/{id}/${sub}`,
        await env.request('GET', `/v1/claims/${id}/${sub}`, { token: editor }),
      );
    const bulk = await env.request('POST', '/v1/claims/bulk/dismiss', {
      token: editor,
      body: { ids: [id], reason: 'x' },
    });
    expectDocumented('POST', '/v1/claims/bulk/dismiss', bulk);
  });
});
