import { Injectable, Logger } from '@nestjs/common';
import { ArticlesService } from '@claimdesk/articles';
import { ClaimsService } from '@claimdesk/claims';
import { JobProducer } from '@claimdesk/queue';
import { AssignmentService } from '@claimdesk/review';

const BATCH = 1000;

/**
 * Re-drives from Postgres everything that is waiting: articles not yet extracted, claims not yet
 * assigned, deadlines not yet checked. Jobs have deterministic ids, so re-adding a job that is
 * still in Redis changes nothing; after a Redis wipe, this puts every piece of work back.
 */
@Injectable()
export class SweeperService {
  private readonly log = new Logger(SweeperService.name);

  constructor(
    private readonly articles: ArticlesService,
    private readonly claims: ClaimsService,
    private readonly assignments: AssignmentService,
    private readonly jobs: JobProducer,
  ) {}

  async sweep(): Promise<{ articles: number; claims: number; deadlines: number }> {
    // Give fresh uploads a moment: their own job is normally on its way.
    const articleIds = await this.articles.findWaiting(new Date(Date.now() - 5_000), BATCH);
    await this.articles.requestExtraction(articleIds);
    const queued = await this.claims.findQueued(BATCH);
    await this.claims.requestAssignment(queued);
    if (queued.length) {
      // Wake reviewers with room too: a claim skipped while a reviewer's row was locked (and the
      // reverse) would otherwise wait for the next event. One wake-up per reviewer per sweep.
      const bucket = Math.floor(Date.now() / 1000);
      const reviewers = await this.assignments.reviewersWithRoom(BATCH);
      await this.jobs.enqueueMany('fill-reviewer', reviewers.map((reviewerId) => ({ reviewerId, cause: `sweep${bucket}` })));
    }
    const open = await this.assignments.openAssignments(BATCH);
    for (const a of open) await this.jobs.enqueue('check-deadline', { assignmentId: a.id }, { runAt: a.dueAt });
    const counts = { articles: articleIds.length, claims: queued.length, deadlines: open.length };
    if (counts.articles || counts.claims) this.log.log(`sweep re-drove ${JSON.stringify(counts)}`);
    return counts;
  }
}
