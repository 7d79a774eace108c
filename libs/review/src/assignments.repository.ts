import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import type { ClaimIdScope } from '@claimdesk/claims';
import { rawQuery } from '@claimdesk/database';
import { Assignment, AssignmentEndReason } from './assignment.entity';

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectRepository(Assignment) private readonly repo: Repository<Assignment>) {}

  insert(em: EntityManager, values: Partial<Assignment>): Promise<Assignment> {
    return em.getRepository(Assignment).save(em.getRepository(Assignment).create(values));
  }

  findActiveForClaim(em: EntityManager, claimId: string): Promise<Assignment | null> {
    return em.getRepository(Assignment).findOne({ where: { claimId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string): Promise<Assignment | null> {
    return this.repo.findOneBy({ id });
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<Assignment | null> {
    return em.getRepository(Assignment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async end(em: EntityManager, id: string, reason: AssignmentEndReason): Promise<void> {
    await em.update(Assignment, { id, endedAt: IsNull() }, { endedAt: () => 'now()', endReason: reason });
  }

  /** Reviewers who must not get this claim again: they missed its deadline or were taken off it. */
  async excludedReviewers(em: EntityManager, claimId: string): Promise<string[]> {
    const { rows } = await rawQuery<{ reviewer_id: string }>(
      em,
      `SELECT DISTINCT reviewer_id FROM assignments WHERE claim_id = $1 AND end_reason IN ('deadline_missed', 'unassigned')`,
      [claimId],
    );
    return rows.map((r) => r.reviewer_id);
  }

  /** Claims the reviewer holds or has held (every one has an assignment row of theirs; index reviewer_id, claim_id). */
  heldBy(reviewerId: string): ClaimIdScope {
    return { sql: 'SELECT held.claim_id FROM assignments held WHERE held.reviewer_id = :heldBy', params: { heldBy: reviewerId } };
  }

  /** Claims the reviewer must not get again: they missed its deadline or were taken off it. */
  barredFor(reviewerId: string): ClaimIdScope {
    return {
      sql: `SELECT barred.claim_id FROM assignments barred
             WHERE barred.reviewer_id = :barredFor AND barred.end_reason IN ('deadline_missed', 'unassigned')`,
      params: { barredFor: reviewerId },
    };
  }

  historyOfClaim(claimId: string): Promise<Assignment[]> {
    return this.repo.find({ where: { claimId }, order: { assignedAt: 'ASC' } });
  }

  activeOfReviewer(reviewerId: string): Promise<Assignment[]> {
    return this.repo.find({ where: { reviewerId, endedAt: IsNull() }, order: { dueAt: 'ASC' } });
  }

  /** Open assignments for the sweeper to re-arm their deadline jobs. */
  findOpen(limit: number): Promise<Pick<Assignment, 'id' | 'dueAt'>[]> {
    return this.repo.find({ select: { id: true, dueAt: true }, where: { endedAt: IsNull() }, order: { dueAt: 'ASC' }, take: limit });
  }
}
