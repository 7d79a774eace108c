import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ConflictError, eachOnItsOwn, NotFoundError, SYSTEM_ACTOR } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { Claim, ClaimsService, ClaimView, toClaimView } from '@claimdesk/claims';
import { JobProducer } from '@claimdesk/queue';
import { ReviewerPoolService, User } from '@claimdesk/users';
import { Assignment, AssignmentEndReason } from './assignment.entity';
import { AssignmentsRepository, OpenCursor } from './assignments.repository';
import { dueAtFor } from './deadline-policy';

/** What must happen after a transaction commits (jobs are enqueued only for committed facts). */
export interface AfterCommit {
  deadlines: Assignment[];
  freed: { reviewerId: string; cause: string }[];
  queued: Pick<Claim, 'id' | 'version' | 'priority'>[];
}

export const nothing = (): AfterCommit => ({ deadlines: [], freed: [], queued: [] });

/** What a deadline check found: nothing left to do, a missed deadline, or a job that ran before the due time. */
export type DeadlineCheck = { outcome: 'done' | 'missed' } | { outcome: 'pending'; dueAt: Date };

@Injectable()
export class AssignmentService implements OnModuleInit {
  private readonly log = new Logger(AssignmentService.name);

  constructor(
    private readonly claims: ClaimsService,
    private readonly pool: ReviewerPoolService,
    private readonly assignments: AssignmentsRepository,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Claims asks review who holds or held a claim (review owns assignments). */
  onModuleInit(): void {
    this.claims.registerHolders({ heldBy: (reviewerId) => this.assignments.heldBy(reviewerId) });
  }

  /**
   * The assignment job: gives a queued claim to the least-loaded eligible reviewer. A job for an
   * older version of the claim, or a claim no longer queued, changes nothing. Returns the reviewer,
   * or null when nobody is eligible (the claim waits until capacity frees).
   */
  async autoAssign(claimId: string, version: number): Promise<string | null> {
    const after = nothing();
    const reviewerId = await this.db.transaction(async (em) => {
      const claim = await this.claims.lock(em, claimId).catch((err) => {
        if (err instanceof NotFoundError) return null; // deleted since: nothing to do
        throw err; // anything else (lock timeout, deadlock) must fail the job so it is retried
      });
      if (!claim || claim.status !== 'queued' || claim.version !== version) return null;
      const exclude = await this.assignments.excludedReviewers(em, claimId);
      const reviewer = await this.pool.pickAndLock(em, { language: claim.language, topic: claim.topic, exclude });
      if (!reviewer) return null;
      await this.give(em, claim, reviewer, SYSTEM_ACTOR, 'automatic', after);
      return reviewer.id;
    });
    await this.afterCommit(after);
    return reviewerId;
  }

  /**
   * The fill job: a reviewer has room (an assignment ended, capacity rose, reactivated).
   * Gives them the best queued claims they are eligible for until they are full or none is left.
   */
  async fillReviewer(reviewerId: string): Promise<number> {
    let given = 0;
    for (;;) {
      const after = nothing();
      const gave = await this.db.transaction(async (em) => {
        const reviewer = await this.pool.lock(em, reviewerId);
        if (!reviewer || reviewer.role !== 'reviewer' || !reviewer.active || reviewer.load >= reviewer.capacity)
          return false;
        const claim = await this.claims.lockBestQueuedFor(em, reviewer, this.assignments.barredFor(reviewer.id));
        if (!claim) return false;
        await this.give(em, claim, reviewer, SYSTEM_ACTOR, 'automatic', after);
        return true;
      });
      await this.afterCommit(after);
      if (!gave) return given;
      given++;
    }
  }

  /** An editor assigns (or reassigns) a claim to a named reviewer. */
  async assign(
    claimId: string,
    reviewerId: string,
    actor: Actor,
    reason?: string,
    version?: number,
  ): Promise<ClaimView> {
    // Without an explicit version, the claim as this request first saw it is the expectation:
    // of two concurrent assigns, the second sees a changed claim and gets 409.
    const expected = version ?? (await this.claims.require(claimId)).version;
    const after = nothing();
    const assigned = await this.db.transaction(async (em) => {
      const claim = await this.claims.lock(em, claimId);
      if (claim.version !== expected) {
        throw new ConflictError(`stale version: claim ${claimId} is at version ${claim.version}, not ${expected}`);
      }
      // A reassignment touches two reviewers: lock both in id order, so crossing reassignments cannot deadlock.
      const previous = claim.status === 'assigned' ? claim.assigneeId : null;
      for (const id of [reviewerId, previous].filter((x): x is string => !!x).sort()) await this.pool.lock(em, id);
      const reviewer = await this.pool.lock(em, reviewerId);
      if (!reviewer) throw new NotFoundError('user', reviewerId);
      if (reviewer.role !== 'reviewer') throw new ConflictError(`user ${reviewerId} is not a reviewer`);
      if (!reviewer.active) throw new ConflictError(`reviewer ${reviewerId} is inactive`);
      if (claim.assigneeId === reviewerId)
        throw new ConflictError(`claim ${claimId} is already assigned to ${reviewerId}`);
      if (reviewer.load >= reviewer.capacity) {
        throw new ConflictError(`reviewer ${reviewerId} is at capacity (${reviewer.load}/${reviewer.capacity})`);
      }
      if (claim.status === 'assigned') await this.endActive(em, claim, 'reassigned', after);
      return this.give(em, claim, reviewer, actor, reason ?? null, after);
    });
    await this.afterCommit(after);
    return toClaimView(assigned);
  }

  /** Assigns many claims to one reviewer; each on its own, stopping at nothing (capacity refusals are reported). */
  bulkAssign(ids: string[], reviewerId: string, actor: Actor, reason?: string) {
    return eachOnItsOwn(ids, (id) => this.assign(id, reviewerId, actor, reason));
  }

  /** An editor takes a claim off its reviewer: back to `queued` (and to someone else). */
  async unassign(claimId: string, actor: Actor, reason?: string, version?: number): Promise<ClaimView> {
    const after = nothing();
    const updated = await this.db.transaction(async (em) => {
      const claim = await this.claims.lock(em, claimId);
      const ended = await this.endActive(em, claim, 'unassigned', after);
      const queued = await this.claims.transition(em, claim, 'unassign', actor, {
        expectedVersion: version,
        set: { assigneeId: null, dueAt: null },
        data: { reason: reason ?? null, reviewerId: ended?.reviewerId ?? null },
      });
      after.queued.push(queued);
      return queued;
    });
    await this.afterCommit(after);
    return toClaimView(updated);
  }

  /**
   * A reviewer was deactivated: every claim they hold goes back to the queue (and to someone
   * else), one transaction per claim, each with its event.
   */
  async releaseAllOf(reviewerId: string, actor: Actor): Promise<number> {
    const open = await this.assignments.activeOfReviewer(reviewerId);
    for (const a of open) {
      const after = nothing();
      await this.db.transaction(async (em) => {
        const claim = await this.claims.lock(em, a.claimId);
        // Still this reviewer's assignment? (A deadline or an editor may have moved the claim since the listing.)
        const open = await this.assignments.findActiveForClaim(em, claim.id);
        if (!open || open.id !== a.id) return;
        await this.endActive(em, claim, 'deactivated', after);
        after.freed = []; // the reviewer is inactive: nothing to fill
        const updated = await this.claims.transition(em, claim, 'unassign', actor, {
          eventType: 'reviewer_deactivated',
          set: { assigneeId: null, dueAt: null },
          data: { reviewerId },
        });
        after.queued.push(updated);
      });
      await this.afterCommit(after);
    }
    return open.length;
  }

  /** A reviewer asks for work: their best assigned claim, else the best queued claim they may take. */
  async next(reviewer: Actor): Promise<ClaimView | null> {
    const mine = await this.claims.findTopAssigned(reviewer.id!);
    if (mine) return toClaimView(mine);
    const after = nothing();
    const taken = await this.db.transaction(async (em) => {
      const me = await this.pool.lock(em, reviewer.id!);
      if (!me || !me.active || me.load >= me.capacity) return null;
      const claim = await this.claims.lockBestQueuedFor(em, me, this.assignments.barredFor(me.id));
      if (!claim) return null;
      return this.give(em, claim, me, reviewer, 'self-service (next)', after);
    });
    await this.afterCommit(after);
    return taken ? toClaimView(taken) : null;
  }

  /** The deadline job: an open assignment past due is ended and the claim goes to someone else. */
  async checkDeadline(assignmentId: string): Promise<DeadlineCheck> {
    const after = nothing();
    const seen = await this.assignments.findById(assignmentId);
    if (!seen || seen.endedAt) return { outcome: 'done' };
    const outcome = await this.db.transaction(async (em) => {
      // Lock order as everywhere: the claim, then its assignment (re-read under the lock).
      const claim = await this.claims.lock(em, seen.claimId);
      const open = await this.assignments.findByIdForUpdate(em, assignmentId);
      if (!open || open.endedAt) return { outcome: 'done' } as const;
      // Fired early (clock skew, or the due time moved): the caller puts this same job back until then.
      if (open.dueAt.getTime() > Date.now()) return { outcome: 'pending', dueAt: open.dueAt } as const;
      await this.assignments.end(em, open.id, 'deadline_missed');
      await this.pool.release(em, open.reviewerId);
      after.freed.push({ reviewerId: open.reviewerId, cause: `a${open.id}` });
      const updated = await this.claims.transition(em, claim, 'unassign', SYSTEM_ACTOR, {
        eventType: 'deadline_missed',
        set: { assigneeId: null, dueAt: null },
        data: { reviewerId: open.reviewerId, assignmentId: open.id, dueAt: open.dueAt.toISOString() },
      });
      after.queued.push(updated);
      return { outcome: 'missed' } as const;
    });
    await this.afterCommit(after);
    return outcome;
  }

  /**
   * Ends the claim's open assignment (verdict submitted, dismissed ...) and frees the reviewer's
   * capacity, inside the caller's transaction. Used by the verdict flow.
   */
  async endActive(em: EntityManager, claim: Claim, reason: AssignmentEndReason, after: AfterCommit) {
    const open = await this.assignments.findActiveForClaim(em, claim.id);
    if (!open) return null;
    await this.assignments.end(em, open.id, reason);
    await this.pool.release(em, open.reviewerId);
    after.freed.push({ reviewerId: open.reviewerId, cause: `a${open.id}` });
    return open;
  }

  /**
   * Opens an assignment for the author of a rejected verdict, outside capacity rules (the work is
   * theirs to finish). Returns null when the author can no longer review (deactivated, no longer a
   * reviewer): the caller then puts the claim back in the queue instead.
   */
  async reopenFor(em: EntityManager, claim: Claim, reviewerId: string, actor: Actor, after: AfterCommit) {
    const reviewer = await this.pool.lock(em, reviewerId);
    if (!reviewer || reviewer.role !== 'reviewer' || !reviewer.active) return null;
    if (!(await this.pool.reserve(em, reviewerId, true))) return null;
    const dueAt = dueAtFor(claim.priority, this.config);
    const a = await this.assignments.insert(em, {
      claimId: claim.id,
      reviewerId,
      assignedBy: actor.id,
      reason: 'verdict rejected',
      dueAt,
    });
    after.deadlines.push(a);
    return a;
  }

  history(claimId: string) {
    return this.assignments.historyOfClaim(claimId);
  }

  activeOf(reviewerId: string) {
    return this.assignments.activeOfReviewer(reviewerId);
  }

  /**
   * Reviewers with spare capacity and at least one queued claim they may take (for the sweeper's wake-ups): when
   * everyone is full, or nothing waiting fits anyone, the sweep enqueues nothing. One indexed look-up per reviewer
   * with room, once a sweep: users and claims each answer from their own tables.
   */
  async reviewersWithRoom(limit: number): Promise<string[]> {
    const withRoom = await this.pool.withSpareCapacity(this.db.manager, limit);
    const ids: string[] = [];
    for (const r of withRoom) if (await this.claims.hasQueuedFor(r, this.assignments.barredFor(r.id))) ids.push(r.id);
    return ids;
  }

  openAssignments(limit: number, after?: OpenCursor) {
    return this.assignments.findOpen(limit, after);
  }

  /** Locks held: claim, then reviewer. Writes assignment, capacity and claim status together; returns the claim. */
  private async give(
    em: EntityManager,
    claim: Claim,
    reviewer: User,
    actor: Actor,
    reason: string | null,
    after: AfterCommit,
  ): Promise<Claim> {
    if (!(await this.pool.reserve(em, reviewer.id))) {
      throw new ConflictError(`reviewer ${reviewer.id} is at capacity or inactive`);
    }
    const dueAt = dueAtFor(claim.priority, this.config);
    const reassign = claim.status === 'assigned';
    const assigned = await this.claims.transition(em, claim, 'assign', actor, {
      eventType: reassign ? 'reassigned' : 'assigned',
      set: { assigneeId: reviewer.id, dueAt },
      data: { reviewerId: reviewer.id, reason, dueAt: dueAt.toISOString() },
    });
    const a = await this.assignments.insert(em, {
      claimId: claim.id,
      reviewerId: reviewer.id,
      assignedBy: actor.id,
      reason,
      dueAt,
    });
    after.deadlines.push(a);
    return assigned;
  }

  /** Enqueues what the committed transaction implies. Best effort: the sweeper re-drives from Postgres. */
  async afterCommit(after: AfterCommit): Promise<void> {
    try {
      for (const a of after.deadlines)
        await this.jobs.enqueue('check-deadline', { assignmentId: a.id }, { runAt: a.dueAt });
      for (const f of after.freed) await this.jobs.enqueue('fill-reviewer', f);
      await this.claims.requestAssignment(after.queued);
    } catch (err) {
      this.log.warn(`could not enqueue follow-up jobs: ${(err as Error).message}`);
    }
  }
}
