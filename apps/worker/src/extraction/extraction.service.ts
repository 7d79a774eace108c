import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ArticlesService } from '@claimdesk/articles';
import { AppConfig } from '@claimdesk/config';
import { EncoderThreadClient } from '@claimdesk/encoder';
import { Stage2Model } from '@claimdesk/extraction';
import { ExtractionPool, ExtractionTimeoutError } from './extraction-pool';

/** An article whose extraction was found unfinished this many times (worker killed, job lost) ends `failed`. */
export const MAX_STALLS = 2;

/** Generic failure reasons: the API shows these; the details go to the log. */
export const FAILURE = {
  timeout: (ms: number) => `extraction timed out (limit ${ms} ms)`,
  stalled: 'extraction stalled twice (the worker stopped or lost the job)',
  error: 'extraction failed',
};

export type ExtractionOutcome = { claims: number; queued: number } | { failed: string } | null;

/**
 * The extraction job, in the worker only (the api never loads the extractor): marks the run on the article,
 * extracts in a pool thread under EXTRACTION_TIMEOUT_MS, then stores the claims in one transaction.
 */
@Injectable()
export class ExtractionService implements OnApplicationShutdown {
  private readonly log = new Logger(ExtractionService.name);
  readonly pool: ExtractionPool;
  /** Stage 2 (null when CHECKWORTHINESS_ENCODER=off or no model file): the encoder in its own thread. */
  private readonly stage2: { model: Stage2Model; encoder: EncoderThreadClient } | null = null;
  /** The cut-off that queues a claim: CHECKWORTHY_THRESHOLD, else the one of the path that scores. */
  readonly queueScore: number;

  constructor(
    private readonly articles: ArticlesService,
    private readonly config: AppConfig,
  ) {
    this.pool = new ExtractionPool({
      size: config.EXTRACTION_THREADS,
      timeoutMs: config.EXTRACTION_TIMEOUT_MS,
      // Tests make an article hang without depending on which inputs the real extractor is slow on.
      extractorModule: config.NODE_ENV === 'test' ? process.env.EXTRACTION_TEST_MODULE || undefined : undefined,
    });
    const model = config.CHECKWORTHINESS_ENCODER === 'on' ? Stage2Model.load() : null;
    if (config.CHECKWORTHINESS_ENCODER === 'on' && !model) this.log.warn('no stage-2 model file: stage 1 only');
    if (model) this.stage2 = { model, encoder: new EncoderThreadClient() };
    this.queueScore = config.CHECKWORTHY_THRESHOLD ?? (model ? model.threshold : config.AUTO_QUEUE_SCORE);
  }

  async extract(articleId: string): Promise<ExtractionOutcome> {
    const run = await this.articles.beginExtraction(articleId);
    if (!run) return null; // extracted or failed already
    if (run.stalls >= MAX_STALLS) {
      this.log.error(`extraction of ${articleId} found unfinished ${run.stalls} times; marking it failed`);
      return this.fail(articleId, FAILURE.stalled);
    }
    const { article } = run;
    let extracted;
    try {
      extracted = await this.pool.run(
        {
          body: article.body,
          title: article.title,
          publishedAt: article.publishedAt,
          source: article.source,
          language: article.language,
        },
        { minScore: this.config.EXTRACT_MIN_SCORE },
      );
    } catch (err) {
      if (!(err instanceof ExtractionTimeoutError)) throw err;
      // Retrying would spend the same budget again on the same input: fail now.
      this.log.error(`extraction of ${articleId} (${article.body.length} chars) timed out after ${err.timeoutMs} ms`);
      return this.fail(articleId, FAILURE.timeout(err.timeoutMs));
    }
    // Stage 2 on the sentences passing the low cut; concurrent jobs' sentences share the encoder's batches.
    if (this.stage2) await this.stage2.model.rescore([extracted], this.stage2.encoder.encode);
    return this.articles.storeExtraction(articleId, extracted, this.queueScore);
  }

  /** Called by the processor when a run ended on an error: it will be retried (or failed) by BullMQ. */
  async endedWithError(articleId: string, err: Error, final: boolean): Promise<void> {
    if (final) {
      this.log.error(`extraction of ${articleId} failed for good: ${err.message}`);
      await this.fail(articleId, FAILURE.error);
    } else {
      await this.articles.endExtractionRun(articleId);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.close(), this.stage2?.encoder.close()]);
  }

  private async fail(articleId: string, reason: string): Promise<{ failed: string }> {
    await this.articles.markFailed(articleId, reason);
    return { failed: reason };
  }
}
