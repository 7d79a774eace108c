import { api, call } from '../api/client';
import { useLoad } from '../hooks';
import { ErrorNote, fmtTime, Loading } from '../ui';

interface ClaimReview {
  claimReviewed?: string;
  datePublished?: string;
  url?: string;
  author?: { name?: string };
  itemReviewed?: { author?: { name?: string }; appearance?: { url?: string; headline?: string } };
  reviewRating?: { alternateName?: string; ratingValue?: number; bestRating?: number; worstRating?: number };
  reviewBody?: string;
  [k: string]: unknown;
}

/** A published verdict as a fact-check page shows it, with its schema.org ClaimReview JSON-LD in the page. */
export function Published({ id }: { id: string }) {
  const review = useLoad(
    () => call(api.GET('/v1/claims/{id}/claimreview', { params: { path: { id } } })) as Promise<ClaimReview>,
    [id],
  );
  if (review.error) return <ErrorNote error={review.error} onReload={review.reload} />;
  if (!review.data) return <Loading what="the fact check" />;
  const r = review.data;
  return (
    <article className="published" aria-labelledby="pub-title">
      <p className="kicker">Fact check</p>
      <h1 id="pub-title">“{r.claimReviewed}”</h1>
      {r.itemReviewed?.author?.name && <p className="muted">Claimed by {r.itemReviewed.author.name}</p>}
      <p className="rating" data-testid="published-rating">
        Our rating: <strong>{r.reviewRating?.alternateName}</strong>
      </p>
      {r.reviewBody && <p>{r.reviewBody}</p>}
      <p className="muted">
        Published {fmtTime(r.datePublished)} {r.author?.name ? `by ${r.author.name}` : ''}
      </p>
      <details>
        <summary>ClaimReview JSON-LD</summary>
        <pre data-testid="jsonld">{JSON.stringify(r, null, 2)}</pre>
      </details>
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(r).replace(/</g, '\\u003c') }}
      />
    </article>
  );
}
