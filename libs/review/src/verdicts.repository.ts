import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Cursor } from '@claimdesk/common';
import { rawQuery } from '@claimdesk/database';
import { Verdict } from './verdict.entity';

/** A verdict's columns in the CSV export, as pg returns them. */
export interface VerdictExportRow {
  claim_id: string;
  rating: string;
  summary: string;
  reviewed_at: Date | null;
}

@Injectable()
export class VerdictsRepository {
  constructor(@InjectRepository(Verdict) private readonly repo: Repository<Verdict>) {}

  /** The verdict in force (approved, not superseded) of each of these claims that has one: the exported columns. */
  async inForceFor(claimIds: string[]): Promise<VerdictExportRow[]> {
    if (!claimIds.length) return [];
    return this.repo
      .createQueryBuilder('v')
      .select(['v.claim_id AS claim_id', 'v.rating AS rating', 'v.summary AS summary', 'v.reviewed_at AS reviewed_at'])
      .where(`v.claim_id = ANY(:claimIds) AND v.status = 'approved'`, { claimIds })
      .getRawMany();
  }

  findById(em: EntityManager, id: string): Promise<Verdict | null> {
    return em.getRepository(Verdict).findOneBy({ id });
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<Verdict | null> {
    return em.getRepository(Verdict).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insertNextVersion(em: EntityManager, values: Omit<Partial<Verdict>, 'version'>): Promise<Verdict> {
    const { rows } = await rawQuery<{ next: number }>(
      em,
      `SELECT COALESCE(MAX(version), 0)::int + 1 AS next FROM verdicts WHERE claim_id = $1`,
      [values.claimId],
    );
    const repo = em.getRepository(Verdict);
    return repo.save(repo.create({ ...values, version: rows[0].next, status: 'submitted' }));
  }

  async update(em: EntityManager, id: string, set: Partial<Verdict>): Promise<void> {
    await em.update(Verdict, { id }, set);
  }

  async supersedeApproved(em: EntityManager, claimId: string, exceptId: string): Promise<void> {
    await rawQuery(
      em,
      `UPDATE verdicts SET status = 'superseded' WHERE claim_id = $1 AND status = 'approved' AND id <> $2`,
      [claimId, exceptId],
    );
  }

  findApproved(em: EntityManager, claimId: string): Promise<Verdict | null> {
    return em.getRepository(Verdict).findOneBy({ claimId, status: 'approved' });
  }

  listForClaim(claimId: string): Promise<Verdict[]> {
    return this.repo.find({ where: { claimId }, order: { version: 'ASC' } });
  }

  /** Published (approved) verdicts, the newest approval first; keyset on (reviewed_at, id). */
  findPublishedPage(after: Cursor | null, limit: number): Promise<Verdict[]> {
    const q = this.repo
      .createQueryBuilder('v')
      .where(`v.status = 'approved'`)
      .orderBy('v.reviewedAt', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .limit(limit + 1);
    if (after) q.andWhere('(v.reviewed_at, v.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return q.getMany();
  }
}
