import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { ArticlesService } from '@claimdesk/articles';
import { isDatabaseUnavailable } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { QUEUES } from '@claimdesk/queue';
import type { DeadlineCheck } from '@claimdesk/review';
import { JobHandlers } from '../job-handlers.service';

/** Shared body of the processors: one per queue, each dispatching by job name. */
abstract class DispatchingProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    protected readonly handlers: JobHandlers,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    return this.handlers.run(job.name, job.data);
  }
}

@Processor(QUEUES.extraction)
export class ExtractionProcessor extends DispatchingProcessor {
  private readonly log = new Logger(ExtractionProcessor.name);

  constructor(handlers: JobHandlers, config: AppConfig, private readonly articles: ArticlesService) {
    super(handlers, config);
  }

  /** After the last retry, the article is marked failed in Postgres so it is not swept forever. */
  async process(job: Job): Promise<unknown> {
    try {
      return await super.process(job);
    } catch (err) {
      // An outage is no fault of the article: it stays `received` and the sweeper re-drives it once PostgreSQL is back.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1) && !isDatabaseUnavailable(err)) {
        this.log.error(`extraction of ${job.data.articleId} failed for good: ${(err as Error).message}`);
        await this.articles.markFailed(job.data.articleId, (err as Error).message);
        return null;
      }
      throw err;
    }
  }
}

@Processor(QUEUES.assignment)
export class AssignmentProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }
}

@Processor(QUEUES.deadlines)
export class DeadlineProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }

  /**
   * A check that ran before the due time puts this same job back, delayed until then. A new job could not do it:
   * it would carry the same deterministic id as the one running, and BullMQ would drop it as a duplicate.
   */
  async process(job: Job, token?: string): Promise<unknown> {
    const result = (await super.process(job)) as DeadlineCheck;
    if (result.outcome !== 'pending') return result;
    await job.moveToDelayed(result.dueAt.getTime(), token);
    throw new DelayedError();
  }
}

@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends DispatchingProcessor {
  constructor(handlers: JobHandlers, config: AppConfig) {
    super(handlers, config);
  }
}
