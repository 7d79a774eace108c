import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ArticlesService } from '@claimdesk/articles';
import { ClaimsService } from '@claimdesk/claims';
import { AppConfig } from '@claimdesk/config';
import { JobProducer, QUEUES } from '@claimdesk/queue';
import { AssignmentService } from '@claimdesk/review';
import { SourcesService } from '@claimdesk/sources';
import { WebhookDeliveryService } from '@claimdesk/webhooks';

const BATCH = 1000;
/** What a sweep spends at most folding new claims' words into matching's lexicon (a million claims: 12 s, six sweeps). */
const FOLD_BUDGET_MS = 2000;
/** One advisory lock key per database: whichever worker holds it sweeps, the others skip that round. */
const SWEEP_LOCK = `hashtext('claimdesk:sweeper')`;
/** How often a worker checks that Redis still holds the sweeper's mark (one EXISTS). */
const WIPE_CHECK_MS = 1000;

export interface SweepCounts {
  articles: number;
  fetches: number;
  fills: number;
  deadlines: number;
  sources: number;
  webhooks: number;
}

/**
 * Re-drives from Postgres the work that has no job in Redis: articles not yet extracted, reviewers with room
 * while eligible claims wait, open assignments without a deadline job, active feed sources without a scheduler,
 * due webhook deliveries. It runs from a timer in every worker,
 * not from a BullMQ schedule (a Redis wipe deleted the schedule, and sweeping stopped for good); a PostgreSQL
 * advisory lock lets one worker of many sweep at a time. A mark key in Redis, set by each sweep, tells a worker
 * within a second that Redis was wiped or restarted empty: it sweeps at once instead of waiting for the interval.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(SweeperService.name);
  private timer: NodeJS.Timeout | undefined;
  private watch: NodeJS.Timeout | undefined;
  private running: Promise<SweepCounts | null> | null = null;
  private stopped = false;

  constructor(
    private readonly articles: ArticlesService,
    private readonly claims: ClaimsService,
    private readonly assignments: AssignmentService,
    private readonly sources: SourcesService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Earlier versions swept from a BullMQ job scheduler: remove it (best effort) so it does not sweep twice.
    await Promise.race([this.maintenance.removeJobScheduler('sweep').catch(() => false), sleep(2000)]);
    this.schedule(0);
    this.watchForWipe();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.watch);
    await this.running;
  }

  /** Sweeps now unless a sweep of this worker or, through the advisory lock, of another worker is running. */
  sweepIfLeader(): Promise<SweepCounts | null> {
    if (!this.running) {
      this.running = this.lockedSweep().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async sweep(): Promise<SweepCounts> {
    // Give fresh uploads a moment: their own job is normally on its way.
    const waiting = await this.articles.findWaiting(new Date(Date.now() - 5_000), BATCH);
    const extract = await this.jobs.withoutLiveJob(
      'extract-article',
      waiting.map((articleId) => ({ articleId })),
    );
    await this.jobs.enqueueMany('extract-article', extract);

    // Articles posted as a URL whose page is not stored yet.
    const fetching = await this.articles.findFetching(new Date(Date.now() - 5_000), BATCH);
    const fetches = await this.jobs.withoutLiveJob(
      'fetch-article',
      fetching.map((articleId) => ({ articleId })),
    );
    await this.jobs.enqueueMany('fetch-article', fetches);

    // Waiting claims are handed out by waking reviewers with room for them; when everyone is full, nothing is
    // enqueued (re-adding an assignment job per waiting claim each sweep only burned CPU finding nobody).
    const reviewers = await this.assignments.reviewersWithRoom(BATCH);
    const fills = await this.jobs.withoutLiveJob(
      'fill-reviewer',
      reviewers.map((reviewerId) => ({ reviewerId, cause: 'sweep' })),
    );
    await this.jobs.enqueueMany('fill-reviewer', fills);

    // Every open assignment keeps a deadline job: re-arm the ones Redis lost, page by page.
    let deadlines = 0;
    let page = await this.assignments.openAssignments(BATCH);
    while (page.length) {
      const lost = await this.jobs.withoutLiveJob(
        'check-deadline',
        page.map((a) => ({ assignmentId: a.id })),
      );
      const due = new Map(page.map((a) => [a.id, a.dueAt]));
      await this.jobs.enqueueMany('check-deadline', lost, undefined, (p) => due.get(p.assignmentId)!);
      deadlines += lost.length;
      if (page.length < BATCH) break;
      page = await this.assignments.openAssignments(BATCH, page[page.length - 1]);
    }

    // Every active feed source keeps its job scheduler: re-arm the ones Redis lost.
    const sources = await this.sources.rearmLost(BATCH);

    // Webhook deliveries written by the outbox whose job never made it to Redis (or was lost with it).
    const due = await this.webhooks.findDue(BATCH);
    const deliveries = await this.jobs.withoutLiveJob(
      'deliver-webhook',
      due.map((d) => ({ deliveryId: d.id, attempt: d.attempts + 1 })),
    );
    await this.jobs.enqueueMany('deliver-webhook', deliveries);

    const counts = {
      articles: extract.length,
      fetches: fetches.length,
      fills: fills.length,
      deadlines,
      sources,
      webhooks: deliveries.length,
    };
    if (Object.values(counts).some((n) => n > 0)) this.log.log(`sweep re-drove ${JSON.stringify(counts)}`);
    // Not work Redis lost, but upkeep that one worker does: matching's word counts (claim-terms.repository.ts).
    const folded = await this.claims.foldTermStats(FOLD_BUDGET_MS);
    if (folded >= 10_000) this.log.log(`matching lexicon: folded ${folded} claims`);
    await this.mark();
    return counts;
  }

  private async lockedSweep(): Promise<SweepCounts | null> {
    // A session lock on a connection of its own: released by unlock, or by PostgreSQL if this process dies.
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(${SWEEP_LOCK}) AS locked`)) as {
        locked: boolean;
      }[];
      if (!locked) return null;
      try {
        return await this.sweep();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${SWEEP_LOCK})`);
      }
    } catch (err) {
      this.log.warn(`sweep failed (next one in ${this.config.SWEEP_INTERVAL_MS} ms): ${(err as Error).message}`);
      return null;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweepIfLeader().finally(() => this.schedule(this.config.SWEEP_INTERVAL_MS));
    }, ms);
  }

  private markKey(): string {
    return this.maintenance.toKey('sweeper-mark');
  }

  private async mark(): Promise<void> {
    const client = (await this.maintenance.client) as unknown as Redis;
    await Promise.race([client.set(this.markKey(), String(Date.now())), sleep(2000)]);
  }

  /** The mark gone means Redis lost its data: sweep now (the worker's own jobs were lost with it). */
  private watchForWipe(): void {
    if (this.stopped) return;
    this.watch = setTimeout(() => void this.checkMark(), WIPE_CHECK_MS);
  }

  private async checkMark(): Promise<void> {
    {
      try {
        const client = (await Promise.race([
          this.maintenance.client,
          sleep(WIPE_CHECK_MS).then(() => null),
        ])) as Redis | null;
        const exists = client
          ? await Promise.race([client.exists(this.markKey()), sleep(WIPE_CHECK_MS).then(() => -1)])
          : -1;
        if (exists === 0 && !this.running) {
          this.log.warn('Redis lost the sweeper mark (wiped or restarted empty): sweeping now');
          await this.sweepIfLeader();
        }
      } catch {
        // Redis away: the outage monitor reports it; check again next time.
      }
      this.watchForWipe();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
