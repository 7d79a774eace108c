import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An extraction run marks its start on the article and clears the mark when it ends; a run that finds the mark
 * still set follows one that never ended (a killed worker, a lost BullMQ lock): a stall. Two stalls and the
 * article is `failed`, so no article is re-driven forever. Failure reasons become generic (the raw errors went to
 * the API before); deactivated users lose their token (reactivation needs a new one).
 */
export class ExtractionRuns1764748800000 implements MigrationInterface {
  name = 'ExtractionRuns1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE articles ADD COLUMN extraction_started_at timestamptz, ADD COLUMN extraction_stalls int NOT NULL DEFAULT 0`,
    );
    await q.query(`UPDATE articles SET error = 'extraction failed' WHERE status = 'failed'`);
    await q.query(`UPDATE users SET token_hash = NULL WHERE NOT active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles DROP COLUMN extraction_started_at, DROP COLUMN extraction_stalls`);
  }
}
