import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, decodeCursor, InvalidError, NotFoundError, Page, toPage } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { ClaimsService } from '@claimdesk/claims';
import type { ExtractedClaim } from '@claimdesk/extraction';
import { JobProducer } from '@claimdesk/queue';
import { UsersService } from '@claimdesk/users';
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

@Injectable()
export class ArticlesService {
  private readonly log = new Logger(ArticlesService.name);

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly claims: ClaimsService,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    private readonly users: UsersService,
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

  /** Stores the article once (idempotent on url and normalized body) and asks for its extraction. */
  async ingest(input: IngestInput, actor: Actor): Promise<IngestResult> {
    const body = input.body.trim();
    if (!body) throw new InvalidError('body', 'must not be empty');
    const hash = bodyHash(body);
    const url = input.url ?? null;
    // The body may have taken long to arrive: the caller must still be who the headers said.
    await this.users.assertCurrent(this.db.manager, actor);
    // Insert first, look for the duplicate only when the insert found one: a new article costs one round trip.

    const inserted = await this.articles.insertUnlessDuplicate({
      title: input.title?.trim() || null,
      url,
      source: input.source?.trim() || null,
      publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
      language: input.language ?? detectLanguage(body),
      topic: input.topic?.trim().toLowerCase() || null,
      body,
      bodyHash: hash,
      status: 'received',
      claimCount: 0,
      createdBy: actor.id,
    });
    if (!inserted) {
      // The same url or normalized body is stored already (or won a race with this upload): answer with it.
      const winner = await this.articles.findDuplicate(url, hash);
      if (!winner) throw new Error('article insert conflicted but no duplicate was found');
      return { article: toArticleView(winner), created: false };
    }
    await this.requestExtraction([inserted.id]);
    return { article: toArticleView(inserted), created: true };
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
    return this.articles.beginRun(articleId);
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
    const result = await this.db.transaction(async (em) => {
      const article = await this.articles.findByIdForUpdate(em, articleId);
      if (!article || article.status !== 'received') return null;
      const { inserted, queued } = await this.claims.insertExtracted(em, article, extracted, queueScore);
      await this.articles.markExtracted(em, article.id, inserted.length);
      return { inserted, queued };
    });
    if (!result) return null;
    await this.claims.requestAssignment(result.queued);
    return { claims: result.inserted.length, queued: result.queued.length };
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
