import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  BulkResult,
  SYSTEM_ACTOR,
  ConflictError,
  Cursor,
  decodeCursor,
  eachOnItsOwn,
  ForbiddenError,
  NotFoundError,
  Page,
  toPage,
} from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { JobProducer, queueRank } from '@claimdesk/queue';
import type { ExtractedClaim } from '@claimdesk/extraction';
import { UsersService } from '@claimdesk/users';
import { Claim } from './claim.entity';
import { ClaimAction, mayTransition, refuseTransition, TRANSITIONS } from './claim-status';
import { ClaimExportRow, ClaimFilter, ClaimsRepository, NewClaimRow } from './claims.repository';
import type { ClaimHolders, ClaimIdScope } from './claim-scope';
import { toClaimView, toEventView, toMatchView, ClaimView, MatchView } from './claim.views';
import { computePriority, typeBonus } from './priority';
import { fingerprint, sameFigures } from '@claimdesk/matching';
import { PipelineMatcher } from './claim-matching';
import { ClaimTermsRepository } from './claim-terms.repository';
import { MatchesRepository } from './matches.repository';
import { WebhookOutbox, type WebhookEvent } from '@claimdesk/webhooks';
import { webhookEventOf } from './claim-webhooks';

export interface TransitionOptions {
  /** The version the caller saw; a different current version is a stale request (409). */
  expectedVersion?: number;
  /** Fields to change together with the status (assignee, due time). */
  set?: Partial<Pick<Claim, 'assigneeId' | 'dueAt' | 'originalId'>>;
  /** Event type when it is more specific than the action (e.g. "reassigned", "deadline_missed"). */
  eventType?: string;
  data?: Record<string, unknown>;
  /** The webhook event when it is not the default one for this move (webhookEventOf); null: none. */
  webhookEvent?: WebhookEvent | null;
  /** Extra fields for the webhook payload only (not the audit event). */
  webhookData?: Record<string, unknown>;
}

export interface ArticleForClaims {
  id: string;
  language: string;
  topic: string | null;
  publishedAt: Date | null;
}

@Injectable()
export class ClaimsService {
  private readonly log = new Logger(ClaimsService.name);
  private holders: ClaimHolders | null = null;
  private readonly pipelineMatcher: PipelineMatcher;

  constructor(
    private readonly claims: ClaimsRepository,
    private readonly matches: MatchesRepository,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly outbox: WebhookOutbox,
    @InjectDataSource() private readonly db: DataSource,
    private readonly terms: ClaimTermsRepository,
  ) {
    this.pipelineMatcher = new PipelineMatcher(matches, undefined, terms);
  }

  /**
   * Folds the words of claims stored since the last fold into matching's lexicon, until caught up or `budgetMs` has
   * passed (the sweeper's, under its lock: one worker folds); returns the claims folded.
   */
  foldTermStats(budgetMs: number): Promise<number> {
    return this.terms.fold(this.db.manager, budgetMs);
  }

  /** Review, which owns assignments, answers who holds or held a claim (claims never reads its tables). */
  registerHolders(holders: ClaimHolders): void {
    this.holders = holders;
  }

  /** The claims a reviewer may read; refuses (fails closed) when no feature answers who holds what. */
  private heldBy(reviewerId: string): ClaimIdScope {
    if (!this.holders) throw new Error('no ClaimHolders registered: import ReviewModule to serve reviewers');
    return this.holders.heldBy(reviewerId);
  }

  /** The claims this viewer may read: a reviewer's held claims; null (all) for editors and admins. */
  readScope(viewer: Actor): ClaimIdScope | null {
    return viewer.role === 'reviewer' ? this.heldBy(viewer.id!) : null;
  }

  /** `filter` narrowed to what the viewer may read (list and export share it). */
  private scopedFor(filter: ClaimFilter, viewer: Actor): ClaimFilter {
    const within = this.readScope(viewer);
    return within ? { ...filter, within } : filter;
  }

  async get(id: string, viewer?: Actor): Promise<ClaimView> {
    return toClaimView(await this.require(id, viewer));
  }

