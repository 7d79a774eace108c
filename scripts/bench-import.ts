/**
 * `npm run bench:import -- [--count 100000]`: generates the articles, imports them into a fresh database with
 * `cli import` (extraction is queued for the worker, which is not running), prints articles/s and the importer's
 * peak RSS, then imports again (every line a duplicate: the resume path), and drops what it made.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanUp } from './lib/bench-support';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const DB = `claimdesk_bench_import_${Date.now().toString(36)}`;
const FILE = join(tmpdir(), `${DB}.jsonl`);
const ENV = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB}`,
  QUEUE_PREFIX: DB,
  LOG_LEVEL: 'error',
};
const node = (args: string[]) =>
  execFileSync(process.execPath, ['-r', '@swc-node/register', ...args], { env: ENV, encoding: 'utf8' });

function main(): void {
  node(['scripts/generate-articles.ts', '--count', values.count, '--out', FILE]);
  node(['libs/database/src/migrate.ts']);
  for (const run of ['first import', 'rerun (all duplicates)']) {
    let out: string;
    try {
      out = node(['apps/cli/src/main.ts', 'import', FILE, '--batch', '1000']);
    } catch (e) {
      out = String((e as { stdout?: string }).stdout);
    }
    console.log(`${run}: ${out.split('\n')[0]}`);
  }
}

try {
  main();
} finally {
  void cleanUp(DB, DB).then(() => execFileSync('rm', ['-f', FILE]));
}
