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

/** Who publishes the fact checks (config: CLAIMREVIEW_AUTHOR_NAME, CLAIMREVIEW_AUTHOR_URL, CLAIMREVIEW_URL_TEMPLATE). */
export interface ClaimReviewOrg {
  name: string;
  url?: string;
  /** The public fact-check page of a claim, `{id}` standing for the claim id. */
  claimUrlTemplate?: string;
}

/**
 * The published verdict as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), with the properties
 * Google's ClaimReview guidelines require (claimReviewed, reviewRating, url) and recommend (author, datePublished,
 * itemReviewed: a Claim with its author, first appearance date and appearances).
 */
export function toClaimReview(
  claim: Pick<Claim, 'id' | 'text' | 'claimant'>,
  verdict: Verdict,
  article: ArticleHeader | null,
  org: ClaimReviewOrg = { name: 'claimdesk' },
  repeats: (ArticleHeader | null)[] = [],
) {
  const rating = RATING_SCALE[verdict.rating];
  const url = org.claimUrlTemplate ? org.claimUrlTemplate.replaceAll('{id}', claim.id) : undefined;
  // The claim was made by the person quoted or, when nobody is named, by the outlet that printed it.
  const claimAuthor = claim.claimant
    ? { '@type': 'Person', name: claim.claimant }
    : article?.source
      ? { '@type': 'Organization', name: article.source }
      : undefined;
  const firstSeen = article ? (article.publishedAt ?? article.createdAt) : null;
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
    ...(url ? { url } : {}),
    datePublished: (verdict.reviewedAt ?? verdict.createdAt).toISOString(),
    claimReviewed: claim.text,
    reviewBody: verdict.summary,
    author: { '@type': 'Organization', name: org.name, ...(org.url ? { url: org.url } : {}) },
    reviewRating: {
      '@type': 'Rating',
      ...(rating.value === null ? {} : { ratingValue: rating.value, bestRating: 5, worstRating: 1 }),
      alternateName: rating.name,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claimAuthor ? { author: claimAuthor } : {}),
      ...(firstSeen ? { datePublished: firstSeen.toISOString() } : {}),
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
