import { ArticlesService } from '@claimdesk/articles';
import { claimContext, EXCERPT_MARGIN } from '@claimdesk/review';
import { eventually, TestEnv } from './support/test-env';

// The claim detail reads only a window of the article body, by code points in SQL; spans are UTF-16 offsets.
describe('the context around a claim', () => {
  let env: TestEnv;
  let admin: string;

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true });
    admin = (await env.user('admin')).token;
  });
  afterAll(() => env.close());

  it('is cut from the right place of a long body with emoji and other astral characters before the claim', async () => {
    const filler = Array.from({ length: 200 }, () => `Part 🎨𝄞.`).join('\n\n');
    const body = `The city spent 4.5 million dollars on roads in 2020, the mayor said.\n\n${filler}\n\nThe agency issued 3,500 orders in five years, officials said. It ended there.`;
    const res = await env.request('POST', '/v1/articles', { token: admin, body: { title: 'Roads', body } });
    expect(res.status).toBe(201);
    // Two-word paragraphs are no claims, so the two claims are the whole listing.
    const claims = await eventually(async () => {
      const page = (await env.request('GET', `/v1/claims?articleId=${res.body.id}`, { token: admin })).body.items;
      return page.length === 2 && page;
    });
    const [first, last] = ['4.5 million', '3,500 orders'].map((q) =>
      claims.find((c: { sentence: string }) => c.sentence.includes(q)),
    );
    for (const claim of [first, last]) {
      expect(body.slice(claim.span.start, claim.span.end)).toBe(claim.sentence);
      const detail = (await env.request('GET', `/v1/claims/${claim.id}`, { token: admin })).body;
      expect(detail.context).toEqual(claimContext(body, claim.span.start, claim.span.end));
    }
    // The excerpt itself: PostgreSQL's substr counts code points, the spans UTF-16 units.
    const read = await env.app
      .get(ArticlesService)
      .findWithExcerpt(res.body.id, last.span.start, last.span.end, EXCERPT_MARGIN);
    expect((read!.article as { body?: string }).body).toBeUndefined();
    expect(read!.excerpt.length).toBeLessThan(body.length / 2);
    expect(body.slice(read!.excerptStart, read!.excerptStart + read!.excerpt.length)).toBe(read!.excerpt);
    const lastDetail = (await env.request('GET', `/v1/claims/${last.id}`, { token: admin })).body;
    expect(lastDetail.context.before.trimEnd()).toMatch(/Part 🎨𝄞\.$/); // the last filler paragraph
    expect(lastDetail.context.after).toBe(' It ended there.');
    expect(lastDetail.article).toMatchObject({ id: res.body.id, title: 'Roads' });
  });
});
