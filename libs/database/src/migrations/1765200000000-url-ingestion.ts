import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Articles posted as a URL: status `fetching` until the worker has the page (body empty and body_hash null
 * meanwhile), the canonical URL the page declares (unique, so the same article under two addresses is stored
 * once), its byline, and the fetch attempts (a fetch found unfinished too often ends `failed`).
 */
export class UrlIngestion1765200000000 implements MigrationInterface {
  name = 'UrlIngestion1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles DROP CONSTRAINT articles_status_check`);
    await q.query(
      `ALTER TABLE articles ADD CONSTRAINT articles_status_check
         CHECK (status IN ('fetching', 'received', 'extracted', 'failed'))`,
    );
    await q.query(`ALTER TABLE articles ALTER COLUMN body_hash DROP NOT NULL`);
    await q.query(
      `ALTER TABLE articles ADD COLUMN canonical_url text, ADD COLUMN byline text,
         ADD COLUMN fetch_attempts int NOT NULL DEFAULT 0, ADD COLUMN fetched_at timestamptz`,
    );
    await q.query(
      `CREATE UNIQUE INDEX articles_canonical_url_key ON articles (canonical_url) WHERE canonical_url IS NOT NULL`,
    );
    await q.query(`CREATE INDEX articles_fetching_idx ON articles (created_at) WHERE status = 'fetching'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM articles WHERE status = 'fetching' OR body_hash IS NULL`);
    await q.query(`DROP INDEX articles_fetching_idx`);
    await q.query(`DROP INDEX articles_canonical_url_key`);
    await q.query(
      `ALTER TABLE articles DROP COLUMN canonical_url, DROP COLUMN byline, DROP COLUMN fetch_attempts,
         DROP COLUMN fetched_at`,
    );
    await q.query(`ALTER TABLE articles ALTER COLUMN body_hash SET NOT NULL`);
    await q.query(`ALTER TABLE articles DROP CONSTRAINT articles_status_check`);
    await q.query(
      `ALTER TABLE articles ADD CONSTRAINT articles_status_check CHECK (status IN ('received', 'extracted', 'failed'))`,
    );
  }
}
