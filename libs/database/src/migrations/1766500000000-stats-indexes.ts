import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /v1/stats at 100,000 claims (scripts/bench-stats.ts, docs/performance.md): the per-day series read the whole
 * audit trail and every verdict to keep the last `days` of them, and the time to publication every event to find the
 * approvals. These let each query read only its window or its approvals, from the index alone.
 */
export class StatsIndexes1766500000000 implements MigrationInterface {
  name = 'StatsIndexes1766500000000';

  async up(q: QueryRunner): Promise<void> {
    // Claims in and out per day: the window by `at`, the counted kinds alongside (an index-only scan).
    await q.query(`CREATE INDEX claim_events_at_idx ON claim_events (at) INCLUDE (type, to_status)`);
    // Time to publication: the first approval per claim; a small partial index instead of every event.
    await q.query(
      `CREATE INDEX claim_events_published_idx ON claim_events (claim_id, at) WHERE type = 'approve' AND to_status = 'published'`,
    );
    // Verdicts approved per day (superseded ones were approved too).
    await q.query(
      `CREATE INDEX verdicts_approved_at_idx ON verdicts (reviewed_at) WHERE status IN ('approved', 'superseded')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX verdicts_approved_at_idx`);
    await q.query(`DROP INDEX claim_events_published_idx`);
    await q.query(`DROP INDEX claim_events_at_idx`);
  }
}
