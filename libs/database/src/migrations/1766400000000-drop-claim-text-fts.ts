import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline's candidate query and its document frequencies read `claims.search_vector` (exactly
 * to_tsvector('english', text), indexed by claims_search_idx) since issue 10's performance round, so the GIN
 * index on the expression indexed the same lexemes a second time: one more GIN entry per word on every insert.
 */
export class DropClaimTextFts1766400000000 implements MigrationInterface {
  name = 'DropClaimTextFts1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_text_fts_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claims_text_fts_idx ON claims USING gin (to_tsvector('english', text))`);
  }
}
