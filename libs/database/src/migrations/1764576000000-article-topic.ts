import { MigrationInterface, QueryRunner } from 'typeorm';

/** An article may carry a topic (desk, beat); its claims inherit it, and topic-bound reviewers get only those. */
export class ArticleTopic1764576000000 implements MigrationInterface {
  name = 'ArticleTopic1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles ADD COLUMN topic text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles DROP COLUMN topic`);
  }
}
