import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { JOB_ID, JOB_QUEUE, JobName, JobPayloads, QUEUES, sourceSchedulerId } from './jobs';

/** Retries with exponential backoff; finished jobs leave Redis (Postgres keeps the facts). */
const DEFAULTS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/**
 * How long an enqueue may wait for Redis. Producers are best effort (Postgres holds the work and the
 * sweeper re-drives it), so an HTTP request must not hang while Redis is away.
 */
const ENQUEUE_TIMEOUT_MS = 1000;

async function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)),
          ENQUEUE_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface EnqueueOptions {
  /** Run no earlier than this. */
  runAt?: Date;
}

type Live = 0 | 1;

/** The one place that adds jobs: typed payloads, deterministic ids, one set of retry rules. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<string, Queue>;

  constructor(
    @InjectQueue(QUEUES.extraction) extraction: Queue,
    @InjectQueue(QUEUES.assignment) assignment: Queue,
    @InjectQueue(QUEUES.deadlines) deadlines: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectQueue(QUEUES.fetch) fetch: Queue,
    @InjectQueue(QUEUES.sources) sources: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    this.queues = { extraction, assignment, deadlines, maintenance, fetch, sources, webhooks };
  }

  /**
   * A source's job scheduler: a `poll-source` job every `everyMs` (the first at once). Upserting an existing one
   * changes its interval; each poll is a single attempt (a failure is recorded and backed off in PostgreSQL).
   */
  async scheduleSourcePolls(sourceId: string, everyMs: number): Promise<void> {
    const payload: JobPayloads['poll-source'] = { sourceId };
    await bounded(
      this.queue('poll-source').upsertJobScheduler(
        sourceSchedulerId(sourceId),
        { every: everyMs },
        { name: 'poll-source', data: payload, opts: { attempts: 1, removeOnComplete: true, removeOnFail: true } },
      ),
    );
  }

  async unscheduleSourcePolls(sourceId: string): Promise<void> {
    await bounded(this.queue('poll-source').removeJobScheduler(sourceSchedulerId(sourceId)));
  }

  /** The source ids among `ids` whose scheduler is not in Redis (wiped, or never armed). */
  async sourcesWithoutScheduler(ids: string[]): Promise<string[]> {
    const queue = this.queue('poll-source');
    const found = await Promise.all(ids.map((id) => bounded(queue.getJobScheduler(sourceSchedulerId(id)))));
    return ids.filter((_, i) => !found[i]);
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], opts: EnqueueOptions = {}): Promise<void> {
    const delay = opts.runAt ? Math.max(0, opts.runAt.getTime() - Date.now()) : undefined;
    await bounded(this.queue(name).add(name, payload, { ...DEFAULTS, jobId: JOB_ID[name](payload), delay }));
  }

  /** Many jobs of one kind in one round trip; `rank` (1 = first) orders them among waiting jobs. */
  async enqueueMany<N extends JobName>(
    name: N,
    payloads: JobPayloads[N][],
    rank?: (p: JobPayloads[N]) => number,
    runAt?: (p: JobPayloads[N]) => Date,
  ): Promise<void> {
    if (!payloads.length) return;
    const now = Date.now();
    await bounded(
      this.queue(name).addBulk(
        payloads.map((data) => ({
          name,
          data,
          opts: {
            ...DEFAULTS,
            jobId: JOB_ID[name](data),
            ...(rank ? { priority: rank(data) } : {}),
            ...(runAt ? { delay: Math.max(0, runAt(data).getTime() - now) } : {}),
          },
        })),
      ),
    );
  }

  /**
   * The payloads whose job is not in Redis (waiting, delayed, active or failed-and-retrying), checked in one
   * pipelined round trip. The sweeper re-adds only these, instead of re-adding everything on every sweep.
   */
  async withoutLiveJob<N extends JobName>(name: N, payloads: JobPayloads[N][]): Promise<JobPayloads[N][]> {
    if (!payloads.length) return [];
    const queue = this.queue(name);
    const client = (await bounded(queue.client)) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const p of payloads) pipeline.exists(queue.toKey(JOB_ID[name](p)));
    const replies = (await bounded(pipeline.exec())) ?? [];
    return payloads.filter((_, i) => {
      const [err, live] = replies[i] ?? [null, 0];
      if (err) throw err;
      return (live as Live) === 0;
    });
  }

  queue(name: JobName): Queue {
    return this.queues[JOB_QUEUE[name]];
  }
}
