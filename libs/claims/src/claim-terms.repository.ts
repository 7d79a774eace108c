import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rawQuery } from '@claimdesk/database';

/** Claims this recent are left for the next fold: a transaction still open may yet add claims stamped earlier. */
export const FOLD_SETTLE_MS = 30_000;
/** Claims one fold statement reads (a sweep folds several within its budget). */
export const FOLD_BATCH = 20_000;

export interface FoldMark {
  createdAt: Date;
  id: string;
  /** When a fold last reached the newest settled claims; null: never (the lexicon is still being built). */
  caughtUpAt: Date | null;
}

/**
 * The word lexicon of the claims (`claim_terms`: each stemmed word and how many claims hold it), kept by folding
 * in the claims after a keyset mark. Only the sweeper folds (under its advisory lock); a fold and its mark move
 * commit together, so a claim is counted once.
 */
@Injectable()
export class ClaimTermsRepository {
  async mark(em: EntityManager): Promise<FoldMark> {
    const { rows } = await rawQuery<{ created_at: Date; id: string; caught_up_at: Date | null }>(
      em,
      `SELECT created_at, id, caught_up_at FROM claim_terms_folded`,
    );
    return { createdAt: rows[0].created_at, id: rows[0].id, caughtUpAt: rows[0].caught_up_at };
  }

  /**
   * Folds the next `limit` settled claims into the lexicon; returns how many it read. Fewer than `limit` means it
   * reached the newest settled claim: the mark is stamped caught up.
   */
  async foldNext(em: EntityManager, limit = FOLD_BATCH, settleMs = FOLD_SETTLE_MS): Promise<number> {
    return em.transaction(async (tx) => {
      const [mark] = (
        await rawQuery<{ created_at: Date; id: string }>(tx, `SELECT created_at, id FROM claim_terms_folded FOR UPDATE`)
      ).rows;
      const { rows } = await rawQuery<{ n: number }>(
        tx,
        `WITH batch AS MATERIALIZED (
           SELECT created_at, id, search_vector FROM claims
            WHERE (created_at, id) > ($1::timestamptz, $2::uuid)
              AND created_at < now() - make_interval(secs => $4 / 1000.0)
            ORDER BY created_at, id LIMIT $3
         ), counted AS (
           INSERT INTO claim_terms AS k (term, claims)
           SELECT w, count(*) FROM batch, unnest(tsvector_to_array(batch.search_vector)) AS w GROUP BY w ORDER BY w
           ON CONFLICT (term) DO UPDATE SET claims = k.claims + excluded.claims
         ), moved AS (
           UPDATE claim_terms_folded f
              SET created_at = coalesce(last.created_at, f.created_at), id = coalesce(last.id, f.id),
                  caught_up_at = CASE WHEN (SELECT count(*) FROM batch) < $3 THEN now() ELSE f.caught_up_at END
             FROM (SELECT NULL) AS one
             LEFT JOIN LATERAL (SELECT created_at, id FROM batch ORDER BY created_at DESC, id DESC LIMIT 1) last ON true
         )
         SELECT count(*)::int AS n FROM batch`,
        [mark.created_at, mark.id, limit, settleMs],
      );
      return rows[0].n;
    });
  }

  /** Folds until caught up or `budgetMs` has passed; returns the claims folded. */
  async fold(em: EntityManager, budgetMs: number, limit = FOLD_BATCH, settleMs = FOLD_SETTLE_MS): Promise<number> {
    const until = Date.now() + budgetMs;
    let total = 0;
    for (;;) {
      const n = await this.foldNext(em, limit, settleMs);
      total += n;
      if (n < limit || Date.now() >= until) return total;
    }
  }
}
