import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Cursor } from '@claimdesk/common';
import { rawQuery } from '@claimdesk/database';
import { Claim } from './claim.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimStatus } from './claim-status';

export interface ClaimFilter {
  articleId?: string;
  status?: ClaimStatus;
  assigneeId?: string;
  type?: string;
  q?: string;
  minScore?: number;
  /** Restricts to claims this reviewer holds or has held (object-level read rule). */
  visibleTo?: string;
}

export type NewClaimRow = Omit<Claim, 'id' | 'createdAt' | 'updatedAt' | 'assigneeId' | 'dueAt' | 'version'>;

@Injectable()
export class ClaimsRepository {
  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    @InjectRepository(ClaimEvent) private readonly events: Repository<ClaimEvent>,
  ) {}

  findById(id: string, em?: EntityManager): Promise<Claim | null> {
    return (em?.getRepository(Claim) ?? this.claims).findOneBy({ id });
  }

  async wasAssignedTo(claimId: string, reviewerId: string): Promise<boolean> {
    const { rows } = await rawQuery(
      this.claims.manager,
      'SELECT 1 FROM assignments WHERE claim_id = $1 AND reviewer_id = $2 LIMIT 1',
      [claimId, reviewerId],
    );
    return rows.length > 0;
  }

  findByIds(ids: string[]): Promise<Claim[]> {
    return ids.length ? this.claims.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<Claim | null> {
    return em.getRepository(Claim).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One statement for a whole article; re-running an extraction inserts nothing twice. */
  async insertManyIgnoringDuplicates(em: EntityManager, rows: NewClaimRow[]): Promise<Claim[]> {
    if (!rows.length) return [];
    const r = await em
      .createQueryBuilder()
      .insert()
      .into(Claim)
      .values(rows)
      .orIgnore()
      .returning('id')
      .execute();
    const ids = (r.raw as { id: string }[]).map((x) => x.id);
    return ids.length ? em.getRepository(Claim).findBy({ id: In(ids) }) : [];
  }

  async updateGuarded(em: EntityManager, id: string, version: number, set: Partial<Claim>): Promise<boolean> {
    const r = await em.update(Claim, { id, version }, { ...set, version: version + 1 });
    return (r.affected ?? 0) === 1;
  }

  async appendEvents(em: EntityManager, events: Partial<ClaimEvent>[]): Promise<void> {
    if (!events.length) return;
    const rows = events.map((e) => ({ data: {}, ...e })) as QueryDeepPartialEntity<ClaimEvent>[];
    await em.createQueryBuilder().insert().into(ClaimEvent).values(rows).execute();
  }

  findEvents(claimId: string): Promise<ClaimEvent[]> {
    return this.events.find({ where: { claimId }, order: { id: 'ASC' } });
  }

  findPage(filter: ClaimFilter, after: Cursor | null, limit: number): Promise<Claim[]> {
    const qb = this.claims.createQueryBuilder('c').orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').take(limit + 1);
    if (after) qb.andWhere('(c.created_at, c.id) > (:at, :cid)', { at: after.createdAt, cid: after.id });
    if (filter.articleId) qb.andWhere('c.article_id = :articleId', { articleId: filter.articleId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.minScore !== undefined) qb.andWhere('c.score >= :minScore', { minScore: filter.minScore });
    if (filter.q) qb.andWhere(`c.text ILIKE :q ESCAPE '\\'`, { q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (filter.visibleTo) {
      // Every claim a reviewer holds or held has an assignment row of theirs (index reviewer_id, claim_id).
      qb.andWhere('c.id IN (SELECT a.claim_id FROM assignments a WHERE a.reviewer_id = :viewer)', { viewer: filter.visibleTo });
    }
    return qb.getMany();
  }

  async lockBestQueuedFor(
    em: EntityManager,
    r: { id: string; languages: string[]; topics: string[] },
  ): Promise<Claim | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT c.id FROM claims c
        WHERE c.status = 'queued'
          AND (cardinality($2::text[]) = 0 OR c.language = ANY($2::text[]))
          AND (c.topic IS NULL OR cardinality($3::text[]) = 0 OR c.topic = ANY($3::text[]))
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = c.id AND a.reviewer_id = $1
                            AND a.end_reason IN ('deadline_missed', 'unassigned'))
        ORDER BY c.priority DESC, c.created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      [r.id, r.languages, r.topics],
    );
    return rows[0] ? this.findById(rows[0].id, em) : null;
  }

  findTopAssigned(reviewerId: string): Promise<Claim | null> {
    return this.claims.findOne({
      where: { assigneeId: reviewerId, status: 'assigned' },
      order: { priority: 'DESC', createdAt: 'ASC' },
    });
  }

  /** Queued claims, best first, for the sweeper and for filling a reviewer. */
  findQueuedIds(limit: number): Promise<{ id: string; version: number; priority: number }[]> {
    return this.claims
      .createQueryBuilder('c')
      .select(['c.id AS id', 'c.version AS version', 'c.priority AS priority'])
      .where(`c.status = 'queued'`)
      .orderBy('c.priority', 'DESC')
      .addOrderBy('c.created_at', 'ASC')
      .limit(limit)
      .getRawMany();
  }
}
