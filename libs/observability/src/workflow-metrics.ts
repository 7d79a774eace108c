import { Injectable, OnModuleInit } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { rawQuery } from '@claimdesk/database';
import { QUEUES } from '@claimdesk/queue';
import { HealthProbes } from './health-probes';
import { scrapeGauge } from './metrics';
import { queueStats } from './queue-stats';

/** SQL read at most this often, however often Prometheus scrapes (several scrapers, several processes). */
const SQL_CACHE_MS = 10_000;

interface WorkflowRow {
  claims: Record<string, number> | null;
  to_assignment: number[] | null;
  to_publication: number[] | null;
  breaches: number;
  reviewers: Array<{ id: string; name: string; load: number; capacity: number }> | null;
}

/**
 * Gauges collected at scrape: queue depth and lag from Redis, and from PostgreSQL claims by status, the median and
 * p90 time from extraction to first assignment and to publication (claims assigned or published in the last 24 h),
 * deadline breaches (all time) and each active reviewer's load and capacity. One read-only statement, cached
 * 10 s; an operations read model over the features' tables, like GET /v1/stats.
 */
@Injectable()
export class WorkflowMetrics implements OnModuleInit {
  private cached: { at: number; row: Promise<WorkflowRow> } | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly probes: HealthProbes,
  ) {}

  onModuleInit(): void {
    const queues = Object.values(QUEUES).map((n) => this.moduleRef.get<Queue>(getQueueToken(n), { strict: false }));
    scrapeGauge('claimdesk_dependency_up', '1 when the dependency answers, else 0', ['dependency'], async (g) => {
      const [postgres, redis] = await Promise.all([this.probes.postgres(), this.probes.redis()]);
      g.set({ dependency: 'postgres' }, postgres === 'up' ? 1 : 0);
      g.set({ dependency: 'redis' }, redis === 'up' ? 1 : 0);
    });
    scrapeGauge('claimdesk_queue_jobs', 'BullMQ jobs by queue and state', ['queue', 'state'], async (g) => {
      for (const s of await Promise.all(queues.map((q) => queueStats(q))))
        for (const [state, n] of Object.entries(s.counts)) g.set({ queue: s.queue, state }, n);
    });
    scrapeGauge('claimdesk_queue_lag_seconds', 'Age of the oldest job ready to run, by queue', ['queue'], async (g) => {
      for (const s of await Promise.all(queues.map((q) => queueStats(q)))) g.set({ queue: s.queue }, s.lagSeconds);
    });
    scrapeGauge('claimdesk_claims', 'Claims by status', ['status'], async (g) => {
      for (const [status, n] of Object.entries((await this.read()).claims ?? {})) g.set({ status }, n);
    });
    const quantiles = (name: string, help: string, pick: (r: WorkflowRow) => number[] | null) =>
      scrapeGauge(name, help, ['quantile'], async (g) => {
        const q = pick(await this.read());
        if (q) ['0.5', '0.9'].forEach((quantile, i) => q[i] !== null && g.set({ quantile }, q[i]));
      });
    quantiles(
      'claimdesk_extraction_to_assignment_seconds',
      'Median and p90 seconds from extraction to first assignment, claims first assigned in the last 24 h',
      (r) => r.to_assignment,
    );
    quantiles(
      'claimdesk_extraction_to_publication_seconds',
      'Median and p90 seconds from extraction to publication, claims published in the last 24 h',
      (r) => r.to_publication,
    );
    scrapeGauge('claimdesk_deadline_breaches', 'Assignments ended by a missed deadline (all time)', [], async (g) => {
      g.set((await this.read()).breaches);
    });
    scrapeGauge('claimdesk_reviewer_load', 'Open assignments per active reviewer', ['reviewer'], async (g) => {
      for (const r of (await this.read()).reviewers ?? []) g.set({ reviewer: r.id }, r.load);
    });
    scrapeGauge('claimdesk_reviewer_capacity', 'Capacity per active reviewer', ['reviewer'], async (g) => {
      for (const r of (await this.read()).reviewers ?? []) g.set({ reviewer: r.id }, r.capacity);
    });
  }

  private read(): Promise<WorkflowRow> {
    if (!this.cached || Date.now() - this.cached.at > SQL_CACHE_MS) {
      const row = this.query().catch((err) => {
        this.cached = null; // a failed read is not cached
        throw err;
      });
      this.cached = { at: Date.now(), row };
    }
    return this.cached.row;
  }

  private async query(): Promise<WorkflowRow> {
    const { rows } = await rawQuery<WorkflowRow>(
      this.db.manager,
      `WITH first_assigned AS (
         SELECT a.claim_id, a.assigned_at FROM assignments a
         WHERE a.assigned_at > now() - interval '24 hours'
           AND NOT EXISTS (SELECT 1 FROM assignments b WHERE b.claim_id = a.claim_id AND b.assigned_at < a.assigned_at)
       ), published AS (
         SELECT e.claim_id, min(e.at) AS at FROM claim_events e
         WHERE e.to_status = 'published' AND e.at > now() - interval '24 hours' GROUP BY e.claim_id
       )
       SELECT
         (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM claims GROUP BY status) s)
           AS claims,
         (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM f.assigned_at - c.created_at))
            FROM first_assigned f JOIN claims c ON c.id = f.claim_id) AS to_assignment,
         (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM p.at - c.created_at))
            FROM published p JOIN claims c ON c.id = p.claim_id) AS to_publication,
         (SELECT count(*)::int FROM assignments WHERE end_reason = 'deadline_missed') AS breaches,
         (SELECT jsonb_agg(jsonb_build_object('id', id, 'name', name, 'load', load, 'capacity', capacity))
            FROM users WHERE role = 'reviewer' AND active) AS reviewers`,
    );
    return rows[0];
  }
}
