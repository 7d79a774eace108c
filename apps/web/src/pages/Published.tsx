import { api, call } from '../api/client';
import { useLoad } from '../hooks';
import { ErrorNote, fmtTime, Loading } from '../ui';

interface Appearance {
  url?: string;
  headline?: string;
  datePublished?: string;
  publisher?: { name?: string };
}

interface ClaimReview {
  claimReviewed?: string;
  datePublished?: string;
  url?: string;
  author?: { name?: string };
  itemReviewed?: { author?: { name?: string }; appearance?: Appearance | Appearance[] };
  citation?: { url: string; name?: string }[];
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
  const appearances = [r.itemReviewed?.appearance ?? []].flat();
  const value = r.reviewRating?.ratingValue;
  return (
    <article className="published" aria-labelledby="pub-title">
      <p className="kicker">Fact check</p>
      <h1 id="pub-title">“{r.claimReviewed}”</h1>
      <p className="muted">
        {r.itemReviewed?.author?.name ? `Claimed by ${r.itemReviewed.author.name}` : 'Claim'}
        {appearances[0]?.headline ? (
          <>
            {' '}
            in{' '}
            {appearances[0].url ? (
              <a href={appearances[0].url}>{appearances[0].headline}</a>
            ) : (
              <cite>{appearances[0].headline}</cite>
            )}
            {appearances[0].publisher?.name ? `, ${appearances[0].publisher.name}` : ''}
          </>
        ) : null}
      </p>
      <div className={`verdict-box r-${value ?? 'none'}`}>
        <p className="rating" data-testid="published-rating">
          Our rating: <strong>{r.reviewRating?.alternateName}</strong>
        </p>
        {value !== undefined && (
          <p className="scale">
            {value} on a scale from {r.reviewRating?.worstRating} (false) to {r.reviewRating?.bestRating} (true)
          </p>
        )}
      </div>
      {r.reviewBody && <p className="review-body">{r.reviewBody}</p>}
      {r.citation && r.citation.length > 0 && (
        <>
          <h2>Sources</h2>
          <ul>
            {r.citation.map((c) => (
              <li key={c.url}>
                <a href={c.url} rel="noreferrer noopener">
                  {c.name ?? c.url}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
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
