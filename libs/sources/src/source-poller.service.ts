import { Injectable, Logger } from '@nestjs/common';
import { ArticlesService, IngestResult } from '@claimdesk/articles';
import { Actor, DomainError } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { OutboundError, OutboundFetcher } from '@claimdesk/outbound';
import { JobProducer } from '@claimdesk/queue';
import { backoffSeconds } from './backoff';
import { FeedItem, looksLikeHtml, parseFeedItems, plainLength } from './feed-items';
import { ItemOutcome, SourceRow, SourcesRepository } from './sources.repository';

/** Media types a feed may come as (servers disagree); anything else fails `content-type`. */
const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
  'text/plain',
];
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

export type PollOutcome =
  | { outcome: 'skipped' }
  | { outcome: 'not-modified' }
  | { outcome: 'ok'; items: number; newItems: number; articlesCreated: number }
  | { outcome: 'error'; error: string; flagged: boolean };

/**
 * One poll of a feed: a conditional GET through the OutboundFetcher (the SSRF guard applies), the items parsed
 * with feedsmith, the new ones inserted once (unique (source_id, guid)) and made articles through
 * ArticlesService: an item with enough text becomes an article from it (HTML through readability), an item with only
 * a link goes through URL ingestion (canonical URL dedup, fetch job). A failure is recorded and backed off.
 */
@Injectable()
export class SourcePoller {
  private readonly log = new Logger(SourcePoller.name);

  constructor(
    private readonly sources: SourcesRepository,
    private readonly articles: ArticlesService,
    private readonly fetcher: OutboundFetcher,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async poll(sourceId: string): Promise<PollOutcome> {
    const source = await this.sources.beginPoll(sourceId);
    if (!source) {
      // Gone or paused while its scheduler lived on (Redis was away at the time): remove the scheduler now.
      const row = await this.sources.findById(sourceId);
      if (!row || row.status !== 'active') await this.jobs.unscheduleSourcePolls(sourceId).catch(() => undefined);
      return { outcome: 'skipped' };
    }
    const startedAt = new Date();
    const t0 = performance.now();
    const conditional = !!(source.etag || source.last_modified);
    let status: number | null = null;
    try {
      const headers: Record<string, string> = { accept: ACCEPT };
      if (source.etag) headers['if-none-match'] = source.etag;
      if (source.last_modified) headers['if-modified-since'] = source.last_modified;
      const res = await this.fetcher.fetchText(source.url, { headers, accept: FEED_TYPES, allowNotModified: true });
      status = res.status;
      const validators = { etag: header(res.headers.etag), lastModified: header(res.headers['last-modified']) };
      let feed = { title: null as string | null, items: [] as FeedItem[] };
      let newItems = 0;
      if (res.status !== 304) {
        feed = parseFeedItems(res.text);
        newItems = await this.sources.insertNewItems(source.id, feed.items);
      }
      // Pending items include any a cut-short earlier poll left behind.
      const created = await this.ingestPending(source, feed.title);
      await this.sources.endPollOk(source.id, {
        startedAt,
        durationMs: performance.now() - t0,
        status: res.status,
        conditional,
        ...validators,
        title: feed.title,
        items: feed.items.length,
        newItems,
        articlesCreated: created,
      });
      if (res.status === 304) return { outcome: 'not-modified' };
      return { outcome: 'ok', items: feed.items.length, newItems, articlesCreated: created };
    } catch (err) {
      const error = describe(err);
      status ??= err instanceof OutboundError ? (err.status ?? null) : null;
      const failures = source.consecutive_failures + 1;
      this.log.warn(`poll of source ${source.id} failed (${failures} in a row): ${error}`);
      const flagged = await this.sources.endPollFailed(source.id, {
        startedAt,
        durationMs: performance.now() - t0,
        status,
        conditional,
        error,
        backoffSeconds: backoffSeconds(source.interval_seconds, failures, this.config.SOURCE_MAX_BACKOFF_SECONDS),
        flagAfter: this.config.SOURCE_FLAG_AFTER_FAILURES,
      });
      if (flagged) this.log.error(`source ${source.id} flagged after ${failures} failed polls: ${error}`);
      return { outcome: 'error', error, flagged };
    }
  }

  /** Turns the source's pending items to articles (at most SOURCE_MAX_ITEMS_PER_POLL); the number created. */
  private async ingestPending(source: SourceRow, feedTitle: string | null): Promise<number> {
    const pending = await this.sources.findPendingItems(source.id, this.config.SOURCE_MAX_ITEMS_PER_POLL);
    // The source's creator is named on its articles; as the system acting, no token is re-checked.
    const actor: Actor = { id: source.created_by, role: 'system' };
    let created = 0;
    for (const { id, payload } of pending) {
      const { outcome, articleId, error } = await this.ingestItem(source, feedTitle ?? source.title, payload, actor);
      await this.sources.settleItem(id, outcome, articleId, error);
      if (outcome === 'created') created++;
    }
    return created;
  }

  private async ingestItem(
    source: SourceRow,
    feedTitle: string | null,
    item: FeedItem,
    actor: Actor,
  ): Promise<{ outcome: ItemOutcome; articleId: string | null; error: string | null }> {
    const common = {
      title: item.title ?? undefined,
      source: feedTitle ?? new URL(source.url).hostname,
      publishedAt: item.publishedAt ?? undefined,
      language: source.language ?? undefined,
      topic: source.topics[0],
    };
    const content = item.content;
    let result: IngestResult;
    try {
      if (content && plainLength(content) >= this.config.SOURCE_ITEM_MIN_CHARS) {
        result = looksLikeHtml(content)
          ? await this.articles.ingestHtml({ ...common, url: item.link ?? undefined, html: content }, actor)
          : await this.articles.ingest({ ...common, url: item.link ?? undefined, body: content }, actor);
      } else if (item.link) {
        result = await this.articles.ingestUrl({ ...common, url: item.link }, actor);
      } else {
        return { outcome: 'skipped', articleId: null, error: 'no link and too little text' };
      }
    } catch (err) {
      // A bad item (too long, no text) is recorded and passed over; anything else fails the poll (kept pending).
      if (err instanceof DomainError && err.code === 'invalid') {
        return { outcome: 'invalid', articleId: null, error: err.message };
      }
      throw err;
    }
    return { outcome: result.created ? 'created' : 'duplicate', articleId: result.article.id, error: null };
  }
}

function header(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.slice(0, 1000) : null;
}

function describe(err: unknown): string {
  if (err instanceof OutboundError) return `fetch failed (${err.code}): ${err.message}`;
  const e = err as Error;
  if (e?.name === 'DetectError' || e?.name === 'ParseError' || e?.name === 'MalformedError') {
    return `not a feed: ${e.message}`;
  }
  return `poll failed: ${e?.message ?? String(err)}`;
}
