import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { isDatabaseUnavailable } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { observeJob, withLogContext } from '@claimdesk/observability';
import { JobPayloads, QUEUES } from '@claimdesk/queue';
import type { DeadlineCheck } from '@claimdesk/review';
import { ExtractionService } from '../extraction/extraction.service';
import { FetchService } from '../fetch/fetch.service';
import { JobHandlers } from '../job-handlers.service';

/**
 * Job locks: a live worker renews its locks every 5 s; a killed worker's jobs are found stalled and run again
 * within about 15 s (BullMQ's defaults, 30 s and 30 s, left work waiting a minute after a kill -9).
 */
const LOCKS = { lockDuration: 10_000, stalledInterval: 5_000 };

export type JobOutcome = 'completed' | 'delayed' | 'retrying' | 'failed';

/**
 * Shared body of the processors: one per queue, each dispatching by job name (`handle`). Every job runs in a log
 * context (queue, job id, attempt: on every line it writes) and ends with one line naming its outcome and duration.
 */
abstract class DispatchingProcessor extends WorkerHost implements OnModuleInit {
  private readonly jobLog = new Logger('Job');

  constructor(
    protected readonly handlers: JobHandlers,
    protected readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const attempt = job.attemptsMade + 1;
    return withLogContext({ queue: job.queueName, jobId: job.id, attempt }, async () => {
      const started = performance.now();
      const end = (outcome: JobOutcome, err?: Error) => {
        const ms = performance.now() - started;
        observeJob(job.queueName, job.name, outcome, ms / 1000);
        const line = { job: job.name, outcome, durationMs: Math.round(ms * 100) / 100 };
        if (outcome === 'failed') this.jobLog.error({ ...line, error: err?.message });
        else if (outcome === 'retrying') this.jobLog.warn({ ...line, error: err?.message });
        else this.jobLog.log(line);
      };
      try {
        const result = await this.handle(job, token);
        end('completed');
        return result;
      } catch (err) {
        if (err instanceof DelayedError) end('delayed');
        else end(attempt >= (job.opts.attempts ?? 1) ? 'failed' : 'retrying', err as Error);
        throw err;
      }
    });
  }

  protected handle(job: Job, _token?: string): Promise<unknown> {
    return this.handlers.run(job.name, job.data);
  }
}

@Processor(QUEUES.extraction, LOCKS)
export class ExtractionProcessor extends DispatchingProcessor {
  private readonly log = new Logger(ExtractionProcessor.name);

  constructor(
    handlers: JobHandlers,
    config: AppConfig,
    private readonly extraction: ExtractionService,
  ) {
    super(handlers, config);
  }

  /** Its own concurrency, so slow articles never take the other queues' slots; the pool queues beyond its threads. */
  onModuleInit(): void {
    this.worker.concurrency = this.config.EXTRACTION_CONCURRENCY;
  }

  /**
   * Timeouts and stalls end the article inside the job (ExtractionService). Any other error is retried; after the
   * last retry the article is marked failed, so it is not swept forever.
   */
  protected async handle(job: Job<JobPayloads['extract-article']>): Promise<unknown> {
    try {
      return await super.handle(job);
    } catch (err) {
      // An outage is no fault of the article: it stays `received` and the sweeper re-drives it once PostgreSQL is back.
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) && !isDatabaseUnavailable(err);
      await this.extraction.endedWithError(job.data.articleId, err as Error, final).catch((e) => {
        this.log.warn(`could not record the end of extraction ${job.data.articleId}: ${(e as Error).message}`);
      });
      if (final) return null;
      throw err;
    }
  }
}

@Processor(QUEUES.assignment, LOCKS)
export class AssignmentProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }
}

@Processor(QUEUES.deadlines, LOCKS)
export class DeadlineProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }

  /**
   * A check that ran before the due time puts this same job back, delayed until then. A new job could not do it:
   * it would carry the same deterministic id as the one running, and BullMQ would drop it as a duplicate.
   */
  protected async handle(job: Job, token?: string): Promise<unknown> {
    const result = (await super.handle(job)) as DeadlineCheck;
    if (result.outcome !== 'pending') return result;
    await job.moveToDelayed(result.dueAt.getTime(), token);
    throw new DelayedError();
  }
}

@Processor(QUEUES.maintenance, LOCKS)
export class MaintenanceProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }
}

@Processor(QUEUES.fetch, LOCKS)
export class FetchProcessor extends DispatchingProcessor {
  private readonly log = new Logger(FetchProcessor.name);

  constructor(
    handlers: JobHandlers,
    config: AppConfig,
    private readonly fetches: FetchService,
  ) {
    super(handlers, config);
  }

  /** Fetches wait on the network, not the CPU: their own concurrency. */
  onModuleInit(): void {
    this.worker.concurrency = this.config.FETCH_CONCURRENCY;
  }

  /** Transient failures are retried; after the last attempt the article ends `failed` with the last reason. */
  async process(job: Job<JobPayloads['fetch-article']>): Promise<unknown> {
    try {
      return await super.process(job);
    } catch (err) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) && !isDatabaseUnavailable(err);
      await this.fetches.endedWithError(job.data.articleId, err as Error, final).catch((e) => {
        this.log.warn(`could not record the end of fetch ${job.data.articleId}: ${(e as Error).message}`);
      });
      if (final) return null;
      throw err;
    }
  }
}

@Processor(QUEUES.sources, LOCKS)
export class SourcesProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }

  /** Polls wait on the network: the fetch concurrency. A failed poll is recorded and backed off, never thrown. */
  onModuleInit(): void {
    this.worker.concurrency = this.config.FETCH_CONCURRENCY;
  }
}

@Processor(QUEUES.webhooks, LOCKS)
export class WebhookProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }

  /** Deliveries wait on receivers, not the CPU: their own concurrency. */
  onModuleInit(): void {
    this.worker.concurrency = this.config.WEBHOOK_CONCURRENCY;
  }
}
