import { loadConfig } from '@claimdesk/config';
import { runMigrations } from './migrator';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (creating the database if needed). */
async function main(): Promise<void> {
  const config = loadConfig();
  const ran = await runMigrations(config.DATABASE_URL);
  console.log(ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'Schema is up to date.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
