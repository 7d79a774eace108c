import { seedClaims } from './support/seed';
import { TestEnv } from './support/test-env';

/** GET /v1/claimreviews: the public feed of published ClaimReviews for publishing systems. */
describe('GET /v1/claimreviews', () => {
  let env: TestEnv;
  let editor: string;
  let approver: string;
  let reviewer: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start({
      env: {
        CLAIMREVIEW_AUTHOR_NAME: 'Example Fact Check',
        CLAIMREVIEW_AUTHOR_URL: 'https://factcheck.example.org/',
        CLAIMREVIEW_URL_TEMPLATE: 'https://factcheck.example.org/claims/{id}',
      },
    });
    editor = (await env.user('editor')).token;
    approver = (await env.user('editor')).token;
    reviewer = await env.user('reviewer', { capacity: 100 });
  });
  afterAll(() => env.close());

  const call = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await env.request(method, url, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A claim taken from `new` to a submitted verdict; approving it publishes it. */
  const submitted = async (rating: string) => {
    const id = (await seedClaims(env, [0.1])).claims[0].id;
    await call('POST', `/v1/claims/${id}/queue`, editor);
    await call('POST', `/v1/claims/${id}/assign`, editor, { reviewerId: reviewer.id });
    await call('POST', `/v1/claims/${id}/start`, reviewer.token);
    const v = await call('POST', `/v1/claims/${id}/verdicts`, reviewer.token, {
      rating,
      summary: 'Checked against the record.',
      sources: [{ url: 'https://example.org/record' }],
    });
    return { id, verdictId: v.id as string };
  };
  const publish = async (rating: string) => {
    const s = await submitted(rating);
    await call('POST', `/v1/verdicts/${s.verdictId}/approve`, approver);
    return s.id;
  };

  it('lists published ClaimReviews only, newest first, to anyone, page by page', async () => {
    const first = await publish('false');
    const second = await publish('mostly_true');
    const third = await publish('mixed');
    await submitted('true'); // waiting for approval: not in the feed

    const all = await env.request('GET', '/v1/claimreviews');
    expect(all.status).toBe(200);
    expect(all.headers['cache-control']).toBe('public, no-cache');
    const urls = all.body.items.map((r: { url: string }) => r.url);
    expect(urls).toEqual([third, second, first].map((id) => `https://factcheck.example.org/claims/${id}`));
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      author: { '@type': 'Organization', name: 'Example Fact Check', url: 'https://factcheck.example.org/' },
      reviewRating: { '@type': 'Rating', ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: 'Mixed' },
      itemReviewed: { '@type': 'Claim' },
    });

    const page1 = await env.request('GET', '/v1/claimreviews?limit=2');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await env.request('GET', `/v1/claimreviews?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.nextCursor).toBeNull();
    expect([...page1.body.items, ...page2.body.items].map((r: { url: string }) => r.url)).toEqual(urls);

    expect((await env.request('GET', '/v1/claimreviews?limit=500')).status).toBe(400);
    expect((await env.request('GET', '/v1/claimreviews?cursor=nope')).status).toBe(400);
  });

  it('answers 304 to If-None-Match until something is published or corrected', async () => {
    const before = await env.request('GET', '/v1/claimreviews');
    const etag = before.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const same = await env.request('GET', '/v1/claimreviews', { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(same.body).toBe('');

    const id = await publish('true');
    const changed = await env.request('GET', '/v1/claimreviews', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.items[0].url).toBe(`https://factcheck.example.org/claims/${id}`);

    // A correction, once approved, replaces the review and brings it back to the top.
    const oldest = before.body.items.at(-1).url.split('/').pop() as string;
    const c = await call('POST', `/v1/claims/${oldest}/corrections`, editor, {
      rating: 'mostly_false',
      summary: 'Corrected.',
      sources: [{ url: 'https://example.org/record' }],
    });
    await call('POST', `/v1/verdicts/${c.id}/approve`, approver);
    const after = await env.request('GET', '/v1/claimreviews', {
      headers: { 'if-none-match': changed.headers.etag as string },
    });
    expect(after.status).toBe(200);
    expect(after.body.items[0]).toMatchObject({
      url: `https://factcheck.example.org/claims/${oldest}`,
      reviewRating: { alternateName: 'Mostly false' },
    });
    expect(after.body.items.filter((r: { url: string }) => r.url.endsWith(oldest))).toHaveLength(1);
  });
});
