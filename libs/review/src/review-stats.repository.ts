import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { rawQuery } from '@claimdesk/database';
import { Assignment } from './assignment.entity';
import { Verdict } from './verdict.entity';

/** The `/v1/stats` figures from the review lib's tables (assignments, verdicts). */
@Injectable()
export class ReviewStatsRepository {
  constructor(
    @InjectRepository(Assignment) private readonly assignments: Repository<Assignment>,
    @InjectRepository(Verdict) private readonly verdicts: Repository<Verdict>,
  ) {}

  /** Open assignments per reviewer (those holding at least one). */
  async openAssignments(): Promise<Map<string, number>> {
    const rows: { reviewerId: string; open: number }[] = await this.q(
      `SELECT reviewer_id AS "reviewerId", count(*)::int AS open FROM assignments WHERE ended_at IS NULL GROUP BY reviewer_id`,
    );
    return new Map(rows.map((r) => [r.reviewerId, r.open]));
  }

  /** Verdicts approved per UTC day of the last `days` (a later-superseded one was approved too); zeros included. */
  approvedPerDay(days: number): Promise<{ day: string; approved: number }[]> {
    return this.q(
      `WITH d AS (
         SELECT generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 day',
                                date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day')::date AS day
       ), v AS (
         SELECT (reviewed_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS approved
           FROM verdicts
          WHERE status IN ('approved', 'superseded')
            AND reviewed_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 day') AT TIME ZONE 'UTC'
          GROUP BY 1
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(v.approved, 0) AS approved
         FROM d LEFT JOIN v ON v.day = d.day ORDER BY d.day`,
      [days],
    );
  }

  /** Verdicts in force (approved, not superseded) per rating. */
  ratingsPublished(): Promise<{ rating: string; count: number }[]> {
    return this.q(
      `SELECT rating, count(*)::int AS count FROM verdicts WHERE status = 'approved' GROUP BY rating ORDER BY rating`,
    );
  }

  private async q<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await rawQuery<T>(this.assignments.manager, sql, params)).rows;
  }
}
