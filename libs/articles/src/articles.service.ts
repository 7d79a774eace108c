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
import { ArticlesRepository, InsertedArticle, NewArticle } from './articles.repository';
import { newArticle, storedArticle } from './new-article';
import { readArticleInput } from './article-input';
import { articleViewFor, ArticleView, toArticleView } from './article.views';
import { detectLanguage } from './language';
import { bodyHash } from './normalize';
import { parseRawArticle } from './raw-article.parser';
import { canonicalUrl } from './canonical-url';
import { extractHtmlArticle, HtmlArticle } from './html-article';

/** The longest article text stored (the API's limit on `body`). */
export const MAX_ARTICLE_CHARS = 200_000;
/** The language of an article posted as a URL until its page is read (ISO 639-2 "undetermined"). */
export const UNDETERMINED = 'und';

export interface IngestInput {
  body: string;
  title?: string;
  url?: string;
  source?: string;
  byline?: string;
  publishedAt?: string;
  language?: string;
  topic?: string;
}

/** An article to fetch (`url` only) or already at hand as HTML (`html`). */
export type IngestUrlInput = Omit<IngestInput, 'body' | 'url'> & { url: string };
export type IngestHtmlInput = Omit<IngestInput, 'body'> & { html: string };

/** What became of one item of an import or a bulk request. */
export type BulkItemResult =
  | { index: number; status: 'created'; id: string }
  | { index: number; status: 'duplicate'; id: string | null }
  | { index: number; status: 'invalid'; error: string };

export interface IngestResult {
  article: ArticleView;
  /** False when the same article (url or normalized body) was already there. */
  created: boolean;
}

