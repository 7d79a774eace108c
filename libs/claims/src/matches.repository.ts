import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rawQuery } from '@claimdesk/database';
import type { Quantity } from '@claimdesk/extraction';
import type { MatchStatus } from './claim-match.entity';

export interface CandidateRow {
  id: string;
  text: string;
  claimant: string | null;
  quantities: Quantity[];
  /** The packed sentence vector (libs/encoder), when stage 2 scored the claim. */
  embedding: Buffer | null;
  /** Indexes of the batch's claims this row is a candidate for. */
  for: number[];
}

export interface MatchLinkRow {
  claim_id: string;
  other_id: string;
  score: number;
  status: MatchStatus;
  created_at: Date;
  updated_at: Date;
}

/** How many candidates full text gives a claim (by rank); re-ranked in Node. */
const FTS_CANDIDATES = 50;
/** ... ranked among at most this many claims holding two of its rarest words (bounds the work at any size). */
export const FTS_SCANNED = 400;
/** Document frequencies are counted up to this (a term in more claims is common either way). */
const DF_CAP = 1_000;
/** termStats's claim count: the planner's estimate (reltuples), free to read. */
const DOC_COUNT = `n AS (SELECT greatest((SELECT reltuples FROM pg_class WHERE oid = 'claims'::regclass), 0)::float8 AS n)`;

@Injectable()
export class MatchesRepository {
  /**
   * Earlier claims (other articles, not themselves repeats) that may state the same as each of `claims`, in one
   * statement for the whole batch: the same fingerprint, and the best by full-text rank among (at most
   * FTS_SCANNED) claims holding `need` of its `words` (its rarest: the GIN lookup of a pair of rare words is
   * short at any size; at 1,000,000 claims an OR of all its words ranked 10^5 rows, 15 s a claim),
   * ranked by `all` its words (the pair alone ranks every row that holds it alike, so which of them were kept
   * was chance). The stored `search_vector` is both the index and the rank's input (re-parsing each
   * candidate's text for `ts_rank` was a fifth of the query at 1M). Each candidate comes once, with `for`: the indexes (0-based) of
   * the claims it is a candidate for.
   */
  async candidatesMany(
    em: EntityManager,
    claims: { id: string; articleId: string; fingerprint: string; words: string[]; need: number; all: string[] }[],
  ): Promise<CandidateRow[]> {
    if (!claims.length) return [];
    const { rows } = await rawQuery<CandidateRow>(
      em,
      `WITH q AS (
         SELECT q.*, CASE WHEN q.words <> '' THEN to_tsquery('english', q.words) END AS tsq,
                to_tsquery('english', q.anyword) AS rankq
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
                WITH ORDINALITY AS q(id, article_id, fp, words, anyword, ord)
       ), pairs AS (
         SELECT DISTINCT q.ord, m.id FROM q CROSS JOIN LATERAL (
           (SELECT c.id FROM claims c
             WHERE c.fingerprint = q.fp AND c.id <> q.id AND c.article_id <> q.article_id AND c.status <> 'duplicate'
             LIMIT 5)
           UNION ALL
           (SELECT r.id FROM (
              SELECT c.id, c.search_vector FROM claims c
               WHERE c.search_vector @@ q.tsq
                 AND c.id <> q.id AND c.article_id <> q.article_id AND c.status <> 'duplicate'
               LIMIT ${FTS_SCANNED}) r
             ORDER BY ts_rank(r.search_vector, q.rankq) DESC
             LIMIT ${FTS_CANDIDATES})
         ) m
       )
       SELECT c.id, c.text, c.claimant, c.quantities, c.embedding, array_agg(p.ord::int - 1) AS "for"
         FROM pairs p JOIN claims c ON c.id = p.id
        GROUP BY c.id`,
      [
        claims.map((c) => c.id),
        claims.map((c) => c.articleId),
        claims.map((c) => c.fingerprint),
        claims.map((c) => someOfQuery(c.words, c.need)),
        claims.map((c) => c.all.join(' | ')),
      ],
    );
    return rows;
  }

