import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import type { ClaimIdScope } from '@claimdesk/claims';
import { rawQuery } from '@claimdesk/database';
import { Assignment, AssignmentEndReason } from './assignment.entity';

/** Where a page of open assignments ended. */
export interface OpenCursor {
  id: string;
  due: string;
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectRepository(Assignment) private readonly repo: Repository<Assignment>) {}

  insert(em: EntityManager, values: Partial<Assignment>): Promise<Assignment> {
    return em.getRepository(Assignment).save(em.getRepository(Assignment).create(values));
  }

  findActiveForClaim(em: EntityManager, claimId: string): Promise<Assignment | null> {
    return em
      .getRepository(Assignment)
      .findOne({ where: { claimId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
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
    return {
      sql: 'SELECT held.claim_id FROM assignments held WHERE held.reviewer_id = :heldBy',
      params: { heldBy: reviewerId },
    };
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

  /** Open assignments for the sweeper to re-arm their deadline jobs, one keyset page (due time, id) at a time. */
  async findOpen(limit: number, after?: OpenCursor): Promise<(OpenCursor & { dueAt: Date })[]> {
    // The cursor carries due_at as text: a JS Date would drop the microseconds and skip or repeat rows.
    const { rows } = await rawQuery<{ id: string; due_at: Date; due: string }>(
      this.repo.manager,
      `SELECT id, due_at, due_at::text AS due FROM assignments
        WHERE ended_at IS NULL AND ($2::timestamptz IS NULL OR (due_at, id) > ($2, $3::uuid))
        ORDER BY due_at, id LIMIT $1`,
      [limit, after?.due ?? null, after?.id ?? null],
    );
    return rows.map((r) => ({ id: r.id, due: r.due, dueAt: r.due_at }));
  }
}