  /** The claim, or 404; a reviewer sees only claims they hold or have held. */
  async require(id: string, viewer?: Actor): Promise<Claim> {
    const claim = await this.claims.findById(id);
    if (!claim) throw new NotFoundError('claim', id);
    await this.checkVisible(this.db.manager, claim, viewer);
    return claim;
  }

  /**
   * Locks the claim row for the rest of the caller's transaction (lock order: claim, then reviewer) and
   * returns it: the one read of the claim a state change makes (pass it to `transition`). With a
   * `viewer`, a reviewer who never held the claim gets 404, checked on the same connection.
   */
  async lock(em: EntityManager, id: string, viewer?: Actor): Promise<Claim> {
    const claim = await this.claims.findByIdForUpdate(em, id);
    if (!claim) throw new NotFoundError('claim', id);
    await this.checkVisible(em, claim, viewer);
    return claim;
  }

  private async checkVisible(em: EntityManager, claim: Claim, viewer?: Actor): Promise<void> {
    if (viewer?.role !== 'reviewer' || claim.assigneeId === viewer.id) return;
    if (!(await this.claims.isWithin(em, claim.id, this.heldBy(viewer.id!))))
      throw new NotFoundError('claim', claim.id);
  }

  /**
   * The highest-priority queued claim in the reviewer's languages and topics, outside `barred` (review's
   * list of claims they may not get again), locked (skipping claims others hold locked).
   */
  lockBestQueuedFor(em: EntityManager, reviewer: { languages: string[]; topics: string[] }, barred: ClaimIdScope) {
    return this.claims.lockBestQueued(em, reviewer, barred);
  }

  /** Whether a queued claim waits that this reviewer may take (outside `barred`). */
  hasQueuedFor(reviewer: { languages: string[]; topics: string[] }, barred: ClaimIdScope): Promise<boolean> {
    return this.claims.anyQueued(reviewer, barred);
  }

