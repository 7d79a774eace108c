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
