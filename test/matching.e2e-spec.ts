import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, TestEnv } from './support/test-env';

const SEED = readFileSync(join(__dirname, '../../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');
const REWORDED =
  'Microsoft executive Tom Burt said US agencies issued between 2,400 and 3,500 secrecy orders in five years ' +
  'to obtain user data without court oversight. Analysts expect more hearings in the autumn.';

interface Claim {
  id: string;
  text: string;
  sentence: string;
  status: string;
  version: number;
  originalId: string | null;
}

describe('claim matching in the pipeline', () => {
  let env: TestEnv;
  let editor: string;
  let approver: string;
  let reviewer: string;

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true });
    editor = (await env.user('editor')).token;
    approver = (await env.user('editor')).token;
    reviewer = (await env.user('reviewer', { capacity: 100 })).token;
  });
  afterAll(() => env.close());

  const claimsOf = async (body: unknown): Promise<Claim[]> => {
    const posted = await env.request('POST', '/v1/articles', { token: editor, body });
    expect(posted.status).toBe(201);
    await eventually(async () => {
      const r = await env.request('GET', `/v1/articles/${posted.body.id}`, { token: editor });
      return r.body.status === 'extracted';
    });
    return (await env.request('GET', `/v1/claims?articleId=${posted.body.id}&limit=200`, { token: editor })).body.items;
  };

  let burt: Claim;
  let reworded: Claim;

  it('suggests an earlier claim for a reworded one, both ways, without changing its status', async () => {
    burt = (await claimsOf(SEED)).find((c) => c.sentence.includes('confidentiality orders'))!;
    reworded = (await claimsOf({ body: REWORDED, url: 'https://example.org/reworded' })).find((c) =>
      c.text.includes('secrecy orders'),
    )!;
    expect(reworded.status).not.toBe('duplicate');
    const links = (await env.request('GET', `/v1/claims/${reworded.id}/matches`, { token: editor })).body.items;
    expect(links[0]).toMatchObject({ claimId: burt.id, direction: 'earlier', status: 'suggested' });
    expect(links[0].score).toBeGreaterThanOrEqual(0.5);
    expect(links[0].score).toBeLessThan(0.9);
    const back = (await env.request('GET', `/v1/claims/${burt.id}/matches`, { token: editor })).body.items;
    expect(back).toContainEqual(expect.objectContaining({ claimId: reworded.id, direction: 'later' }));
    const events = (await env.request('GET', `/v1/claims/${reworded.id}/events`, { token: editor })).body.items;
    expect(events.map((e: { type: string }) => e.type)).toContain('match_suggested');
  });

  it('filters claim lists on hasMatch', async () => {
    const withMatch = (await env.request('GET', '/v1/claims?hasMatch=true&limit=200', { token: editor })).body.items;
    expect(withMatch.map((c: Claim) => c.id).sort()).toEqual([burt.id, reworded.id].sort());
    const without = (await env.request('GET', '/v1/claims?hasMatch=false&limit=200', { token: editor })).body.items;
    expect(without.map((c: Claim) => c.id)).not.toContain(burt.id);
  });

  it('lets editors reject a suggestion (audited), not reviewers, and not twice', async () => {
    const url = `/v1/claims/${reworded.id}/matches/${burt.id}/reject`;
    expect((await env.request('POST', url, { token: reviewer })).status).toBe(403);
    const r = await env.request('POST', url, { token: editor });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ claimId: burt.id, status: 'rejected' });
    expect((await env.request('POST', url, { token: editor })).status).toBe(409);
    const events = (await env.request('GET', `/v1/claims/${reworded.id}/events`, { token: editor })).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'match_rejected', data: { otherId: burt.id } });
    const other = `/v1/claims/${reworded.id}/matches/${reworded.id.replace(/.$/, '0')}/confirm`;
    expect((await env.request('POST', other, { token: editor })).status).toBe(404);
  });

  it('marks a verbatim repeat `duplicate` of the published original, never queued, showing its verdict', async () => {
    // Publish the original.
    let c = (await env.request('GET', `/v1/claims/${burt.id}`, { token: editor })).body;
    if (c.status === 'new') await env.request('POST', `/v1/claims/${burt.id}/queue`, { token: editor });
    await eventually(async () => {
      await env.request('POST', '/v1/claims/next', { token: reviewer });
      c = (await env.request('GET', `/v1/claims/${burt.id}`, { token: editor })).body;
      return c.status === 'assigned';
    });
    expect((await env.request('POST', `/v1/claims/${burt.id}/start`, { token: reviewer })).status).toBe(200);
    const verdict = await env.request('POST', `/v1/claims/${burt.id}/verdicts`, {
      token: reviewer,
      body: { rating: 'mostly_true', summary: 'Microsoft reported the range.', sources: [{ url: 'https://x.org' }] },
    });
    expect(verdict.status).toBe(201);
    expect((await env.request('POST', `/v1/verdicts/${verdict.body.id}/approve`, { token: approver })).status).toBe(
      200,
    );

    const repeat = (
      await claimsOf({
        body: `Critics repeated the figure. ${burt.sentence}`,
        url: 'https://example.org/repeat',
        publishedAt: '2021-07-09T10:00:00Z',
      })
    ).find((x) => x.text === burt.text)!;
    expect(repeat).toMatchObject({ status: 'duplicate', originalId: burt.id });
    const detail = (await env.request('GET', `/v1/claims/${repeat.id}`, { token: editor })).body;
    expect(detail.original).toMatchObject({
      id: burt.id,
      status: 'published',
      verdict: { id: verdict.body.id, rating: 'mostly_true' },
    });
    const events = (await env.request('GET', `/v1/claims/${repeat.id}/events`, { token: editor })).body.items;
    // Auto-queued at insert, marked a repeat in the same transaction: never assigned.
    expect(events.at(-1)).toMatchObject({
      type: 'mark_duplicate',
      toStatus: 'duplicate',
      data: { originalId: burt.id },
    });
    expect(await env.sql(`SELECT count(*)::int AS n FROM assignments WHERE claim_id = $1`, [repeat.id])).toEqual([
      { n: 0 },
    ]);

    const review = (await env.request('GET', `/v1/claims/${repeat.id}/claimreview`, { token: editor })).body;
    expect(review.identifier).toBe(verdict.body.id);
    expect(review.itemReviewed.appearance).toEqual([
      expect.any(Object),
      expect.objectContaining({ url: 'https://example.org/repeat', datePublished: '2021-07-09T10:00:00.000Z' }),
    ]);
  });
});
