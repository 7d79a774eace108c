import { fragments } from './highlight';
import type { HitRow } from './search.repository';

export interface Highlight {
  /** The field the fragments come from: claim `text`, verdict `summary` or `sources`, article `title` or `body`. */
  field: string;
  /** HTML-escaped excerpts with each match in <mark>...</mark>. */
  fragments: string[];
}

export function toHitView(r: HitRow) {
  const highlights: Highlight[] = (
    [
      ['text', r.h_text],
      ['summary', r.h_summary],
      ['sources', r.h_sources],
      ['title', r.h_title],
      ['body', r.h_body],
    ] as const
  )
    .map(([field, h]) => ({ field, fragments: fragments(h) }))
    .filter((h) => h.fragments.length > 0);
  return {
    kind: r.kind,
    id: r.id,
    claimId: r.claim_id,
    articleId: r.article_id,
    rank: r.rank,
    createdAt: r.created_at.toISOString(),
    highlights,
    claim:
      r.claim_id && r.c_text !== null
        ? { id: r.claim_id, text: r.c_text, status: r.c_status!, type: r.c_type!, claimant: r.c_claimant }
        : null,
    verdict: r.kind === 'verdict' ? { id: r.id, rating: r.v_rating!, status: r.v_status! } : null,
    article: {
      id: r.article_id,
      title: r.a_title,
      source: r.a_source,
      publishedAt: r.a_published_at ? r.a_published_at.toISOString() : null,
    },
  };
}
export type HitView = ReturnType<typeof toHitView>;
