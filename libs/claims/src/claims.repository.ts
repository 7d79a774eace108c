import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Cursor } from '@claimdesk/common';
import { rawQuery, rowToEntity, selectColumns } from '@claimdesk/database';
import { Claim } from './claim.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimStatus } from './claim-status';
import type { ClaimIdScope } from './claim-scope';

export interface ClaimFilter {
  articleId?: string;
  status?: ClaimStatus;
  assigneeId?: string;
  type?: string;
  q?: string;
  minScore?: number;
  /** Only claims with (true) or without (false) a suggested or confirmed match. */
  hasMatch?: boolean;
  /** Restricts to these claims (for a reviewer: those they hold or have held, the object-level read rule). */
  within?: ClaimIdScope;
}

/** A claim's exported columns, as the export query returns them (created_at as an ISO string). */
export interface ClaimExportRow {
  id: string;
  article_id: string;
  status: ClaimStatus;
  type: string;
  score: number;
  language: string;
  topic: string | null;
  claimant: string | null;
  text: string;
  assignee_id: string | null;
  created_at: string;
}

/** What makes a queued claim eligible for a reviewer. */
export interface Eligibility {
  languages: string[];
  topics: string[];
}

export type NewClaimRow = Omit<
  Claim,
  'id' | 'createdAt' | 'updatedAt' | 'assigneeId' | 'dueAt' | 'version' | 'originalId'
>;

