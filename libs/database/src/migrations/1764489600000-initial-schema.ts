import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of the walking skeleton. Constraints make duplicates impossible rather than
 * relying on application checks: one article per url and per normalized body, one claim per
 * sentence span, at most one active assignment per claim, one pending verdict per claim.
 */
export class InitialSchema1764489600000 implements MigrationInterface {
  name = 'InitialSchema1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'editor', 'reviewer')),
        languages text[] NOT NULL DEFAULT '{}',
        topics text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL DEFAULT 10 CHECK (capacity >= 0),
        load integer NOT NULL DEFAULT 0 CHECK (load >= 0),
        active boolean NOT NULL DEFAULT true,
        token_hash text,
        last_assigned_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE UNIQUE INDEX users_token_hash_key ON users (token_hash) WHERE token_hash IS NOT NULL`);
    await q.query(`CREATE INDEX users_created_at_idx ON users (created_at, id)`);
    // Candidate reviewers for assignment: active reviewers by load, then idle longest.
    await q.query(
      `CREATE INDEX users_assignable_idx ON users (load, last_assigned_at NULLS FIRST) WHERE role = 'reviewer' AND active`,
    );

    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text,
        url text,
        source text,
        published_at timestamptz,
        language text NOT NULL DEFAULT 'en',
        body text NOT NULL,
        body_hash text NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'extracted', 'failed')),
        claim_count integer NOT NULL DEFAULT 0,
        error text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX articles_url_key ON articles (url) WHERE url IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX articles_body_hash_key ON articles (body_hash)`);
    await q.query(`CREATE INDEX articles_created_at_idx ON articles (created_at, id)`);
    await q.query(`CREATE INDEX articles_received_idx ON articles (created_at) WHERE status = 'received'`);

    await q.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text text NOT NULL,
        sentence text NOT NULL,
        span_start integer NOT NULL CHECK (span_start >= 0),
        span_end integer NOT NULL CHECK (span_end > span_start),
        claimant text,
        type text NOT NULL CHECK (type IN ('quantity', 'prediction', 'causal', 'rule', 'personal', 'other')),
        score real NOT NULL CHECK (score >= 0 AND score <= 1),
        quantities jsonb NOT NULL DEFAULT '[]',
        language text NOT NULL DEFAULT 'en',
        topic text,
        status text NOT NULL DEFAULT 'new' CHECK (status IN
          ('new', 'queued', 'assigned', 'in_review', 'submitted', 'published', 'dismissed', 'duplicate')),
        priority real NOT NULL DEFAULT 0,
        assignee_id uuid REFERENCES users(id),
        due_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claims_article_span_key UNIQUE (article_id, span_start, span_end)
      )`);
    await q.query(`CREATE INDEX claims_created_at_idx ON claims (created_at, id)`);
    await q.query(`CREATE INDEX claims_status_created_idx ON claims (status, created_at, id)`);
    await q.query(
      `CREATE INDEX claims_queued_priority_idx ON claims (priority DESC, created_at) WHERE status = 'queued'`,
    );
    await q.query(
      `CREATE INDEX claims_assignee_idx ON claims (assignee_id, priority DESC) WHERE assignee_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES users(id),
        assigned_by uuid REFERENCES users(id),
        reason text,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN
          ('submitted', 'unassigned', 'reassigned', 'deadline_missed', 'deactivated', 'dismissed')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX assignments_one_active_per_claim ON assignments (claim_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX assignments_claim_idx ON assignments (claim_id, assigned_at)`);
    await q.query(`CREATE INDEX assignments_active_due_idx ON assignments (due_at) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX assignments_reviewer_active_idx ON assignments (reviewer_id) WHERE ended_at IS NULL`);

    await q.query(`
      CREATE TABLE verdicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        version integer NOT NULL,
        rating text NOT NULL CHECK (rating IN
          ('true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable')),
        summary text NOT NULL,
        sources jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'superseded')),
        author_id uuid NOT NULL REFERENCES users(id),
        reviewer_id uuid REFERENCES users(id),
        review_comment text,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT verdicts_claim_version_key UNIQUE (claim_id, version),
        CHECK (reviewer_id IS NULL OR reviewer_id <> author_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX verdicts_one_pending_per_claim ON verdicts (claim_id) WHERE status = 'submitted'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX verdicts_one_approved_per_claim ON verdicts (claim_id) WHERE status = 'approved'`,
    );

    await q.query(`
      CREATE TABLE claim_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        type text NOT NULL,
        from_status text,
        to_status text,
        actor_id uuid REFERENCES users(id),
        data jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claim_events_claim_idx ON claim_events (claim_id, id)`);
    // The audit trail is append-only: the database itself refuses edits.
    await q.query(`
      CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'claim_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER claim_events_no_update BEFORE UPDATE OR DELETE ON claim_events
      FOR EACH ROW EXECUTE FUNCTION claim_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_events, verdicts, assignments, claims, articles, users`);
    await q.query(`DROP FUNCTION claim_events_append_only`);
  }
}
