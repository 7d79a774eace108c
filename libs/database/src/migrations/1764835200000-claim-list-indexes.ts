import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claim lists at a million rows (npm run bench, scale): every list is keyset-ordered by (created_at, id).
 * - By assignee: a reviewer accumulates thousands of claims over time; without this index each page
 *   sorted all of them.
 * - `q`: a substring search (ILIKE '%...%') scanned the table for a rare word; a trigram index finds
 *   the rows instead. pg_trgm is a trusted extension (PostgreSQL 13+), shipped with PostgreSQL.
 */
export class ClaimListIndexes1764835200000 implements MigrationInterface {
  name = 'ClaimListIndexes1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX claims_assignee_created_idx ON claims (assignee_id, created_at, id) WHERE assignee_id IS NOT NULL`,
    );
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX claims_text_trgm_idx ON claims USING gin (text gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_text_trgm_idx`);
    await q.query(`DROP INDEX claims_assignee_created_idx`);
  }
}
