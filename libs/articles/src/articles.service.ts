import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Coalescer, decodeCursor, InvalidError, NotFoundError, Page, toPage } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { ClaimsService } from '@claimdesk/claims';
import type { ExtractedClaim } from '@claimdesk/extraction';
import { JobProducer } from '@claimdesk/queue';
import { ReviewerPoolService, UsersService } from '@claimdesk/users';
import { Article } from './article.entity';
import { ArticlesRepository } from './articles.repository';
import { articleViewFor, ArticleView, toArticleView } from './article.views';
import { detectLanguage } from './language';
import { bodyHash } from './normalize';
import { parseRawArticle } from './raw-article.parser';

export interface IngestInput {
  body: string;
  title?: string;
  url?: string;
  source?: string;
  publishedAt?: string;
  language?: string;
  topic?: string;
}

export interface IngestResult {
  article: ArticleView;
  /** False when the same article (url or normalized body) was already there. */
  created: boolean;
}

type Run = { article: Article; stalls: number } | null;
type NewArticle = Omit<
  Article,
  'id' | 'createdAt' | 'updatedAt' | 'error' | 'extractionStartedAt' | 'extractionStalls'
> & {
  tokenHash: string | null;
};
type Stored = { claims: number; queued: number } | null;

/**
 * The worker's extraction jobs in flight share round trips: run marks made together are one UPDATE, and stores
 * made together are one transaction (one claims insert, one status update) and one enqueue of assignment jobs.
 */
const BATCH = { maxBatch: 64, inFlight: 2 };

@Injectable()
export class ArticlesService {
  private readonly log = new Logger(ArticlesService.name);
  private readonly runs = new Coalescer<string, Run>(async (ids) => {
    const found = await this.articles.beginRuns(ids);
    return ids.map((id) => found.get(id) ?? null);
  }, BATCH);
  private readonly inserts = new Coalescer<NewArticle, Article | null>((rows) => this.insertMany(rows), {
    maxBatch: 32,
    inFlight: 2,
  });
  private readonly stores = new Coalescer<
    { articleId: string; extracted: ExtractedClaim[]; queueScore?: number },
    Stored
  >((items) => this.storeMany(items), BATCH);

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly claims: ClaimsService,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly reviewers: ReviewerPoolService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** A raw upload (text/plain): title, source and date come from its header lines. */
  ingestRaw(text: string, actor: Actor): Promise<IngestResult> {
    const raw = parseRawArticle(text);
    if (!raw.body) throw new InvalidError('body', 'the text has no body after its header lines');
    return this.ingest(
      {
        body: raw.body,
        title: raw.title ?? undefined,
        source: raw.source ?? undefined,
        publishedAt: raw.publishedAt?.toISOString(),
      },
      actor,
    );
  }

  /**
   * Stores the article once (idempotent on url and normalized body) and asks for its extraction. Concurrent
   * uploads share one multi-row insert (which also checks, row by row, that the caller is still current: the body
   * may have taken long to arrive) and one enqueue; an upload the insert left out takes the slow path alone.
   */
  async ingest(input: IngestInput, actor: Actor): Promise<IngestResult> {
    const body = input.body.trim();
    if (!body) throw new InvalidError('body', 'must not be empty');
    const row: NewArticle = {
      title: input.title?.trim() || null,
      url: input.url ?? null,
      source: input.source?.trim() || null,
      publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
      language: input.language ?? detectLanguage(body),
      topic: input.topic?.trim().toLowerCase() || null,
      body,
      bodyHash: bodyHash(body),
      status: 'received',
      claimCount: 0,
      createdBy: actor.id,
      tokenHash: actor.role === 'system' ? null : (actor.tokenHash ?? null),
    };
    const inserted = actor.id && actor.role !== 'system' ? await this.inserts.call(row) : null;
    if (inserted) return { article: toArticleView(inserted), created: true };
    return this.ingestAlone(row, actor);
  }

  /** One upload on its own: a repeat, a race lost within a batch, a caller no longer current (401), the CLI. */
  private async ingestAlone(row: NewArticle, actor: Actor): Promise<IngestResult> {
    await this.users.assertCurrent(this.db.manager, actor);
    const { tokenHash: _tokenHash, ...values } = row;
    const inserted = await this.articles.insertUnlessDuplicate(values);
    if (!inserted) {
      // The same url or normalized body is stored already (or won a race with this upload): answer with it.
      const winner = await this.articles.findDuplicate(row.url, row.bodyHash);
      if (!winner) throw new Error('article insert conflicted but no duplicate was found');
      return { article: toArticleView(winner), created: false };
    }
    await this.requestExtraction([inserted.id]);
    return { article: toArticleView(inserted), created: true };
  }