  /** Several claims in one query, as views, in the order of `ids`. */
  async getMany(ids: string[]): Promise<ClaimView[]> {
    const byId = new Map((await this.claims.findByIds(ids)).map((c) => [c.id, toClaimView(c)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Several claims in one query, as stored (no visibility check: for public reads of published work). */
  findMany(ids: string[]): Promise<Claim[]> {
    return this.claims.findByIds(ids);
  }

  /** The caller's highest-priority claim in `assigned`. */
  findTopAssigned(reviewerId: string): Promise<Claim | null> {
    return this.claims.findTopAssigned(reviewerId);
  }

  async list(filter: ClaimFilter, limit: number, cursor: string | undefined, viewer: Actor): Promise<Page<ClaimView>> {
    const rows = await this.claims.findPage(this.scopedFor(filter, viewer), decodeCursor(cursor), limit);
    return toPage(rows, limit, toClaimView);
  }

  /**
   * One page of the CSV export: the claims matching `filter` after `after` (the last exported claim), oldest
   * first, only the exported columns; the same filters and viewer scope as list().
   */
  exportPage(filter: ClaimFilter, limit: number, after: Cursor | null, viewer: Actor): Promise<ClaimExportRow[]> {
    return this.claims.findExportPage(this.scopedFor(filter, viewer), after, limit);
  }

  async events(id: string, viewer?: Actor) {
    await this.require(id, viewer);
    const events = await this.claims.findEvents(id);
    const names = await this.users.names([...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
    return events.map((e) => toEventView(e, e.actorId ? (names.get(e.actorId) ?? null) : null));
  }

  /**
   * Stores an article's extracted claims (status `new`) with their events, and queues at once those scoring at
   * least the queue cut-off (the worker's: CHECKWORTHY_THRESHOLD or its path's default; AUTO_QUEUE_SCORE otherwise), the best AUTO_QUEUE_MAX_PER_ARTICLE of them (the rest stay `new`, ranked by
   * priority, for triage): one article cannot flood the desk. Runs inside the caller's transaction; returns the
   * queued claims so the caller can enqueue their assignment after commit.
   */
  async insertExtracted(em: EntityManager, article: ArticleForClaims, extracted: ExtractedClaim[]) {
    const [result] = await this.insertExtractedMany(em, [{ article, extracted }]);
    return result;
  }

  /** insertExtracted for several articles in one statement; the results are in the order of `items`. */
  async insertExtractedMany(
    em: EntityManager,
    items: { article: ArticleForClaims; extracted: ExtractedClaim[]; queueScore?: number }[],
  ) {
    const weights = {
      scoreWeight: this.config.PRIORITY_SCORE_WEIGHT,
      recencyWeight: this.config.PRIORITY_RECENCY_WEIGHT,
      recencyHalfLifeHours: this.config.PRIORITY_RECENCY_HALF_LIFE_HOURS,
      typeBonus: typeBonus(this.config.PRIORITY_TYPE_BONUS),
    };
    const now = new Date();
    const all: NewClaimRow[] = [];
    for (const { article, extracted, queueScore = this.config.AUTO_QUEUE_SCORE } of items) {
      const rows: NewClaimRow[] = extracted.map((x) => ({
        articleId: article.id,
        text: x.text,
        sentence: x.sentence,
        spanStart: x.span?.start ?? null,
        spanEnd: x.span?.end ?? null,
        section: x.section,
        scoredBy: x.scoredBy ?? ['fast'],
        embedding: x.embedding ? Buffer.from(x.embedding.buffer, x.embedding.byteOffset, x.embedding.byteLength) : null,
        claimant: x.claimant,
        type: x.type,
        score: x.score,
        quantities: x.quantities,
        language: article.language,
        topic: article.topic,
        status: 'new',
        fingerprint: fingerprint(x.text),
        priority: computePriority({ score: x.score, type: x.type, publishedAt: article.publishedAt }, weights, now),
      }));
      // Unscored claims (an article in a language the model does not read) go to reviewers of that language.
      const candidates = rows.filter((r) => r.scoredBy.length === 0 || r.score >= queueScore);
      // Stable sort: equal priorities keep the article's order.
      candidates.sort((a, b) => b.priority - a.priority);
      for (const r of candidates.slice(0, this.config.AUTO_QUEUE_MAX_PER_ARTICLE)) r.status = 'queued';
      if (candidates.length > this.config.AUTO_QUEUE_MAX_PER_ARTICLE) {
        this.log.log(
          `article ${article.id}: ${candidates.length} claims reach the queue cut-off ${queueScore}; queued the best ${this.config.AUTO_QUEUE_MAX_PER_ARTICLE}`,
        );
      }
      all.push(...rows);
    }
    const inserted = await this.claims.insertWithEvents(em, all, items[0]?.queueScore ?? this.config.AUTO_QUEUE_SCORE);
    if (this.config.MATCHING_ENABLED) {
      const toMatch = items.flatMap(({ article }) =>
        inserted
          .filter((c) => c.articleId === article.id)
          .sort((a, b) => b.priority - a.priority)
          .slice(0, this.config.MATCH_MAX_PER_ARTICLE),
      );
      await this.matchNew(em, toMatch);
    }
    // Announced once matching is done: a claim found to be a repeat is `claim.duplicate` (its transition), not queued.
    await this.outbox.record(
      em,
      inserted
        .filter((c) => c.status === 'queued')
        .map((c) => ({ event: 'claim.queued' as const, data: { claim: webhookClaim(c), previousStatus: null } })),
    );
    return items.map(({ article }) => {
      const mine = inserted.filter((c) => c.articleId === article.id);
      return { inserted: mine, queued: mine.filter((c) => c.status === 'queued') };
    });
  }

  /**
   * Matches new claims (in the order given) against earlier ones, in one candidate query for all of them: at
   * MATCH_DUPLICATE_THRESHOLD or above, with the same quantities, a claim is a repeat (status `duplicate`, linked
   * to the original, never queued); from MATCH_SUGGEST_THRESHOLD the links are suggested (`claim_matches` rows and `match_suggested`
   * events, each written in one statement for the batch). A claim found to be a repeat is no candidate for the
   * claims after it. Runs in the caller's transaction (the one that inserted the claims).
   */
  async matchNew(em: EntityManager, claims: Claim[]): Promise<void> {
    if (!claims.length) return;
    const ranking = await this.pipelineMatcher.rankMany(em, claims);
    const repeats = new Set<string>();
    const links: { claimId: string; otherId: string; score: number; status: 'confirmed' | 'suggested' }[] = [];
    const events: { claimId: string; type: string; data: Record<string, unknown> }[] = [];
    for (const [i, claim] of claims.entries()) {
      const ranked = ranking.rank(i, repeats);
      const best = ranked[0];
      const repeat =
        best &&
        best.score >= this.config.MATCH_DUPLICATE_THRESHOLD &&
        sameFigures(claim.quantities, ranking.quantities(best.id));
      if (repeat) {
        links.push({ claimId: claim.id, otherId: best.id, score: best.score, status: 'confirmed' });
        await this.transition(em, claim, 'mark_duplicate', SYSTEM_ACTOR, {
          set: { originalId: best.id },
          data: { originalId: best.id, score: best.score },
        });
        repeats.add(claim.id);
        continue;
      }
      for (const m of ranked.filter((r) => r.score >= this.config.MATCH_SUGGEST_THRESHOLD)) {
        links.push({ claimId: claim.id, otherId: m.id, score: m.score, status: 'suggested' });
        events.push({ claimId: claim.id, type: 'match_suggested', data: { otherId: m.id, score: m.score } });
      }
    }
    await this.matches.insertLinks(em, links);
    await this.claims.appendEvents(em, events);
  }

  /**
   * The one way a claim changes status. `claim` is the row the caller locked with `lock` in this same
   * transaction (no second read): checks the move against the transition table and the caller's
   * expected version, writes the claim and its event, and returns the claim as it now is.
   */
  async transition(
    em: EntityManager,
    claim: Claim,
    action: ClaimAction,
    actor: Actor,
    opts: TransitionOptions = {},
  ): Promise<Claim> {
    if (!mayTransition(action, actor)) throw new ForbiddenError(`${actor.role} may not ${action} a claim`);
    await this.users.assertCurrent(em, actor);
    const claimId = claim.id;
    const refusal = refuseTransition(action, claim.status);
    if (refusal) throw new ConflictError(refusal);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== claim.version) {
      throw new ConflictError(
        `stale version: claim ${claimId} is at version ${claim.version}, not ${opts.expectedVersion}`,
      );
    }
    const to = TRANSITIONS[action].to;
    const from = claim.status;
    const updatedAt = await this.claims.updateGuarded(em, claimId, claim.version, { status: to, ...opts.set });
    if (!updatedAt) throw new ConflictError(`claim ${claimId} changed concurrently; reload and retry`);
    await this.claims.appendEvent(em, {
      claimId,
      type: opts.eventType ?? action,
      fromStatus: claim.status,
      toStatus: to,
      actorId: actor.id,
      data: opts.data ?? {},
    });
    const changed = Object.assign(claim, { status: to, version: claim.version + 1, updatedAt, ...opts.set });
    const event = opts.webhookEvent !== undefined ? opts.webhookEvent : webhookEventOf(action, opts.eventType, to);
    if (event) {
      await this.outbox.record(em, [
        {
          event,
          data: {
            claim: webhookClaim(changed),
            previousStatus: from,
            actorId: actor.id,
            change: { type: opts.eventType ?? action, ...opts.data, ...opts.webhookData },
          },
        },
      ]);
    }
    return changed;
  }

  async queue(id: string, actor: Actor, version?: number): Promise<ClaimView> {
    const claim = await this.db.transaction(async (em) =>
      this.transition(em, await this.lock(em, id), 'queue', actor, { expectedVersion: version }),
    );
    await this.requestAssignment([claim]);
    return toClaimView(claim);
  }

  async dismiss(id: string, actor: Actor, reason: string, version?: number): Promise<ClaimView> {
    const claim = await this.db.transaction(async (em) =>
      this.transition(em, await this.lock(em, id), 'dismiss', actor, { expectedVersion: version, data: { reason } }),
    );
    return toClaimView(claim);
  }

  /** Bulk triage: each claim on its own (see eachOnItsOwn). */
  async bulk(ids: string[], action: 'queue' | 'dismiss', actor: Actor, reason?: string): Promise<BulkResult[]> {
    const queued: Claim[] = [];
    const results = await eachOnItsOwn(ids, async (id) => {
      const c = await this.db.transaction(async (em) =>
        this.transition(em, await this.lock(em, id), action, actor, { data: reason ? { reason } : {} }),
      );
      if (c.status === 'queued') queued.push(c);
      return c;
    });
    await this.requestAssignment(queued);
    return results;
  }

  /** After commit: ask the assignment worker for a reviewer. Best effort: the sweeper re-drives. */
  async requestAssignment(claims: Pick<Claim, 'id' | 'version' | 'priority'>[]): Promise<void> {
    try {
      await this.jobs.enqueueMany(
        'assign-claim',
        claims.map((c) => ({ claimId: c.id, version: c.version, priority: c.priority })),
        (p) => queueRank(p.priority),
      );
    } catch (err) {
      this.log.warn(`could not enqueue ${claims.length} assignment job(s): ${(err as Error).message}`);
    }
  }

  /** The claim's match links both ways (404 for a claim the viewer may not read). */
  async matchesOf(id: string, viewer: Actor): Promise<MatchView[]> {
    await this.require(id, viewer);
    return (await this.matches.linksOf(this.db.manager, id)).map((l) => toMatchView(id, l));
  }

  /**
   * An editor confirms a suggested link: the later claim becomes a `duplicate` of the earlier one (status guards
   * apply: a claim already in review is not a repeat to drop, 409). Rejecting keeps both claims as they are.
   */
  async decideMatch(id: string, otherId: string, decision: 'confirm' | 'reject', actor: Actor): Promise<MatchView> {
    return this.db.transaction(async (em) => {
      const claim = await this.lock(em, id);
      const link = await this.matches.lockLink(em, id, otherId);
      if (!link) throw new NotFoundError('match', `${id}/${otherId}`);
      if (link.status !== 'suggested') throw new ConflictError(`the match is ${link.status} already`);
      const later = link.claim_id === id ? claim : await this.lock(em, link.claim_id);
      if (decision === 'confirm') {
        await this.transition(em, later, 'mark_duplicate', actor, {
          set: { originalId: link.other_id },
          eventType: 'match_confirmed',
          data: { originalId: link.other_id, score: link.score },
        });
      } else {
        if (!mayTransition('mark_duplicate', actor)) throw new ForbiddenError(`${actor.role} may not reject a match`);
        await this.users.assertCurrent(em, actor);
        await this.claims.appendEvent(em, {
          claimId: later.id,
          type: 'match_rejected',
          actorId: actor.id,
          data: { otherId: link.other_id, score: link.score },
        });
      }
      return toMatchView(id, await this.matches.setStatus(em, link, decision === 'confirm' ? 'confirmed' : 'rejected'));
    });
  }

  /** The confirmed repeats of a claim (status `duplicate`, `originalId` = id), oldest first. */
  findRepeatsOf(id: string): Promise<Claim[]> {
    return this.claims.findRepeatsOf(id);
  }

  findQueued(limit: number) {
    return this.claims.findQueuedIds(limit);
  }
}

/** The claim as a webhook payload shows it. */
function webhookClaim(c: Claim) {
  return {
    id: c.id,
    articleId: c.articleId,
    text: c.text,
    status: c.status,
    version: c.version,
    priority: c.priority,
    language: c.language,
    topic: c.topic,
    assigneeId: c.assigneeId,
    dueAt: c.dueAt ? c.dueAt.toISOString() : null,
    originalId: c.originalId,
  };
}
