import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ConflictError, Cursor, ForbiddenError, NotFoundError } from '@claimdesk/common';
import { Claim, ClaimsService, ClaimView, toClaimView } from '@claimdesk/claims';
import { AssignmentService, nothing } from './assignment.service';
import { Rating, toVerdictView, Verdict, VerdictSource, VerdictView } from './verdict.entity';
import { VerdictExportRow, VerdictsRepository } from './verdicts.repository';

export interface VerdictInput {
  rating: Rating;
  summary: string;
  sources: VerdictSource[];
}

/**
 * Review of a claim by its reviewer, and the two-person rule: a verdict is published only when an
 * editor who is not its author approves it. Published verdicts are never edited: a correction is a
 * new version that is approved again and supersedes the old one.
 */
@Injectable()
export class VerdictService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly assignments: AssignmentService,
    private readonly verdicts: VerdictsRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The published verdict of each of these claims that has one, by claim id (a page of an export). */
  async inForceFor(claimIds: string[]): Promise<Map<string, VerdictExportRow>> {
    return new Map((await this.verdicts.inForceFor(claimIds)).map((v) => [v.claim_id, v]));
  }

  async start(claimId: string, reviewer: Actor, version?: number): Promise<ClaimView> {
    const started = await this.db.transaction(async (em) => {
      const claim = await this.claims.lock(em, claimId, reviewer); // 404 for a claim the reviewer never held
      this.requireAssignee(claim.assigneeId, reviewer, 'start');
      return this.claims.transition(em, claim, 'start', reviewer, { expectedVersion: version });
    });
    return toClaimView(started);
  }

  async submit(claimId: string, reviewer: Actor, input: VerdictInput, version?: number): Promise<VerdictView> {
    const after = nothing();
    const verdict = await this.db.transaction(async (em) => {
      const claim = await this.claims.lock(em, claimId, reviewer); // 404 for a claim the reviewer never held
      this.requireAssignee(claim.assigneeId, reviewer, 'submit a verdict for');
      // Refused moves roll the verdict back with the transaction; stored first, its id is in the webhook event.
      const v = await this.verdicts.insertNextVersion(em, { claimId, ...input, authorId: reviewer.id! });
      await this.claims.transition(em, claim, 'submit', reviewer, {
        expectedVersion: version,
        data: { rating: input.rating },
        webhookData: { verdictId: v.id, version: v.version, summary: input.summary },
      });
      await this.assignments.endActive(em, claim, 'submitted', after);
      return v;
    });
    await this.assignments.afterCommit(after);
    return toVerdictView(verdict);
  }

  async approve(verdictId: string, editor: Actor): Promise<VerdictView> {
    const verdict = await this.db.transaction(async (em) => {
      const { v, claim } = await this.lockSubmitted(em, verdictId);
      if (v.authorId === editor.id) throw new ForbiddenError('the author of a verdict may not approve it');
      const replaces = await this.verdicts.findApproved(em, v.claimId);
      await this.claims.transition(em, claim, 'approve', editor, {
        data: { verdictId, version: v.version },
        webhookEvent: replaces ? 'verdict.corrected' : 'verdict.published',
        webhookData: { rating: v.rating, summary: v.summary, replacesVerdictId: replaces?.id ?? null },
      });
      await this.verdicts.supersedeApproved(em, v.claimId, v.id);
      const set = { status: 'approved' as const, reviewerId: editor.id, reviewedAt: new Date() };
      await this.verdicts.update(em, v.id, set);
      return Object.assign(v, set);
    });
    return toVerdictView(verdict);
  }

  /**
   * Sends the claim back to its author (`in_review`) with the editor's comment. A rejected correction
   * leaves the published verdict in force (`published`); when the author can no longer review
   * (deactivated, no longer a reviewer) the claim returns to the queue for someone else.
   */
  async reject(verdictId: string, editor: Actor, comment: string): Promise<VerdictView> {
    const after = nothing();
    const verdict = await this.db.transaction(async (em) => {
      const { v, claim } = await this.lockSubmitted(em, verdictId);
      const data = { verdictId, comment, reviewerId: v.authorId };
      if (await this.verdicts.findApproved(em, v.claimId)) {
        await this.claims.transition(em, claim, 'reject_correction', editor, { data });
      } else {
        const a = await this.assignments.reopenFor(em, claim, v.authorId, editor, after);
        if (a) {
          await this.claims.transition(em, claim, 'reject', editor, {
            set: { assigneeId: v.authorId, dueAt: a.dueAt },
            data,
          });
        } else {
          const queued = await this.claims.transition(em, claim, 'reject_to_queue', editor, {
            set: { assigneeId: null, dueAt: null },
            data: { ...data, note: 'the author can no longer review this claim' },
          });
          after.queued.push(queued);
        }
      }
      const set = {
        status: 'rejected' as const,
        reviewerId: editor.id,
        reviewComment: comment,
        reviewedAt: new Date(),
      };
      await this.verdicts.update(em, v.id, set);
      return Object.assign(v, set);
    });
    await this.assignments.afterCommit(after);
    return toVerdictView(verdict);
  }

  /** Lock order as everywhere: the claim, then the verdict (re-read and checked under the lock). */
  private async lockSubmitted(em: EntityManager, verdictId: string): Promise<{ v: Verdict; claim: Claim }> {
    const seen = await this.verdicts.findById(em, verdictId);
    if (!seen) throw new NotFoundError('verdict', verdictId);
    const claim = await this.claims.lock(em, seen.claimId);
    const v = (await this.verdicts.findByIdForUpdate(em, verdictId))!;
    if (v.status !== 'submitted') throw new ConflictError(`verdict ${verdictId} is ${v.status}, not submitted`);
    return { v, claim };
  }

  /** A correction of a published verdict: a new version, submitted for approval. */
  async correct(claimId: string, editor: Actor, input: VerdictInput, version?: number): Promise<VerdictView> {
    const verdict = await this.db.transaction(async (em) => {
      const claim = await this.claims.lock(em, claimId);
      const v = await this.verdicts.insertNextVersion(em, { claimId, ...input, authorId: editor.id! });
      await this.claims.transition(em, claim, 'correct', editor, {
        expectedVersion: version,
        eventType: 'correction_submitted',
        data: { rating: input.rating },
        webhookData: { verdictId: v.id, version: v.version, summary: input.summary, correction: true },
      });
      return v;
    });
    return toVerdictView(verdict);
  }

  /** A reviewer reads a verdict only when they may read its claim. */
  async get(verdictId: string, viewer: Actor): Promise<VerdictView> {
    const v = await this.verdicts.findById(this.db.manager, verdictId);
    if (!v) throw new NotFoundError('verdict', verdictId);
    await this.claims.require(v.claimId, viewer).catch(() => {
      throw new NotFoundError('verdict', verdictId);
    });
    return toVerdictView(v);
  }

  async listForClaim(claimId: string, viewer: Actor): Promise<VerdictView[]> {
    await this.claims.require(claimId, viewer);
    return (await this.verdicts.listForClaim(claimId)).map(toVerdictView);
  }

  /** Published verdicts, newest approval first (the public ClaimReview feed). */
  findPublishedPage(after: Cursor | null, limit: number) {
    return this.verdicts.findPublishedPage(after, limit);
  }

  findApproved(claimId: string) {
    return this.verdicts.findApproved(this.db.manager, claimId);
  }

  private requireAssignee(assigneeId: string | null, actor: Actor, what: string): void {
    if (assigneeId !== actor.id) throw new ForbiddenError(`only the assigned reviewer may ${what} this claim`);
  }
}
