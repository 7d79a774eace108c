import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset cursors carry created_at as a JavaScript Date (millisecond precision). Stored with
 * microseconds, the cursor row compared greater than itself and pages repeated; stored to the
 * millisecond, the cursor is exact. Also: a reviewer's claim list looks up their assignments.
 */
export class KeysetPrecision1764662400000 implements MigrationInterface {
  name = 'KeysetPrecision1764662400000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'articles', 'claims']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN created_at TYPE timestamptz(3)`);
    }
    await q.query(`CREATE INDEX assignments_reviewer_claim_idx ON assignments (reviewer_id, claim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assignments_reviewer_claim_idx`);
    for (const table of ['users', 'articles', 'claims']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN created_at TYPE timestamptz`);
    }
  }
}
