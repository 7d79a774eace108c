import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching weighs a claim's words by how many claims hold them (BM25's document frequencies) and looks for
 * candidates by its rarest words. Counting a word's claims in the text index reads a row per claim: with a real
 * vocabulary at a million claims, the ~70 words of an article's batch outside ANALYZE's common-word list held
 * 64,000 claims (46,000 pages read, 1.9 s). `claim_terms` keeps every word's count instead, folded in by the
 * sweeper from the claims after `claim_terms_folded`'s mark (keyset order); only claims newer than the mark are
 * counted at match time. `caught_up_at`: when a fold last reached the newest claims (null: never).
 */
export class ClaimTerms1766800000000 implements MigrationInterface {
  name = 'ClaimTerms1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE claim_terms (term text PRIMARY KEY, claims integer NOT NULL)`);
    await q.query(
      `CREATE TABLE claim_terms_folded (
         singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
         created_at timestamptz NOT NULL,
         id uuid NOT NULL,
         caught_up_at timestamptz
       )`,
    );
    await q.query(
      `INSERT INTO claim_terms_folded (created_at, id) VALUES ('-infinity', '00000000-0000-0000-0000-000000000000')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_terms_folded`);
    await q.query(`DROP TABLE claim_terms`);
  }
}
