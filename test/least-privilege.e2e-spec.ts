import { seedClaims } from './support/seed';
import { TestEnv } from './support/test-env';

/** Issue 16, finding 4: reviewers read article metadata, and article text only through the claims they hold or held. */
describe('least privilege for reviewers', () => {
  let env: TestEnv;
  let editor: string;
  let reviewer: { id: string; token: string };
  let articleId: string;
  let claimId: string;
  let firstSentence: string;

  beforeAll(async () => {
    env = await TestEnv.start();
    editor = (await env.user('editor')).token;
    reviewer = await env.user('reviewer');
    const seeded = await seedClaims(env, [0.1, 0.1]);
    articleId = seeded.articleId;
    claimId = seeded.claims[1].id;
    firstSentence = seeded.claims[0].text;
    await env.request('POST', `/v1/claims/${claimId}/queue`, { token: editor });
    await env.request('POST', `/v1/claims/${claimId}/assign`, { token: editor, body: { reviewerId: reviewer.id } });
  });
  afterAll(() => env.close());

  it('shows a reviewer the article without its body, alone and in lists; editors see the body', async () => {
    const one = await env.request('GET', `/v1/articles/${articleId}`, { token: reviewer.token });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: articleId, status: 'extracted', language: 'en' });
    expect(one.body).not.toHaveProperty('body');
    const list = await env.request('GET', '/v1/articles', { token: reviewer.token });
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) expect(item).not.toHaveProperty('body');
    expect((await env.request('GET', `/v1/articles/${articleId}`, { token: editor })).body.body).toContain(
      firstSentence,
    );
  });

  it('still gives the reviewer the text around a claim they hold (the context window), and nothing of the others', async () => {
    const claim = await env.request('GET', `/v1/claims/${claimId}`, { token: reviewer.token });
    expect(claim.status).toBe(200);
    expect(claim.body.context.before).toContain(firstSentence);
    const [other] = await env.sql(`SELECT id FROM claims WHERE article_id = $1 AND id <> $2`, [articleId, claimId]);
    expect((await env.request('GET', `/v1/claims/${other.id}`, { token: reviewer.token })).status).toBe(404);
  });

  it('says so in the OpenAPI document', async () => {
    const doc = (await env.request('GET', '/docs/json')).body;
    expect(doc.paths['/v1/articles/{id}'].get.description).toMatch(/reviewer the answer has no `body`/);
    expect(doc.paths['/v1/articles'].get.description).toMatch(/reviewer the answer has no `body`/);
  });
});
