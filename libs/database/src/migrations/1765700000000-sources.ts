import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed sources (RSS, Atom): what to poll and how often, the validators of the last answer (ETag, Last-Modified)
 * for conditional GETs, and the source's health (failures in a row, back-off, a flag). `source_items` keeps one row
 * per item ever seen, unique by (source_id, guid), so a re-polled feed inserts nothing; `payload` holds an item
 * until it is turned into an article (a poll cut short leaves it pending for the next). `source_fetches` records
 * every fetch; `source_events` is the audit trail (created, paused, resumed, deleted), kept after a delete.
 */
export class Sources1765700000000 implements MigrationInterface {
  name = 'Sources1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        title text,
        interval_seconds int NOT NULL CHECK (interval_seconds > 0),
        language text,
        topics text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        etag text,
        last_modified text,
        polling_since timestamptz,
        last_fetch_at timestamptz,
        last_success_at timestamptz,
        last_status int,
        last_error text,
        last_error_at timestamptz,
        consecutive_failures int NOT NULL DEFAULT 0,
        next_fetch_at timestamptz,
        flagged boolean NOT NULL DEFAULT false,
        items_seen int NOT NULL DEFAULT 0,
        articles_created int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX sources_url_key ON sources (url)`);
    await q.query(`CREATE INDEX sources_list_idx ON sources (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE source_items (
        id bigserial PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        guid text NOT NULL,
        link text,
        payload jsonb,
        outcome text CHECK (outcome IN ('created', 'duplicate', 'skipped', 'invalid')),
        article_id uuid,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT source_items_source_guid_key UNIQUE (source_id, guid)
      )`);
    await q.query(`CREATE INDEX source_items_pending_idx ON source_items (source_id, id) WHERE outcome IS NULL`);
    await q.query(`
      CREATE TABLE source_fetches (
        id bigserial PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        started_at timestamptz NOT NULL,
        duration_ms int NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'not-modified', 'error')),
        http_status int,
        conditional boolean NOT NULL,
        items int NOT NULL DEFAULT 0,
        new_items int NOT NULL DEFAULT 0,
        articles_created int NOT NULL DEFAULT 0,
        error text
      )`);
    await q.query(`CREATE INDEX source_fetches_source_idx ON source_fetches (source_id, id DESC)`);
    await q.query(`
      CREATE TABLE source_events (
        id bigserial PRIMARY KEY,
        source_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('created', 'paused', 'resumed', 'deleted', 'flagged')),
        actor_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX source_events_source_idx ON source_events (source_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE source_events`);
    await q.query(`DROP TABLE source_fetches`);
    await q.query(`DROP TABLE source_items`);
    await q.query(`DROP TABLE sources`);
  }
}
