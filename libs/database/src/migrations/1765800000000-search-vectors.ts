import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search (issue 10): a stored tsvector per claim, verdict and article, with a GIN index each, so ranking reads
 * the stored vector instead of parsing each matching row's text again (what makes expression indexes slow to
 * rank at a million rows). Kept by BEFORE triggers rather than GENERATED columns: TypeORM's schema reader (the
 * tests' drift check) needs its own metadata table to read generated columns.
 * Weights (ts_rank_cd's array is {D, C, B, A}, given by the search query): claim text and verdict summaries D,
 * verdict sources (titles and URLs) B, article titles A, article bodies C.
 * claims.search_vector is exactly to_tsvector('english', text), so it can serve any query on claim text.
 * claims_text_fts_idx stays (the pipeline's candidate query uses the expression); the article and verdict
 * expression indexes are replaced by the column indexes.
 */
const VECTORS = [
  { table: 'claims', on: 'text', expr: (r: string) => `to_tsvector('english', ${r}.text)` },
  {
    table: 'verdicts',
    on: 'summary, sources',
    expr: (r: string) =>
      `setweight(to_tsvector('english', ${r}.summary), 'D') || ` +
      `setweight(jsonb_to_tsvector('english', ${r}.sources, '["string"]'), 'B')`,
  },
  {
    table: 'articles',
    on: 'title, body',
    expr: (r: string) =>
      `setweight(to_tsvector('english', coalesce(${r}.title, '')), 'A') || ` +
      `setweight(to_tsvector('english', ${r}.body), 'C')`,
  },
];

export class SearchVectors1765800000000 implements MigrationInterface {
  name = 'SearchVectors1765800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, on, expr } of VECTORS) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN search_vector tsvector`);
      await q.query(`UPDATE ${table} t SET search_vector = ${expr('t')}`);
      await q.query(`
        CREATE FUNCTION ${table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.search_vector := ${expr('NEW')}; RETURN NEW; END $$`);
      await q.query(`
        CREATE TRIGGER ${table}_search_vector BEFORE INSERT OR UPDATE OF ${on} ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_search_vector()`);
      await q.query(`CREATE INDEX ${table}_search_idx ON ${table} USING gin (search_vector)`);
    }
    await q.query(`DROP INDEX articles_fts_idx`);
    await q.query(`DROP INDEX verdicts_fts_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX articles_fts_idx ON articles USING gin (to_tsvector('english', coalesce(title, '') || ' ' || body))`,
    );
    await q.query(`CREATE INDEX verdicts_fts_idx ON verdicts USING gin (to_tsvector('english', summary))`);
    for (const { table } of VECTORS) {
      await q.query(`DROP TRIGGER ${table}_search_vector ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_search_vector()`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN search_vector`);
    }
  }
}
