import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { Article } from '../../libs/articles/src/article.entity';
import { Claim } from '../../libs/claims/src/claim.entity';
import { ClaimEvent } from '../../libs/claims/src/claim-event.entity';
import { ClaimMatch } from '../../libs/claims/src/claim-match.entity';
import { Assignment } from '../../libs/review/src/assignment.entity';
import { Verdict } from '../../libs/review/src/verdict.entity';
import { User } from '../../libs/users/src/user.entity';
import { Session } from '../../libs/users/src/session.entity';

/** Every entity of the app (relative imports: jest's global setup does not map the @claimdesk aliases). */
export const ENTITIES = [User, Session, Article, Claim, ClaimEvent, ClaimMatch, Assignment, Verdict];

/**
 * What the migrations alone declare: foreign keys, indexes, checks and column defaults live in the SQL
 * migrations, not in the entities (TypeORM never creates the schema here), so "drop it" is not drift. So do
 * the generated `search_vector` columns, which only libs/search's SQL and the claims `q` filter read.
 */
const MIGRATION_ONLY =
  /^ALTER TABLE "\w+" DROP CONSTRAINT |^DROP INDEX |^ALTER TABLE "\w+" ALTER COLUMN "\w+" DROP DEFAULT$|^ALTER TABLE "(?:claims|verdicts|articles)" DROP COLUMN "search_vector"$/;

/**
 * The SQL TypeORM would run to make the migrated database match the entities (what `migration:generate`
 * would write), less what only the migrations declare: a column added, dropped, retyped or made
 * nullable in an entity without a migration, or the reverse, shows up here.
 */
export async function schemaDrift(databaseUrl: string): Promise<string[]> {
  const db = new DataSource({ ...dataSourceOptions(databaseUrl), entities: ENTITIES });
  await db.initialize();
  try {
    const pending = await db.driver.createSchemaBuilder().log();
    return pending.upQueries.map((q) => q.query).filter((q) => !MIGRATION_ONLY.test(q));
  } finally {
    await db.destroy();
  }
}
