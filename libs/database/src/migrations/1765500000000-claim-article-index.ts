import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims of one article in keyset order (`GET /v1/claims?articleId=`): the unique (article_id, span) index found
 * the rows but every page sorted all of the article's claims (thousands for a long article, and the p99 of this
 * list at 1,000,000 claims was up to 4x that at 10,000). This one reads a page in order and stops.
 */
export class ClaimArticleIndex1765500000000 implements MigrationInterface {
  name = 'ClaimArticleIndex1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claims_article_created_idx ON claims (article_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_article_created_idx`);
  }
}
