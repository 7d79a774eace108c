/* eslint-disable @typescript-eslint/no-explicit-any -- JSON-LD is checked property by property at run time */
import { toClaimReview } from './claim-review';

const claim = { id: 'c', text: 'US agencies issued 2,400 to 3,500 orders', claimant: 'Tom Burt' } as never;
const verdict = {
  id: 'v',
  rating: 'mostly_true',
  summary: 'Matches the testimony.',
  sources: [{ url: 'https://example.org/testimony', title: 'Testimony' }],
  reviewedAt: new Date('2021-07-06T00:00:00Z'),
  createdAt: new Date('2021-07-05T00:00:00Z'),
} as never;

describe('toClaimReview', () => {
  it('is schema.org ClaimReview with the rating on a 1-5 scale and the claimant as author', () => {
    const r = toClaimReview(claim, verdict, {
      url: 'https://news.example/a',
      title: 'T',
      publishedAt: null,
      source: 'S',
    } as never);
    expect(r['@context']).toBe('https://schema.org');
    expect(r['@type']).toBe('ClaimReview');
    expect(r.claimReviewed).toBe('US agencies issued 2,400 to 3,500 orders');
    expect(r.reviewRating).toMatchObject({
      ratingValue: 4,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Mostly true',
    });
    expect(r.itemReviewed.author).toEqual({ '@type': 'Person', name: 'Tom Burt' });
    expect(r.itemReviewed.appearance).toMatchObject({ url: 'https://news.example/a', headline: 'T' });
    expect(r.datePublished).toBe('2021-07-06T00:00:00.000Z');
  });

  it('gives no numeric value for an unverifiable claim', () => {
    const r = toClaimReview(claim, { ...(verdict as object), rating: 'unverifiable' } as never, null);
    expect(r.reviewRating).not.toHaveProperty('ratingValue');
    expect(r.reviewRating.alternateName).toBe('Unverifiable');
  });
});

/**
 * Google's ClaimReview structured-data guidelines (developers.google.com/search/docs/appearance/structured-data/
 * factcheck) and schema.org/ClaimReview: required claimReviewed, reviewRating (alternateName; ratingValue,
 * bestRating, worstRating when numeric), url; recommended author (name, url), datePublished, itemReviewed (a Claim
 * with its author, datePublished and appearance). Returns the missing or malformed properties.
 */
function claimReviewProblems(r: Record<string, any>): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) problems.push(what);
  };
  const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v);
  const isUrl = (v: unknown) => typeof v === 'string' && /^https?:\/\/\S+$/.test(v);
  need(r['@context'] === 'https://schema.org', '@context');
  need(r['@type'] === 'ClaimReview', '@type');
  need(typeof r.claimReviewed === 'string' && r.claimReviewed.length > 0, 'claimReviewed');
  need(isUrl(r.url), 'url');
  const rating = r.reviewRating ?? {};
  need(rating['@type'] === 'Rating', 'reviewRating.@type');
  need(typeof rating.alternateName === 'string' && rating.alternateName.length > 0, 'reviewRating.alternateName');
  need(Number.isInteger(rating.bestRating), 'reviewRating.bestRating');
  need(Number.isInteger(rating.worstRating), 'reviewRating.worstRating');
  need(
    Number.isInteger(rating.ratingValue) &&
      rating.ratingValue >= rating.worstRating &&
      rating.ratingValue <= rating.bestRating,
    'reviewRating.ratingValue',
  );
  need(r.author?.['@type'] === 'Organization' && typeof r.author?.name === 'string', 'author.name');
  need(isUrl(r.author?.url), 'author.url');
  need(isDate(r.datePublished), 'datePublished');
  const item = r.itemReviewed ?? {};
  need(item['@type'] === 'Claim', 'itemReviewed.@type');
  need(['Person', 'Organization'].includes(item.author?.['@type']) && !!item.author?.name, 'itemReviewed.author');
  need(isDate(item.datePublished), 'itemReviewed.datePublished');
  const appearances = [item.appearance ?? []].flat();
  need(appearances.length > 0, 'itemReviewed.appearance');
  for (const a of appearances) need(a['@type'] === 'CreativeWork' && isUrl(a.url), 'itemReviewed.appearance.url');
  return problems;
}

describe('ClaimReview against the required and recommended properties', () => {
  const org = {
    name: 'Example Fact Check',
    url: 'https://factcheck.example.org/',
    claimUrlTemplate: 'https://factcheck.example.org/claims/{id}',
  };
  const article = {
    url: 'https://news.example/a',
    title: 'T',
    publishedAt: new Date('2021-07-01T08:00:00Z'),
    createdAt: new Date('2021-07-02T00:00:00Z'),
    source: 'News Example',
  } as never;

  it('has every property, the fact-check URL and author from config', () => {
    const r = toClaimReview(claim, verdict, article, org);
    expect(claimReviewProblems(r)).toEqual([]);
    expect(r.url).toBe('https://factcheck.example.org/claims/c');
    expect(r.author).toEqual({ '@type': 'Organization', name: 'Example Fact Check', url: org.url });
    expect(r.itemReviewed.datePublished).toBe('2021-07-01T08:00:00.000Z');
  });

  it('lists every appearance of a repeated claim, with its date; an unnamed claimant is the outlet', () => {
    const repeat = {
      url: 'https://other.example/b',
      title: 'B',
      publishedAt: new Date('2021-07-03T09:00:00Z'),
      createdAt: new Date('2021-07-03T10:00:00Z'),
      source: 'Other',
    } as never;
    const anonymous = { id: 'c', text: 'Orders rose', claimant: null } as never;
    const r = toClaimReview(anonymous, verdict, article, org, [repeat]);
    expect(claimReviewProblems(r)).toEqual([]);
    expect(r.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'News Example' });
    expect(r.itemReviewed.appearance).toEqual([
      expect.objectContaining({ url: 'https://news.example/a', datePublished: '2021-07-01T08:00:00.000Z' }),
      expect.objectContaining({ url: 'https://other.example/b', datePublished: '2021-07-03T09:00:00.000Z' }),
    ]);
  });

  it('catches what is missing (the check can fail)', () => {
    const bare = toClaimReview(claim, { ...(verdict as object), rating: 'unverifiable' } as never, null);
    expect(claimReviewProblems(bare)).toEqual(
      expect.arrayContaining(['url', 'author.url', 'reviewRating.ratingValue', 'itemReviewed.appearance.url']),
    );
  });
});
