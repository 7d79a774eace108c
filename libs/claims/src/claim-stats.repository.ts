import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { rawQuery } from '@claimdesk/database';
import { Claim } from './claim.entity';

/** Statuses still waiting on the desk (not published, dismissed or a duplicate). */
export const OPEN_STATUSES = ['new', 'queued', 'assigned', 'in_review', 'submitted'] as const;

export interface BacklogRow {
  status: string;
  count: number;
  oldestAgeSeconds: number | null;
  medianAgeSeconds: number | null;
}
export interface ClaimFlowDay {
  day: string;
  extracted: number;
  published: number;
  dismissed: number;
  deadlineMissed: number;
}
export interface TimeToPublish {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** The `/v1/stats` figures that come from the claims lib's tables; each one is a single aggregate query. */
@Injectable()
export class ClaimStatsRepository {
  constructor(@InjectRepository(Claim) private readonly claims: Repository<Claim>) {}

  /** Count per status; age (oldest, median) for the open ones, and one `open` row over all of them. */
  async backlog(): Promise<BacklogRow[]> {
    const rows: { status: string; count: number; oldest: number | null; median: number | null }[] = await this.q(
      `WITH g AS (
           SELECT status, count(*)::int AS count,
                  extract(epoch FROM now() - min(created_at))::float8 AS oldest,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - created_at))::float8 AS median
             FROM claims GROUP BY status
           UNION ALL
           SELECT 'open', count(*)::int, extract(epoch FROM now() - min(created_at))::float8,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - created_at))::float8
             FROM claims WHERE status = ANY($1)
         )
         SELECT status, count,
                CASE WHEN status = 'open' OR status = ANY($1) THEN oldest END AS oldest,
                CASE WHEN status = 'open' OR status = ANY($1) THEN median END AS median
           FROM g ORDER BY status = 'open', status`,
      [OPEN_STATUSES],
    );
    return rows.map((r) => ({
      status: r.status,
      count: r.count,
      oldestAgeSeconds: r.oldest,
      medianAgeSeconds: r.median,
    }));
  }

  /**
   * Per UTC day of the last `days`: claims extracted, published (approvals), dismissed, and deadlines missed
   * (the audit trail's events; days without any are zeros).
   */
  flowPerDay(days: number): Promise<ClaimFlowDay[]> {
    return this.q(
      `WITH d AS (
         SELECT generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 day',
                                date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day')::date AS day
       ), e AS (
         SELECT (at AT TIME ZONE 'UTC')::date AS day,
                count(*) FILTER (WHERE type = 'extracted')::int AS extracted,
                count(*) FILTER (WHERE type = 'approve' AND to_status = 'published')::int AS published,
                count(*) FILTER (WHERE to_status = 'dismissed')::int AS dismissed,
                count(*) FILTER (WHERE type = 'deadline_missed')::int AS "deadlineMissed"
           FROM claim_events
          WHERE at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 day') AT TIME ZONE 'UTC'
          GROUP BY 1
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(e.extracted, 0) AS extracted,
              coalesce(e.published, 0) AS published, coalesce(e.dismissed, 0) AS dismissed,
              coalesce(e."deadlineMissed", 0) AS "deadlineMissed"
         FROM d LEFT JOIN e ON e.day = d.day ORDER BY d.day`,
      [days],
    );
  }

  /**
   * From extraction (the claim's creation) to its first publication, for claims first published in the window:
   * the publications in the window (claim_events_at_idx), less claims published before it too
   * (claim_events_published_idx), so the cost follows the window, not the whole audit trail.
   */
  async timeToPublish(days: number): Promise<TimeToPublish> {
    const [r]: { count: number; median: number | null; p90: number | null }[] = await this.q(
      `WITH since AS (
         SELECT (date_trunc('day', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 day') AT TIME ZONE 'UTC' AS at
       )
       SELECT count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::float8 AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY s)::float8 AS p90
         FROM (SELECT extract(epoch FROM f.at - c.created_at) AS s
                 FROM (SELECT e.claim_id, min(e.at) AS at FROM claim_events e, since
                        WHERE e.type = 'approve' AND e.to_status = 'published' AND e.at >= since.at
                        GROUP BY e.claim_id) f
                 JOIN claims c ON c.id = f.claim_id
                WHERE NOT EXISTS (SELECT 1 FROM claim_events p, since
                                   WHERE p.claim_id = f.claim_id AND p.type = 'approve' AND p.to_status = 'published'
                                     AND p.at < since.at)) t`,
      [days],
    );
    return { count: r.count, medianSeconds: r.median, p90Seconds: r.p90 };
  }

  private async q<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await rawQuery<T>(this.claims.manager, sql, params)).rows;
  }
}
