/**
 * `npm run bench:stats -- [--claims 100000] [--days 30]`: the queries of GET /v1/stats, EXPLAIN ANALYZEd at a
 * realistic size, without and with the indexes of migration 1766500000000. Fills a scratch database (its own name,
 * dropped at the end) with `--claims` claims created over the last year and their audit trail (extracted, queued,
 * assigned, approved and published, dismissed, deadlines missed: about 4 events a claim), verdicts and assignments;
 * then runs each repository's own SQL (a query runner that prefixes EXPLAIN) and prints the median execution time of
 * 5 runs and the plan's scans. Asserts nothing. Run it alone: `flock /tmp/claimdesk-suite.lock npm run bench:stats`.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import type { EntityManager, QueryRunner, Repository } from 'typeorm';
import { ClaimStatsRepository } from '@claimdesk/claims';
import { StatsIndexes1766500000000 } from '../libs/database/src/migrations/1766500000000-stats-indexes';
import { ReviewStatsRepository } from '@claimdesk/review';
import { benchApiEnv, cleanUp, insertBenchArticle } from './lib/bench-support';

const { values } = parseArgs({
  options: { claims: { type: 'string', default: '100000' }, days: { type: 'string', default: '30' } },
});
const CLAIMS = Number(values.claims);
const DAYS = Number(values.days);
const DB = `claimdesk_bench_stats_${Date.now().toString(36)}`;
const ENV = benchApiEnv(DB, '3995'); // the api is not started: the port only satisfies the config

async function fill(db: Client, reviewerId: string): Promise<void> {
  const article = { id: await insertBenchArticle(db) };
  // i % 10: 0-2 published, 3 dismissed, 4-5 assigned (one in 50 past its deadline), 6-7 queued, 8-9 new.
  await db.query(
    `INSERT INTO claims (article_id, text, sentence, span_start, span_end, section, type, score, scored_by, status, created_at)
     SELECT $1, 'Claim ' || i, 'Claim ' || i, i * 20, i * 20 + 10, 'body', 'quantity', (i % 100) / 100.0, '{fast}',
            CASE WHEN i % 10 < 3 THEN 'published' WHEN i % 10 = 3 THEN 'dismissed' WHEN i % 10 < 6 THEN 'assigned'
                 WHEN i % 10 < 8 THEN 'queued' ELSE 'new' END,
            now() - (365 * 86400.0 * i / $2::int || ' seconds')::interval
       FROM generate_series(1, $2::int) i`,
    [article.id, CLAIMS],
  );
  await db.query(
    `WITH c AS (SELECT id, status, created_at, row_number() OVER (ORDER BY created_at) AS n FROM claims)
     INSERT INTO claim_events (claim_id, type, from_status, to_status, actor_id, data, at)
     SELECT id, 'extracted', NULL, 'new', NULL::uuid, '{}'::jsonb, created_at FROM c
     UNION ALL SELECT id, 'queue', 'new', 'queued', NULL, '{}', created_at + interval '5 minutes' FROM c WHERE status <> 'new'
     UNION ALL SELECT id, 'assign', 'queued', 'assigned', $1::uuid, '{}', created_at + interval '1 hour'
                FROM c WHERE status IN ('assigned', 'published')
     UNION ALL SELECT id, 'approve', 'submitted', 'published', $1, '{}', created_at + interval '1 day' + (n % 97) * interval '1 hour'
                FROM c WHERE status = 'published'
     UNION ALL SELECT id, 'dismiss', 'new', 'dismissed', $1, '{}', created_at + interval '2 hours' FROM c WHERE status = 'dismissed'
     UNION ALL SELECT id, 'deadline_missed', NULL, NULL, NULL, '{}', created_at + interval '3 days'
                FROM c WHERE status = 'assigned' AND n % 50 = 4`,
    [reviewerId],
  );
  await db.query(
    `INSERT INTO verdicts (claim_id, version, rating, summary, sources, status, author_id, reviewed_at)
     SELECT claim_id, 1, 'false', 'Checked.', '[]', 'approved', $1, at FROM claim_events WHERE type = 'approve'`,
    [reviewerId],
  );
  await db.query(
    `INSERT INTO assignments (claim_id, reviewer_id, assigned_at, due_at, ended_at, end_reason)
     SELECT e.claim_id, $1, e.at, e.at + interval '2 days', CASE WHEN c.status = 'published' THEN e.at + interval '1 day' END,
            CASE WHEN c.status = 'published' THEN 'submitted' END
       FROM claim_events e JOIN claims c ON c.id = e.claim_id WHERE e.type = 'assign'`,
    [reviewerId],
  );
  await db.query('VACUUM ANALYZE');
}

/** An entity manager whose raw queries are EXPLAIN ANALYZEd; the plans are collected, the results discarded. */
function explaining(db: Client, plans: unknown[]): Repository<never> {
  const queryRunner = {
    query: async (sql: string, params: unknown[]) => {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      plans.push((rows[0] as { 'QUERY PLAN': unknown[] })['QUERY PLAN'][0]);
      return { records: [{}] }; // one empty row: the repositories read the first row's fields
    },
  } as unknown as QueryRunner;
  return { manager: { queryRunner } as unknown as EntityManager } as Repository<never>;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
function scans(n: PlanNode): string[] {
  const own = n['Relation Name'] ? [`${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']}`] : [];
  return own.concat((n.Plans ?? []).flatMap(scans));
}

async function measure(db: Client, label: string): Promise<void> {
  const plans: { 'Execution Time': number; Plan: PlanNode }[] = [];
  const repo = explaining(db, plans);
  const claims = new ClaimStatsRepository(repo);
  const review = new ReviewStatsRepository(repo, repo);
  const queries: [string, () => Promise<unknown>][] = [
    ['backlog', () => claims.backlog()],
    [`flowPerDay(${DAYS})`, () => claims.flowPerDay(DAYS)],
    [`timeToPublish(${DAYS})`, () => claims.timeToPublish(DAYS)],
    [`approvedPerDay(${DAYS})`, () => review.approvedPerDay(DAYS)],
    ['ratingsPublished', () => review.ratingsPublished()],
    ['openAssignments', () => review.openAssignments()],
  ];
  console.log(`\n${label}`);
  let total = 0;
  for (const [name, run] of queries) {
    plans.length = 0;
    for (let i = 0; i < 5; i++) await run();
    const ms = plans.map((p) => p['Execution Time']).sort((a, b) => a - b)[2];
    total += ms;
    console.log(
      `  ${name.padEnd(20)} ${ms.toFixed(1).padStart(8)} ms  ${[...new Set(scans(plans[0].Plan))].join(', ')}`,
    );
  }
  console.log(`  ${'all (sum)'.padEnd(20)} ${total.toFixed(1).padStart(8)} ms`);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'libs/database/src/migrate.ts'], { env: ENV });
  const db = new Client({ connectionString: ENV.DATABASE_URL });
  await db.connect();
  try {
    const [{ id: reviewerId }] = (
      await db.query<{ id: string }>(
        `INSERT INTO users (email, name, role) VALUES ('r@example.org', 'R', 'reviewer') RETURNING id`,
      )
    ).rows;
    const t0 = performance.now();
    await fill(db, reviewerId);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM claim_events`);
    console.log(
      `filled ${CLAIMS} claims, ${rows[0].n} events in ${((performance.now() - t0) / 1000).toFixed(1)} s; days=${DAYS}`,
    );
    const migration = new StatsIndexes1766500000000();
    const runner = { query: (sql: string) => db.query(sql) } as unknown as QueryRunner;
    await migration.down(runner);
    await db.query('ANALYZE');
    await measure(db, 'without migration 1766500000000 (median of 5, EXPLAIN ANALYZE execution time)');
    await migration.up(runner);
    await db.query('ANALYZE');
    await measure(db, 'with migration 1766500000000');
  } finally {
    await db.end();
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanUp(DB, DB));