  /** The batch behind ingest: the new row of each upload (by body hash, first upload first), or null. */
  private async insertMany(rows: NewArticle[]): Promise<(Article | null)[]> {
    const inserted = await this.articles.insertManyUnlessDuplicate(rows, (id, token) =>
      this.users.currentActorCondition(id, token),
    );
    await this.requestExtraction(inserted.map((a) => a.id));
    const byHash = new Map(inserted.map((a) => [a.bodyHash, a]));
    return rows.map((r) => {
      const a = byHash.get(r.bodyHash) ?? null;
      byHash.delete(r.bodyHash); // a second upload of the same body in this batch is a repeat
      return a;
    });
  }

  /** The article; without its body for a reviewer (see articleViewFor). */
  async get(id: string, viewer?: Actor) {
    const a = await this.articles.findById(id);
    if (!a) throw new NotFoundError('article', id);
    return articleViewFor(viewer, a);
  }

  findHeader(id: string) {
    return this.articles.findHeader(id);
  }

  /** The article's header and the part of its body around the UTF-16 range [start, end), `margin` on each side. */
  findWithExcerpt(id: string, start: number, end: number, margin: number) {
    return this.articles.findWithExcerpt(id, start, end, margin);
  }

  async list(
    limit: number,
    cursor?: string,
    status?: string,
    viewer?: Actor,
  ): Promise<Page<ArticleView | Omit<ArticleView, 'body'>>> {
    return toPage(await this.articles.findPage(decodeCursor(cursor), limit, status), limit, (a) =>
      articleViewFor(viewer, a),
    );
  }

  /**
   * Starts an extraction run: marks it on the article and counts a stall when the previous run never ended
   * (its mark is still set). Null when the article is no longer `received` (extracted or failed already).
   */
  async beginExtraction(articleId: string): Promise<{ article: Article; stalls: number } | null> {
    return this.runs.call(articleId);
  }

  /**
   * Stores what the extractor found and the article's new status in one transaction. Idempotent: an article
   * no longer `received` is left alone. Queued claims get their assignment jobs after commit.
   */
  async storeExtraction(
    articleId: string,
    extracted: ExtractedClaim[],
    queueScore?: number,
  ): Promise<{ claims: number; queued: number } | null> {
    return this.stores.call({ articleId, extracted, queueScore });
  }

  /** storeExtraction for the articles of a batch, together (an article listed twice is stored once). */
  private async storeMany(
    items: { articleId: string; extracted: ExtractedClaim[]; queueScore?: number }[],
  ): Promise<Stored[]> {
    const stored = await this.db.transaction(async (em) => {
      const locked = await this.articles.lockReceived(
        em,
        items.map((i) => i.articleId),
      );
      const byId = new Map(items.map((i) => [i.articleId, i]));
      const results = await this.claims.insertExtractedMany(
        em,
        locked.map((article) => ({
          article,
          extracted: byId.get(article.id)!.extracted,
          queueScore: byId.get(article.id)!.queueScore,
        })),
      );
      await this.articles.markExtracted(
        em,
        locked.map((a, i) => ({ id: a.id, claimCount: results[i].inserted.length })),
      );
      return new Map(locked.map((a, i) => [a.id, results[i]]));
    });
    // Nobody with room (the usual case while a backlog waits): no jobs, as each would find nobody. The look is
    // after commit, so a reviewer who gets room later is sent a fill job that sees these claims.
    const queued = [...stored.values()].flatMap((r) => r.queued);
    if (queued.length && (await this.reviewers.anyWithRoom(this.db.manager)))
      await this.claims.requestAssignment(queued);
    const answered = new Set<string>();
    return items.map(({ articleId }) => {
      const r = stored.get(articleId);
      if (!r || answered.has(articleId)) return null;
      answered.add(articleId);
      return { claims: r.inserted.length, queued: r.queued.length };
    });
  }

  /** A run ended on an error that will be retried: not a stall. */
  async endExtractionRun(articleId: string): Promise<void> {
    await this.articles.endRun(articleId);
  }

  /** The article will not be extracted: `reason` is shown through the API, so callers keep it generic. */
  async markFailed(articleId: string, reason: string): Promise<void> {
    await this.articles.markFailed(articleId, reason);
  }

  async requestExtraction(ids: string[]): Promise<void> {
    try {
      await this.jobs.enqueueMany(
        'extract-article',
        ids.map((articleId) => ({ articleId })),
      );
    } catch (err) {
      this.log.warn(`could not enqueue extraction of ${ids.length} article(s): ${(err as Error).message}`);
    }
  }

  findWaiting(olderThan: Date, limit: number): Promise<string[]> {
    return this.articles.findReceivedIds(olderThan, limit);
  }
}