@Injectable()
export class ClaimsRepository {
  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    @InjectRepository(ClaimEvent) private readonly events: Repository<ClaimEvent>,
  ) {}

  /** A claim by id, in plain SQL (TypeORM's query building and hydration cost more than the read itself). */
  findById(id: string): Promise<Claim | null> {
    return this.readOne(this.claims.manager, `WHERE c.id = $1`, id);
  }

  async isWithin(em: EntityManager, claimId: string, scope: ClaimIdScope): Promise<boolean> {
    const n = await em
      .getRepository(Claim)
      .createQueryBuilder('c')
      .where('c.id = :claimId', { claimId })
      .andWhere(`c.id IN (${scope.sql})`, scope.params)
      .getCount();
    return n > 0;
  }

  findByIds(ids: string[]): Promise<Claim[]> {
    return ids.length ? this.claims.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findRepeatsOf(id: string): Promise<Claim[]> {
    return this.claims.find({ where: { originalId: id, status: 'duplicate' }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<Claim | null> {
    return this.readOne(em, `WHERE c.id = $1 FOR UPDATE`, id);
  }

  private async readOne(em: EntityManager, where: string, id: string): Promise<Claim | null> {
    const { rows } = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT ${selectColumns(em, Claim, 'c').join(', ')} FROM claims c ${where}`,
      [id],
    );
    return rows[0] ? rowToEntity(em, Claim, rows[0]) : null;
  }

  /**
   * Multi-row inserts, chunked within PostgreSQL's bind parameters (an article may have thousands of claims);
   * re-running an extraction inserts nothing twice. Runs in the caller's transaction: all or nothing.
   */
  /**
   * Inserts an article's claims and their audit events in one statement, whatever their number: the rows travel
   * as 16 arrays (17 bind parameters, not 16 per row) and are unnested in PostgreSQL. Claims already there (a
   * re-run of the same extraction) are skipped, and get no event. Each new claim gets an `extracted` event, and a
   * `queued` one after it when it was queued; returns the new claims.
   */
  async insertWithEvents(em: EntityManager, rows: NewClaimRow[], autoQueueScore: number): Promise<Claim[]> {
    if (!rows.length) return [];
    const col = <K extends keyof NewClaimRow>(k: K) => rows.map((r) => r[k]);
    const { rows: raw } = await rawQuery<Record<string, unknown>>(
      em,
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[],
                              $8::real[], $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::real[],
                              $15::text[], $16::text[], $17::bytea[], $18::text[])
                  WITH ORDINALITY AS t(article_id, text, sentence, span_start, span_end, claimant, type,
                                       score, quantities, language, topic, status, priority, section, scored_by,
                                       embedding, fingerprint, ord)
       ), ins AS (
         INSERT INTO claims (article_id, text, sentence, span_start, span_end, claimant, type, score, quantities,
                             language, topic, status, priority, section, scored_by, embedding, fingerprint)
         SELECT article_id, text, sentence, span_start, span_end, claimant, type, score, quantities,
                language, topic, status, priority, section, string_to_array(scored_by, ','), embedding, fingerprint
           FROM input ORDER BY ord
         ON CONFLICT DO NOTHING
         RETURNING *
       ), events AS (
         INSERT INTO claim_events (claim_id, type, from_status, to_status, data)
         SELECT e.claim_id, e.type, e.from_status, e.to_status, e.data
           FROM (SELECT ins.id AS claim_id, ins.created_at, 0 AS step, 'extracted' AS type, NULL AS from_status,
                        'new' AS to_status, jsonb_build_object('score', ins.score) AS data
                   FROM ins
                 UNION ALL
                 SELECT ins.id, ins.created_at, 1, 'queued', 'new', 'queued',
                        jsonb_build_object('reason', CASE WHEN cardinality(ins.scored_by) = 0
                          THEN 'unscored (language ' || ins.language || ')'
                          ELSE 'score ' || ins.score || ' >= AUTO_QUEUE_SCORE ' || $14::text END)
                   FROM ins WHERE ins.status = 'queued') e
          ORDER BY e.claim_id, e.step
       )
       SELECT * FROM ins`,
      [
        col('articleId'),
        col('text'),
        col('sentence'),
        col('spanStart'),
        col('spanEnd'),
        col('claimant'),
        col('type'),
        col('score'),
        rows.map((r) => JSON.stringify(r.quantities)),
        col('language'),
        col('topic'),
        col('status'),
        col('priority'),
        String(autoQueueScore),
        col('section'),
        rows.map((r) => r.scoredBy.join(',')),
        col('embedding'),
        col('fingerprint'),
      ],
    );
    // Raw rows to entities through the entity's own column map (the driver already parsed the types).
    return raw.map((r) => rowToEntity(em, Claim, r));
  }

  /** Writes the claim unless its version moved; returns the new `updated_at`, or null when it moved. */
  async updateGuarded(em: EntityManager, id: string, version: number, set: Partial<Claim>): Promise<Date | null> {
    const r = await em
      .createQueryBuilder()
      .update(Claim)
      .set({ ...set, version: version + 1 })
      .where('id = :id AND version = :version', { id, version })
      .returning('updated_at')
      .execute();
    return (r.raw as { updated_at: Date }[])[0]?.updated_at ?? null;
  }

  /** A status change's audit event (an article's claims get theirs in insertWithEvents). */
  async appendEvent(em: EntityManager, event: Partial<ClaimEvent>): Promise<void> {
    const row = { data: {}, ...event } as QueryDeepPartialEntity<ClaimEvent>;
    await em.createQueryBuilder().insert().into(ClaimEvent).values(row).execute();
  }

  /** Events without a status change (a batch's `match_suggested` ones), in one statement. */
  async appendEvents(em: EntityManager, events: { claimId: string; type: string; data: Record<string, unknown> }[]) {
    if (!events.length) return;
    await rawQuery(
      em,
      `INSERT INTO claim_events (claim_id, type, data)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])`,
      [events.map((e) => e.claimId), events.map((e) => e.type), events.map((e) => JSON.stringify(e.data))],
    );
  }

  findEvents(claimId: string): Promise<ClaimEvent[]> {
    return this.events.find({ where: { claimId }, order: { id: 'ASC' } });
  }

  /** One keyset page (and one more row, to know there is a next), as plain rows: no TypeORM hydration. */
  async findPage(filter: ClaimFilter, after: Cursor | null, limit: number): Promise<Claim[]> {
    const em = this.claims.manager;
    const rows = await this.filtered(filter, after)
      .select(selectColumns(em, Claim, 'c'))
      .limit(limit + 1)
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => rowToEntity(em, Claim, r));
  }

  /**
   * One keyset page of the export: only the exported columns, as pg's plain rows (no entity hydration), the
   * timestamp already in ISO form; the same filters and order as findPage.
   */
  findExportPage(filter: ClaimFilter, after: Cursor | null, limit: number): Promise<ClaimExportRow[]> {
    return this.filtered(filter, after)
      .select([
        'c.id AS id',
        'c.article_id AS article_id',
        'c.status AS status',
        'c.type AS type',
        'c.score AS score',
        'c.language AS language',
        'c.topic AS topic',
        'c.claimant AS claimant',
        'c.text AS text',
        'c.assignee_id AS assignee_id',
        // created_at has millisecond precision (the entity's column), so this is exactly Date#toISOString().
        `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`,
      ])
      .limit(limit)
      .getRawMany();
  }

  /** Claims matching `filter` after the keyset cursor, oldest first. */
  private filtered(filter: ClaimFilter, after: Cursor | null) {
    const qb = this.claims.createQueryBuilder('c').orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC');
    if (after) qb.andWhere('(c.created_at, c.id) > (:at, :cid)', { at: after.createdAt, cid: after.id });
    if (filter.articleId) qb.andWhere('c.article_id = :articleId', { articleId: filter.articleId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.assigneeId) qb.andWhere('c.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.minScore !== undefined) qb.andWhere('c.score >= :minScore', { minScore: filter.minScore });
    // The search index (migration 1765800000000): words, stemmed, in web-search syntax ("quoted phrase", -not, or).
    if (filter.q) qb.andWhere(`c.search_vector @@ websearch_to_tsquery('english', :q)`, { q: filter.q });
    if (filter.within) qb.andWhere(`c.id IN (${filter.within.sql})`, filter.within.params);
    if (filter.hasMatch !== undefined)
      qb.andWhere(
        `${filter.hasMatch ? '' : 'NOT '}EXISTS (SELECT 1 FROM claim_matches m WHERE (m.claim_id = c.id OR m.other_id = c.id) AND m.status <> 'rejected')`,
      );
    return qb;
  }

  /** Whether a queued claim in these languages and topics and outside `barred` waits (the sweeper's wake-ups). */
  async anyQueued(r: Eligibility, barred: ClaimIdScope): Promise<boolean> {
    const found: unknown = await this.queuedFor(this.claims, r, barred).select('c.id').limit(1).getRawOne();
    return found !== undefined;
  }

  /** The best queued claim in these languages and topics and outside `barred`, locked (skipping locked rows). */
  lockBestQueued(em: EntityManager, r: Eligibility, barred: ClaimIdScope): Promise<Claim | null> {
    return this.queuedFor(em.getRepository(Claim), r, barred)
      .orderBy('c.priority', 'DESC')
      .addOrderBy('c.created_at', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  /** Queued claims a reviewer with these languages and topics may take, outside `barred`. */
  private queuedFor(repo: Repository<Claim>, r: Eligibility, barred: ClaimIdScope) {
    return repo
      .createQueryBuilder('c')
      .where(`c.status = 'queued'`)
      .andWhere('(cardinality(CAST(:langs AS text[])) = 0 OR c.language = ANY(:langs))', { langs: r.languages })
      .andWhere('(c.topic IS NULL OR cardinality(CAST(:topics AS text[])) = 0 OR c.topic = ANY(:topics))', {
        topics: r.topics,
      })
      .andWhere(`c.id NOT IN (${barred.sql})`, barred.params);
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