type Run = { article: Article; stalls: number } | null;
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
  private readonly inserts = new Coalescer<NewArticle, InsertedArticle | null>((rows) => this.insertNew(rows), {
    maxBatch: 64,
    inFlight: 3,
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
    const url = input.url ? canonicalUrl(input.url) : null;
    if (input.url && !url) throw new InvalidError('url', 'must be an http(s) URL');
    const row = newArticle({ ...input, body, url: url ?? undefined }, actor);
    const inserted = actor.id && actor.role !== 'system' ? await this.inserts.call(row) : null;
    if (inserted) return { article: toArticleView(storedArticle(row, inserted)), created: true };
    return this.ingestAlone(row, actor);
  }

  /** One upload on its own: a repeat, a race lost within a batch, a caller no longer current (401), the CLI. */
  private async ingestAlone(row: NewArticle, actor: Actor): Promise<IngestResult> {
    await this.users.assertCurrent(this.db.manager, actor);
    const [inserted] = await this.insertNew([row]);
    if (inserted) return { article: toArticleView(storedArticle(row, inserted)), created: true };
    // The same url or normalized body is stored already (or won a race with this upload): answer with it.
    const winner = await this.articles.findDuplicate(row.url, row.bodyHash);
    if (!winner) throw new Error('article insert conflicted but no duplicate was found');
    return { article: toArticleView(winner), created: false };
  }

  /**
   * The one insert of new articles with their text (coalesced uploads, bulk requests, imports): one statement,
   * then one enqueue of their extraction. Per row, what was inserted, or null: a duplicate of a stored article or
   * of an earlier row, or its author is no longer current.
   */
  private async insertNew(rows: NewArticle[]): Promise<(InsertedArticle | null)[]> {
    const inserted = await this.articles.insertMany(rows, (id, token) => this.users.currentActorCondition(id, token));
    await this.requestExtraction(inserted.map((a) => a.id));
    const key = (r: { bodyHash: string; url: string | null; createdBy: string | null }) =>
      `${r.bodyHash} ${r.url ?? ''} ${r.createdBy ?? ''}`;
    const byKey = new Map(inserted.map((a) => [key(a), a]));
    return rows.map((r) => {
      const a = byKey.get(key(r)) ?? null;
      byKey.delete(key(r)); // a later row with the same text, url and author is a repeat of this one
      return a;
    });
  }

  /**
   * An article posted as a URL: stored at once as `fetching` (the same URL, tracking parameters aside, is the
   * same article) and fetched by the worker.
   */
  async ingestUrl(input: IngestUrlInput, actor: Actor): Promise<IngestResult> {
    const url = canonicalUrl(input.url);
    if (!url) throw new InvalidError('url', 'must be an http(s) URL');
    await this.users.assertCurrent(this.db.manager, actor);
    const existing = await this.articles.findByUrl(url);
    if (existing) return { article: toArticleView(existing), created: false };
    const inserted = await this.articles.insertUnlessDuplicate({
      title: input.title?.trim() || null,
      url,
      source: input.source?.trim() || null,
      publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
      language: input.language ?? UNDETERMINED,
      topic: input.topic?.trim().toLowerCase() || null,
      body: '',
      bodyHash: null,
      status: 'fetching',
      claimCount: 0,
      createdBy: actor.id,
    });
    if (!inserted) {
      const winner = await this.articles.findByUrl(url);
      if (!winner) throw new Error('article insert conflicted but no duplicate was found');
      return { article: toArticleView(winner), created: false };
    }
    await this.requestFetch([inserted.id]);
    return { article: toArticleView(inserted), created: true };
  }

  /** An HTML page posted as such: the article is read from it (readability) and stored like a text body. */
  ingestHtml(input: IngestHtmlInput, actor: Actor): Promise<IngestResult> {
    const { html, ...rest } = input;
    const page = extractHtmlArticle(html, input.url);
    if (!page.text) throw new InvalidError('html', 'no article text was found in the page');
    if (page.text.length > MAX_ARTICLE_CHARS) {
      throw new InvalidError('html', `the article text is longer than ${MAX_ARTICLE_CHARS} characters`);
    }
    return this.ingest(
      {
        ...rest,
        body: page.text,
        url: rest.url ?? page.canonicalUrl ?? undefined,
        title: rest.title ?? page.title ?? undefined,
        source: rest.source ?? page.siteName ?? undefined,
        byline: page.byline ?? undefined,
        publishedAt: rest.publishedAt ?? page.publishedAt?.toISOString(),
        language: rest.language ?? page.language ?? undefined,
      },
      actor,
    );
  }

  /** `POST /v1/articles/bulk`: at most BULK_MAX_ARTICLES items, each reported. */
  async ingestBulk(items: unknown[], actor: Actor) {
    const max = this.config.BULK_MAX_ARTICLES;
    if (items.length > max) throw new InvalidError('items', `at most ${max} articles per request`);
    const results = await this.ingestMany(items, actor);
    const count = (s: BulkItemResult['status']) => results.filter((r) => r.status === s).length;
    return { items: results, created: count('created'), duplicate: count('duplicate'), invalid: count('invalid') };
  }

  /**
   * Many articles at once (import, bulk POST): each is checked on its own, the valid ones are inserted in one
   * statement (duplicates, also within the batch, skipped by the unique indexes) and the new ones queued for
   * extraction. `actor` is null for the CLI. The results are in the order of `items`.
   */
  async ingestMany(items: unknown[], actor: Actor | null): Promise<BulkItemResult[]> {
    if (actor) await this.users.assertCurrent(this.db.manager, actor);
    const results: BulkItemResult[] = new Array<BulkItemResult>(items.length);
    const rows: NewArticle[] = [];
    const indexes: number[] = [];
    items.forEach((raw, index) => {
      const read = readArticleInput(raw);
      if ('error' in read) results[index] = { index, status: 'invalid', error: read.error };
      else {
        rows.push(newArticle(read.input, actor));
        indexes.push(index);
      }
    });
    const inserted = await this.insertNew(rows);
    const duplicates: { row: NewArticle; index: number }[] = [];
    inserted.forEach((a, i) => {
      const index = indexes[i];
      if (a) results[index] = { index, status: 'created', id: a.id };
      else duplicates.push({ row: rows[i], index });
    });
    if (duplicates.length) {
      const existing = await this.articles.findExisting(
        duplicates.map((d) => d.row.bodyHash),
        duplicates.flatMap((d) => (d.row.url ? [d.row.url] : [])),
      );
      for (const { row, index } of duplicates) {
        const same = existing.find(
          (e) => e.body_hash === row.bodyHash || (row.url && (e.url === row.url || e.canonical_url === row.url)),
        );
        results[index] = { index, status: 'duplicate', id: same?.id ?? null };
      }
    }
    return results;
  }

  /** Counts a fetch run; null when the article is no longer `fetching`. */
  beginFetch(articleId: string): Promise<{ article: Article; attempts: number } | null> {
    return this.articles.beginFetch(articleId);
  }

  /**
   * Stores a fetched page's article and asks for its extraction. When the text or the canonical URL is another
   * article's, this one ends `failed`, naming the other.
   */
  async storeFetched(
    article: Article,
    page: HtmlArticle,
    finalUrl: string,
  ): Promise<{ stored: true } | { failed: string } | null> {
    const body = page.text.trim();
    if (!body) return this.failFetch(article.id, 'no article text was found on the page');
    if (body.length > MAX_ARTICLE_CHARS) {
      return this.failFetch(article.id, `the article text is longer than ${MAX_ARTICLE_CHARS} characters`);
    }
    const hash = bodyHash(body);
    const canonical = page.canonicalUrl ?? canonicalUrl(finalUrl);
    try {
      const stored = await this.articles.storeFetched(article.id, {
        body,
        bodyHash: hash,
        canonicalUrl: canonical,
        byline: page.byline,
        title: article.title ?? page.title,
        source: article.source ?? page.siteName ?? new URL(finalUrl).hostname,
        publishedAt: article.publishedAt ?? page.publishedAt,
        language: article.language !== UNDETERMINED ? article.language : (page.language ?? detectLanguage(body)),
      });
      if (!stored) return null;
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      const other = await this.articles.findDuplicate(canonical, hash);
      return this.failFetch(
        article.id,
        `the same article as ${other?.id ?? 'another one'} (same text or canonical URL)`,
      );
    }
    await this.requestExtraction([article.id]);
    return { stored: true };
  }

  /** The page could not be had: `reason` is shown through the API. */
  async failFetch(articleId: string, reason: string): Promise<{ failed: string }> {
    await this.articles.markFetchFailed(articleId, reason);
    return { failed: reason };
  }

  async requestFetch(ids: string[]): Promise<void> {
    try {
      await this.jobs.enqueueMany(
        'fetch-article',
        ids.map((articleId) => ({ articleId })),
      );
    } catch (err) {
      this.log.warn(`could not enqueue the fetch of ${ids.length} article(s): ${(err as Error).message}`);
    }
  }

  findFetching(olderThan: Date, limit: number): Promise<string[]> {
    return this.articles.findFetchingIds(olderThan, limit);
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
