import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: claims read from the title, and the second scoring stage.
 * - `section`: 'title' or 'body'. A title claim has no span (the title is not part of the stored body), so the span
 *   columns become nullable, bound to the section; one title claim per article (the span key does not see nulls).
 * - `embedding`: the sentence vector of the encoder, int8-quantized with its scale (libs/encoder packVector), for
 *   claim matching; null when stage 2 did not run.
 * - `scored_by`: the stages that scored the claim ('fast', 'encoder').
 */
export class ClaimSectionEmbedding1765000000000 implements MigrationInterface {
  name = 'ClaimSectionEmbedding1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE claims
        ADD COLUMN section text NOT NULL DEFAULT 'body' CHECK (section IN ('title', 'body')),
        ADD COLUMN embedding bytea NULL,
        ADD COLUMN scored_by text[] NOT NULL DEFAULT '{fast}',
        ALTER COLUMN span_start DROP NOT NULL,
        ALTER COLUMN span_end DROP NOT NULL,
        ADD CONSTRAINT claims_span_by_section CHECK (
          (section = 'body' AND span_start IS NOT NULL AND span_end IS NOT NULL)
          OR (section = 'title' AND span_start IS NULL AND span_end IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX claims_one_title_per_article ON claims (article_id) WHERE section = 'title'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_one_title_per_article`);
    await q.query(`DELETE FROM claims WHERE section = 'title'`);
    await q.query(`
      ALTER TABLE claims
        DROP CONSTRAINT claims_span_by_section,
        ALTER COLUMN span_start SET NOT NULL,
        ALTER COLUMN span_end SET NOT NULL,
        DROP COLUMN scored_by,
        DROP COLUMN embedding,
        DROP COLUMN section`);
  }
}
