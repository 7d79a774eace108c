import { randomBytes } from 'node:crypto';
import { runMigrations } from '../libs/database/src/migrator';
import { schemaDrift } from './support/schema-drift';

/**
 * Once per `jest` run: a fresh template database built from the migrations. Each e2e file clones
 * it (CREATE DATABASE ... TEMPLATE, about 100 ms), so files run in parallel without sharing rows.
 */
export default async function globalSetup(): Promise<void> {
  const run = `cdtest_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = `/${run}_tpl`;
  await runMigrations(url.toString());
  // The entities must describe the migrated tables: a difference is a missing migration (or a stale entity).
  const drift = await schemaDrift(url.toString());
  if (drift.length) throw new Error(`entities and migrations disagree; a migration would run:\n${drift.join(';\n')}`);
  process.env.CLAIMDESK_TEST_RUN = run;
  process.env.CLAIMDESK_TEST_TEMPLATE_URL = url.toString();
}
