import type { ArticleHeader } from '@claimdesk/articles';
import type { Claim } from '@claimdesk/claims';
import type { Rating, Verdict } from './verdict.entity';

/** schema.org reviewRating for each claimdesk rating: 5 is true, 1 is false. */
const RATING_SCALE: Record<Rating, { value: number; name: string } | { value: null; name: string }> = {
  true: { value: 5, name: 'True' },
  mostly_true: { value: 4, name: 'Mostly true' },
  mixed: { value: 3, name: 'Mixed' },
  mostly_false: { value: 2, name: 'Mostly false' },
  false: { value: 1, name: 'False' },
  misleading: { value: 2, name: 'Misleading' },
  unverifiable: { value: null, name: 'Unverifiable' },
};

/** The published verdict as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview). */
export function toClaimReview(
  claim: Claim,
  verdict: Verdict,
  article: ArticleHeader | null,
  publisher = 'claimdesk',
  repeats: (ArticleHeader | null)[] = [],
) {
  const rating = RATING_SCALE[verdict.rating];
  const appearanceOf = (a: ArticleHeader | null) => ({
    '@type': 'CreativeWork',
    ...(a?.url ? { url: a.url } : {}),
    ...(a?.title ? { headline: a.title } : {}),
    ...(a?.publishedAt ? { datePublished: a.publishedAt.toISOString() } : {}),
    ...(a?.source ? { publisher: { '@type': 'Organization', name: a.source } } : {}),
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    identifier: verdict.id,
    datePublished: (verdict.reviewedAt ?? verdict.createdAt).toISOString(),
    claimReviewed: claim.text,
    reviewBody: verdict.summary,
    author: { '@type': 'Organization', name: publisher },
    reviewRating: {
      '@type': 'Rating',
      ...(rating.value === null ? {} : { ratingValue: rating.value, bestRating: 5, worstRating: 1 }),
      alternateName: rating.name,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claim.claimant ? { author: { '@type': 'Person', name: claim.claimant } } : {}),
      ...(article?.publishedAt ? { datePublished: article.publishedAt.toISOString() } : {}),
      // Every appearance: the claim's article, then those of its confirmed repeats.
      appearance: repeats.length ? [article, ...repeats].map(appearanceOf) : appearanceOf(article),
    },
    citation: verdict.sources.map((s) => ({
      '@type': 'CreativeWork',
      url: s.url,
      ...(s.title ? { name: s.title } : {}),
    })),
  };
}
