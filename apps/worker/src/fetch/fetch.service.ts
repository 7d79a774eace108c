import { Injectable, Logger } from '@nestjs/common';
import { ArticlesService, extractHtmlArticle } from '@claimdesk/articles';
import { OutboundError, OutboundFetcher } from '@claimdesk/outbound';

/** Runs of one fetch (retries and stalls together) before the article ends `failed`: BullMQ's 5 attempts and 2 stalls. */
export const MAX_FETCH_RUNS = 7;

export type FetchOutcome = { stored: true } | { failed: string } | null;

/**
 * Failures worth another try (the network, DNS, a server in trouble); the rest end the article at once: a
 * refusal, a 404, a wrong content type or an oversize page will be the same next time, and a timeout would spend
 * the same budget again.
 */
export function isTransient(err: OutboundError): boolean {
  if (err.code === 'network' || err.code === 'dns' || err.code === 'connect-timeout') return true;
  return err.code === 'http-status' && (err.status === 429 || (err.status ?? 0) >= 500);
}

/** The fetch job: the page through the SSRF guard, its article through readability, then extraction as usual. */
@Injectable()
export class FetchService {
  private readonly log = new Logger(FetchService.name);

  constructor(
    private readonly articles: ArticlesService,
    private readonly fetcher: OutboundFetcher,
  ) {}

  async fetch(articleId: string): Promise<FetchOutcome> {
    const run = await this.articles.beginFetch(articleId);
    if (!run) return null; // fetched or failed already
    const { article, attempts } = run;
    if (attempts > MAX_FETCH_RUNS) {
      return this.articles.failFetch(articleId, `fetch failed: ${attempts - 1} runs did not finish`);
    }
    let page;
    try {
      page = await this.fetcher.fetchPage(article.url!);
    } catch (err) {
      if (!(err instanceof OutboundError)) throw err;
      if (isTransient(err)) throw err; // retried by BullMQ; the last attempt fails the article (endedWithError)
      this.log.warn(`fetch of ${article.url} for ${articleId} failed: ${err.code} ${err.message}`);
      return this.articles.failFetch(articleId, reason(err));
    }
    return this.articles.storeFetched(article, extractHtmlArticle(page.text, page.url), page.url);
  }

  /** Called by the processor when a run threw: after the last attempt the article ends `failed`. */
  async endedWithError(articleId: string, err: Error, final: boolean): Promise<void> {
    if (!final) return;
    this.log.error(`fetch of ${articleId} failed for good: ${err.message}`);
    await this.articles.failFetch(articleId, err instanceof OutboundError ? reason(err) : 'fetch failed');
  }
}

function reason(err: OutboundError): string {
  return `fetch failed (${err.code}): ${err.message}`;
}
