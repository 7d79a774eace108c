import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, TestEnv } from './support/test-env';

const SEED = readFileSync(join(__dirname, '../../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');

describe('walking skeleton: seed article to published ClaimReview', () => {
  let env: TestEnv;
  let admin: string;
  let editor: string;
  let editorId: string;
  let reviewer: string;
  let reviewerId: string;

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true });
    admin = (await env.user('admin')).token;
    const e = await env.user('editor');
    editor = e.token;
    editorId = e.id;
  });
  afterAll(() => env.close());

  let articleId: string;
  let claimId: string;
  let verdictId: string;

  it('takes the raw article as text/plain and reads its header', async () => {
    const res = await env.request('POST', '/v1/articles', { token: editor, body: SEED });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'received',
      title: "China Calls For Int'l Efforts To Counter 'Biggest' Cybersecutiry Threat Posed By US",
      source: 'UrduPoint.com',
      publishedAt: '2021-07-05T17:40:00.000Z',
      language: 'en',
    });
    expect(res.body.body.startsWith('BEIJING (UrduPoint News / Sputnik')).toBe(true);
    articleId = res.body.id;
  });

  it('returns the existing article (200) when the same text is posted again, as text or JSON', async () => {
    const again = await env.request('POST', '/v1/articles', { token: editor, body: SEED });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(articleId);
    const stored = (await env.request('GET', `/v1/articles/${articleId}`, { token: editor })).body.body;
    const json = await env.request('POST', '/v1/articles', { token: editor, body: { body: `  ${stored}\n` } });
    expect(json.status).toBe(200);
    expect(json.body.id).toBe(articleId);
    expect(await env.sql('SELECT count(*)::int AS n FROM articles')).toEqual([{ n: 1 }]);
  });

  it('extracts the claims in the worker, with exact spans, the range and the claimant', async () => {
    const article = await eventually(async () => {
      const r = await env.request('GET', `/v1/articles/${articleId}`, { token: editor });
      return r.body.status === 'extracted' && r.body;
    });
    expect(article.claimCount).toBeGreaterThan(0);
    const claims = (await env.request('GET', `/v1/claims?articleId=${articleId}&limit=200`, { token: editor })).body
      .items;
    expect(claims.length).toBe(article.claimCount);
    // Body claims carry the exact span of their sentence; a title claim has none.
    for (const c of claims) {
      if (c.section === 'title') expect(c.span).toBeNull();
      else expect(article.body.slice(c.span.start, c.span.end)).toBe(c.sentence);
    }

    const burt = claims.find((c: { sentence: string }) => c.sentence.includes('confidentiality orders'));
    expect(burt).toBeDefined();
    expect(burt.claimant).toBe('Tom Burt');
    expect(burt.type).toBe('quantity');
    expect(burt.quantities).toEqual(
      expect.arrayContaining([expect.objectContaining({ min: 2400, max: 3500, unit: 'confidentiality orders' })]),
    );
    claimId = burt.id;
  });

  it('queues check-worthy claims and records every step in the audit trail', async () => {
    const claim = (await env.request('GET', `/v1/claims/${claimId}`, { token: editor })).body;
    if (claim.status === 'new') {
      const q = await env.request('POST', `/v1/claims/${claimId}/queue`, {
        token: editor,
        body: { version: claim.version },
      });
      expect(q.status).toBe(200);
    }
    const events = (await env.request('GET', `/v1/claims/${claimId}/events`, { token: editor })).body.items;
    expect(events[0]).toMatchObject({ type: 'extracted', fromStatus: null, toStatus: 'new' });
    expect(events[1]).toMatchObject({ fromStatus: 'new', toStatus: 'queued' });
  });

  it('assigns the claim to a reviewer who joins later, through the assignment job', async () => {
    const r = await env.request('POST', '/v1/users', {
      token: admin,
      body: { email: 'rev@example.org', name: 'Rita Reviewer', role: 'reviewer', capacity: 50 },
    });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^cdk_/);
    reviewer = r.body.token;
    reviewerId = r.body.id;
    const claim = await eventually(async () => {
      const c = (await env.request('GET', `/v1/claims/${claimId}`, { token: editor })).body;
      return c.status === 'assigned' && c;
    });
    expect(claim.assigneeId).toBe(reviewerId);
    expect(new Date(claim.dueAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('lets the reviewer take it with next, start it and submit a verdict', async () => {
    // next returns the reviewer's best assigned claim; work through them until ours comes up.
    const mine = (await env.request('GET', '/v1/me/assignments', { token: reviewer })).body.items;
    expect(mine.map((a: { claim: { id: string } }) => a.claim.id)).toContain(claimId);
    const next = await env.request('POST', '/v1/claims/next', { token: reviewer });
    expect(next.status).toBe(200);
    expect(next.body.status).toBe('assigned');
    expect(next.body.assigneeId).toBe(reviewerId);

    const detail = (await env.request('GET', `/v1/claims/${claimId}`, { token: reviewer })).body;
    expect(detail.context.before.length + detail.context.after.length).toBeGreaterThan(0);
    expect(detail.article.title).toContain('China Calls');

    const start = await env.request('POST', `/v1/claims/${claimId}/start`, {
      token: reviewer,
      body: { version: detail.version },
    });
    expect(start.status).toBe(200);
    expect(start.body.status).toBe('in_review');

    const v = await env.request('POST', `/v1/claims/${claimId}/verdicts`, {
      token: reviewer,
      body: {
        rating: 'mostly_true',
        summary: "Matches Microsoft's testimony to the House Judiciary Committee.",
        sources: [{ url: 'https://judiciary.house.gov/', title: 'Hearing record' }],
      },
    });
    expect(v.status).toBe(201);
    expect(v.body).toMatchObject({ claimId, rating: 'mostly_true', status: 'submitted', authorId: reviewerId });
    verdictId = v.body.id;
    expect((await env.request('GET', `/v1/claims/${claimId}`, { token: editor })).body.status).toBe('submitted');
  });

  it('has no ClaimReview before approval', async () => {
    expect((await env.request('GET', `/v1/claims/${claimId}/claimreview`, { token: editor })).status).toBe(404);
  });

  it('publishes on an editor approval and serves schema.org ClaimReview', async () => {
    const a = await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: editor });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: 'approved', reviewerId: editorId });
    const claim = (await env.request('GET', `/v1/claims/${claimId}`, { token: editor })).body;
    expect(claim.status).toBe('published');

    const cr = await env.request('GET', `/v1/claims/${claimId}/claimreview`, { token: editor });
    expect(cr.status).toBe(200);
    expect(cr.body).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: claim.text,
      reviewRating: { '@type': 'Rating', ratingValue: 4, alternateName: 'Mostly true' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Tom Burt' } },
    });
    const types = (await env.request('GET', `/v1/claims/${claimId}/events`, { token: editor })).body.items.map(
      (e: { toStatus: string }) => e.toStatus,
    );
    expect(types).toEqual(['new', 'queued', 'assigned', 'in_review', 'submitted', 'published']);
    // One statement, one snapshot: the worker may still be assigning the article's other claims meanwhile.
    const [{ load, held }] = await env.sql<{ load: number; held: number }>(
      `SELECT u.load, (SELECT count(*)::int FROM claims c
                        WHERE c.assignee_id = u.id AND c.status IN ('assigned', 'in_review')) AS held
         FROM users u WHERE u.id = $1`,
      [reviewerId],
    );
    expect(load).toBe(held);
  });
});
