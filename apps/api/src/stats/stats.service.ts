import { Injectable } from '@nestjs/common';
import { ClaimStatsRepository } from '@claimdesk/claims';
import { ReviewStatsRepository } from '@claimdesk/review';
import { ReviewerStatsRepository } from '@claimdesk/users';
import type { StatsResponse } from '../dto/stats.response';

/**
 * Composes `/v1/stats` from each lib's own aggregate queries (DESIGN: a feature never reads another's tables),
 * run side by side: a fixed handful of queries whatever the data.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly claims: ClaimStatsRepository,
    private readonly review: ReviewStatsRepository,
    private readonly reviewers: ReviewerStatsRepository,
  ) {}

  async get(days: number): Promise<StatsResponse> {
    const [backlog, flow, timeToPublish, approved, ratings, open, capacities] = await Promise.all([
      this.claims.backlog(),
      this.claims.flowPerDay(days),
      this.claims.timeToPublish(days),
      this.review.approvedPerDay(days),
      this.review.ratingsPublished(),
      this.review.openAssignments(),
      this.reviewers.capacities(),
    ]);
    const approvedOn = new Map(approved.map((a) => [a.day, a.approved]));
    return {
      generatedAt: new Date().toISOString(),
      days,
      backlog,
      perDay: flow.map((d) => ({ ...d, approved: approvedOn.get(d.day) ?? 0 })),
      timeToPublish,
      reviewers: capacities.map((r) => ({
        reviewerId: r.id,
        name: r.name,
        active: r.active,
        openAssignments: open.get(r.id) ?? 0,
        capacity: r.capacity,
      })),
      ratings,
    };
  }
}
