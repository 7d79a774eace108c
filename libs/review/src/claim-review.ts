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
export function toClaimReview(claim: Claim, verdict: Verdict, article: ArticleHeader | null, publisher = 'claimdesk') {
  const rating = RATING_SCALE[verdict.rating];
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
      appearance: {
        '@type': 'CreativeWork',
        ...(article?.url ? { url: article.url } : {}),
        ...(article?.title ? { headline: article.title } : {}),
        ...(article?.source ? { publisher: { '@type': 'Organization', name: article.source } } : {}),
      },
    },
    citation: verdict.sources.map((s) => ({
      '@type': 'CreativeWork',
      url: s.url,
      ...(s.title ? { name: s.title } : {}),
    })),
  };
}
