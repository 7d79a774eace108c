import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nothing reads claims_text_trgm_idx any more: `q` on GET /v1/claims and search use `search_vector`, and the
 * pipeline's matching has no trigram leg. A trigram GIN entry per three characters of every new claim was the
 * costliest index write of a claim insert. pg_trgm stays installed (cheap, and the down migration needs it).
 */
export class DropClaimTextTrgm1766410000000 implements MigrationInterface {
  name = 'DropClaimTextTrgm1766410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_text_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claims_text_trgm_idx ON claims USING gin (text gin_trgm_ops)`);
  }
}
