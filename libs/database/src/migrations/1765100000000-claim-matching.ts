import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claim matching and search (issue 10).
 * - Full-text search: GIN over to_tsvector('english', text) (an expression index: queries use the same
 *   expression), also over articles (title, body) and verdicts (summary).
 * - Exact repeats: the normalized fingerprint (libs/matching) of each claim, indexed.
 * - `original_id`: a confirmed repeat (status `duplicate`) points at the claim it repeats.
 * - claim_matches: suggested, confirmed and rejected links between two claims (one row per pair, `claim_id` the
 *   later claim).
 */
export class ClaimMatching1765100000000 implements MigrationInterface {
  name = 'ClaimMatching1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`ALTER TABLE claims ADD COLUMN fingerprint text`);
    await q.query(`ALTER TABLE claims ADD COLUMN original_id uuid REFERENCES claims(id)`);
    await q.query(`CREATE INDEX claims_fingerprint_idx ON claims (fingerprint)`);
    await q.query(`CREATE INDEX claims_original_idx ON claims (original_id) WHERE original_id IS NOT NULL`);
    await q.query(`CREATE INDEX claims_text_fts_idx ON claims USING gin (to_tsvector('english', text))`);
    await q.query(
      `CREATE INDEX articles_fts_idx ON articles USING gin (to_tsvector('english', coalesce(title, '') || ' ' || body))`,
    );
    await q.query(`CREATE INDEX verdicts_fts_idx ON verdicts USING gin (to_tsvector('english', summary))`);
    await q.query(`
      CREATE TABLE claim_matches (
        claim_id uuid NOT NULL REFERENCES claims(id),
        other_id uuid NOT NULL REFERENCES claims(id),
        score real NOT NULL,
        status text NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_id, other_id),
        CHECK (claim_id <> other_id)
      )`);
    await q.query(`CREATE INDEX claim_matches_other_idx ON claim_matches (other_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_matches`);
    await q.query(`DROP INDEX verdicts_fts_idx`);
    await q.query(`DROP INDEX articles_fts_idx`);
    await q.query(`DROP INDEX claims_text_fts_idx`);
    await q.query(`ALTER TABLE claims DROP COLUMN original_id`);
    await q.query(`ALTER TABLE claims DROP COLUMN fingerprint`);
  }
}