  /**
   * BM25's collection statistics: the claim count (planner estimate) and each term's document frequency. A term
   * among the most common lexemes of `search_vector` (ANALYZE's statistics) gets its frequency from there; the
   * others are counted in one index scan for all of them (an OR of the terms; a subquery per term cost ~0.1 ms of
   * executor start-up each, and a batch asks for ~200 rare terms), read as at most DF_CAP (a term in more claims
   * is common either way; ANALYZE's list holds the commoner ones).
   */
  async termStats(
    em: EntityManager,
    stems: string[],
    lexiconAfter: { createdAt: Date; id: string } | null = null,
  ): Promise<{ docCount: number; df: Map<string, number> }> {
    const { rows } = lexiconAfter
      ? await this.lexiconStats(em, stems, lexiconAfter)
      : await rawQuery<{ term: string | null; df: number; n: number }>(
          em,
          `WITH ${DOC_COUNT}, mce AS (
         SELECT e.elem, e.freq
           FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(elem, freq)
          WHERE s.schemaname = current_schema() AND s.tablename = 'claims' AND s.attname = 'search_vector'
            AND e.elem IS NOT NULL
       ), t AS (
         SELECT DISTINCT t.term, m.freq FROM unnest($1::text[]) AS t(term) LEFT JOIN mce m ON m.elem = t.term
       ), rest AS (
         SELECT to_tsquery('simple', string_agg(quote_literal(term), ' | ')) AS tsq, array_agg(term) AS terms
           FROM t WHERE freq IS NULL
       ), counted AS (
         SELECT w AS term, count(*)::int AS df
           FROM rest, claims c, unnest(tsvector_to_array(c.search_vector)) AS w
          WHERE c.search_vector @@ rest.tsq AND w = ANY(rest.terms)
          GROUP BY w
       )
       SELECT NULL AS term, 0 AS df, n.n FROM n
       UNION ALL
       SELECT t.term, coalesce(round(t.freq * n.n)::int, least(coalesce(c.df, 0), ${DF_CAP})), n.n
         FROM t CROSS JOIN n LEFT JOIN counted c ON c.term = t.term`,
          [stems],
        );
    const df = new Map(rows.flatMap((r) => (r.term === null ? [] : [[r.term, r.df] as const])));
    const counted = Math.max(0, ...df.values());
    return { docCount: Math.max(rows.find((r) => r.term === null)?.n ?? 0, counted, 1), df };
  }

  /**
   * termStats from the lexicon (`claim_terms`, ClaimTermsRepository) plus the claims after its fold mark, counted
   * here: a range of the newest claims by the creation-time index, not every claim holding the words.
   */
  private lexiconStats(em: EntityManager, stems: string[], after: { createdAt: Date; id: string }) {
    return rawQuery<{ term: string | null; df: number; n: number }>(
      em,
      `WITH ${DOC_COUNT}, t AS (
         SELECT DISTINCT term FROM unnest($1::text[]) AS term
       ), q AS (
         SELECT to_tsquery('simple', string_agg(quote_literal(term), ' | ')) AS tsq FROM t
       ), recent AS MATERIALIZED (
         SELECT search_vector FROM claims WHERE (created_at, id) > ($2::timestamptz, $3::uuid)
       ), counted AS (
         SELECT w AS term, count(*)::int AS df
           FROM q, recent r, unnest(tsvector_to_array(r.search_vector)) AS w
          WHERE r.search_vector @@ q.tsq AND w = ANY($1::text[])
          GROUP BY w
       )
       SELECT NULL AS term, 0 AS df, n.n FROM n
       UNION ALL
       SELECT t.term, coalesce(k.claims, 0) + coalesce(c.df, 0), n.n
         FROM t CROSS JOIN n LEFT JOIN claim_terms k ON k.term = t.term LEFT JOIN counted c ON c.term = t.term`,
      [stems, after.createdAt, after.id],
    );
  }

  async insertLinks(
    em: EntityManager,
    links: { claimId: string; otherId: string; score: number; status: MatchStatus }[],
  ) {
    if (!links.length) return;
    await rawQuery(
      em,
      `INSERT INTO claim_matches (claim_id, other_id, score, status)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::text[])
       ON CONFLICT (claim_id, other_id) DO NOTHING`,
      [links.map((l) => l.claimId), links.map((l) => l.otherId), links.map((l) => l.score), links.map((l) => l.status)],
    );
  }

  /** The link between two claims, whichever is the later, locked. */
  async lockLink(em: EntityManager, a: string, b: string): Promise<MatchLinkRow | null> {
    const { rows } = await rawQuery<MatchLinkRow>(
      em,
      `SELECT * FROM claim_matches WHERE (claim_id = $1 AND other_id = $2) OR (claim_id = $2 AND other_id = $1)
       FOR UPDATE`,
      [a, b],
    );
    return rows[0] ?? null;
  }

  async setStatus(em: EntityManager, link: MatchLinkRow, status: MatchStatus): Promise<MatchLinkRow> {
    const { rows } = await rawQuery<MatchLinkRow>(
      em,
      `UPDATE claim_matches SET status = $3, updated_at = now() WHERE claim_id = $1 AND other_id = $2 RETURNING *`,
      [link.claim_id, link.other_id, status],
    );
    return rows[0];
  }

  /** A claim's links both ways, best first. */
  async linksOf(em: EntityManager, claimId: string): Promise<MatchLinkRow[]> {
    const { rows } = await rawQuery<MatchLinkRow>(
      em,
      `SELECT * FROM claim_matches WHERE claim_id = $1 OR other_id = $1 ORDER BY score DESC, created_at, claim_id, other_id`,
      [claimId],
    );
    return rows;
  }
}

/**
 * A tsquery needing `need` of `words`: every combination ANDed, the combinations ORed ("a & b | a & c | b & c" for
 * two of three); the words alone, ANDed, when there are no more of them than that.
 */
export function someOfQuery(words: string[], need: number): string {
  if (words.length <= need) return words.join(' & ');
  const out: string[] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === need) return void out.push(`(${chosen.join(' & ')})`);
    for (let i = from; i < words.length; i++) pick(i + 1, [...chosen, words[i]]);
  };
  pick(0, []);
  return out.join(' | ');
}
