import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 (ingestion speed): an article's search vector is computed when it leaves `received`/`fetching` (the
 * worker's extraction update), not on the upload's insert. `to_tsvector` of the body was about 90% of PostgreSQL's
 * work per upload (0.5 of 0.56 ms for a 3,400-character body); the worker's update pays it instead, off the
 * request path. An article is searchable by its text once extracted, seconds after upload, like its claims.
 * Updates that change none of title, body or the searchable state keep the stored vector.
 */
const VECTOR = `setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') || setweight(to_tsvector('english', NEW.body), 'C')`;

export class ArticleSearchAfterExtraction1766600000000 implements MigrationInterface {
  name = 'ArticleSearchAfterExtraction1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION articles_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IN ('received', 'fetching') THEN
          NEW.search_vector := NULL;
        ELSIF TG_OP = 'INSERT' OR OLD.search_vector IS NULL
              OR NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body THEN
          NEW.search_vector := ${VECTOR};
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER articles_search_vector ON articles`);
    await q.query(`
      CREATE TRIGGER articles_search_vector BEFORE INSERT OR UPDATE OF title, body, status ON articles
      FOR EACH ROW EXECUTE FUNCTION articles_search_vector()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION articles_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.search_vector := ${VECTOR}; RETURN NEW; END $$`);
    await q.query(`DROP TRIGGER articles_search_vector ON articles`);
    await q.query(`
      CREATE TRIGGER articles_search_vector BEFORE INSERT OR UPDATE OF title, body ON articles
      FOR EACH ROW EXECUTE FUNCTION articles_search_vector()`);
    // Articles still waiting for extraction get their vector back (the old trigger fires on UPDATE OF body).
    await q.query(`UPDATE articles SET body = body WHERE search_vector IS NULL`);
  }
}
