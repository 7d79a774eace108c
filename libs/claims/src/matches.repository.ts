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
}

export interface MatchLinkRow {
  claim_id: string;
  other_id: string;
  score: number;
  status: MatchStatus;
  created_at: Date;
  updated_at: Date;
}

/** How many candidates each index gives (full text by rank, trigrams by similarity); re-ranked in Node. */
const FTS_CANDIDATES = 50;
const TRGM_CANDIDATES = 20;
/** Document frequencies are counted up to this (a term in more claims is common either way). */
const DF_CAP = 10_000;

@Injectable()
export class MatchesRepository {
  /**
   * Earlier claims (other articles, not themselves repeats) that may state the same as `text`: the same
   * fingerprint, the best by full-text rank for any of `words`, and the most similar by trigrams. All by index.
   */
  async candidates(
    em: EntityManager,
    c: { id: string; articleId: string; fingerprint: string; text: string },
    words: string[],
  ): Promise<CandidateRow[]> {
    const tsquery = words.join(' | ');
    const { rows } = await rawQuery<CandidateRow>(
      em,
      `WITH fp AS (
         SELECT id FROM claims WHERE fingerprint = $1 AND id <> $2 AND article_id <> $3 AND status <> 'duplicate'
         LIMIT 5
       ), fts AS (
         SELECT id FROM claims
          WHERE $4 <> '' AND to_tsvector('english', text) @@ to_tsquery('english', $4)
            AND id <> $2 AND article_id <> $3 AND status <> 'duplicate'
          ORDER BY ts_rank(to_tsvector('english', text), to_tsquery('english', $4)) DESC
          LIMIT ${FTS_CANDIDATES}
       ), trgm AS (
         SELECT id FROM claims
          WHERE text % $5 AND id <> $2 AND article_id <> $3 AND status <> 'duplicate'
          ORDER BY text <-> $5
          LIMIT ${TRGM_CANDIDATES}
       )
       SELECT c.id, c.text, c.claimant, c.quantities FROM claims c
        WHERE c.id IN (SELECT id FROM fp UNION SELECT id FROM fts UNION SELECT id FROM trgm)`,
      [c.fingerprint, c.id, c.articleId, tsquery, c.text],
    );
    return rows;
  }

  /** BM25's collection statistics: the claim count (planner estimate) and each term's document frequency (capped). */
  async termStats(em: EntityManager, stems: string[]): Promise<{ docCount: number; df: Map<string, number> }> {
    const { rows } = await rawQuery<{ term: string; df: number; n: number }>(
      em,
      `SELECT t.term,
              (SELECT count(*)::int FROM (SELECT 1 FROM claims
                 WHERE to_tsvector('english', text) @@ to_tsquery('simple', quote_literal(t.term)) LIMIT ${DF_CAP}) s) AS df,
              greatest((SELECT reltuples FROM pg_class WHERE oid = 'claims'::regclass), 0)::float8 AS n
         FROM unnest($1::text[]) AS t(term)`,
      [stems],
    );
    const df = new Map(rows.map((r) => [r.term, r.df]));
    const counted = Math.max(0, ...rows.map((r) => r.df));
    return { docCount: Math.max(rows[0]?.n ?? 0, counted, 1), df };
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
