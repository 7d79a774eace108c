import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES } from '@claimdesk/queue';

const CHECK_MS = 1000;
const PROBE_TIMEOUT_MS = 1000;

type State = 'up' | 'down';

/**
 * Logs each outage of PostgreSQL or Redis once when it starts and once when it ends (with its length), instead
 * of nothing, or a line per failed job. Work needs nothing from it: jobs retry and the sweeper re-drives.
 */
@Injectable()
export class OutageMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Outage');
  private readonly since: Record<string, number | null> = { PostgreSQL: null, Redis: null };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private tick(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), CHECK_MS);
  }

  private async check(): Promise<void> {
    const [pg, redis] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(async () => ((await this.queue.client) as unknown as Redis).ping()),
    ]);
    this.note('PostgreSQL', pg);
    this.note('Redis', redis);
    this.tick();
  }

  private note(name: string, state: State | Error): void {
    const down = this.since[name];
    if (state !== 'up' && down === null) {
      this.since[name] = Date.now();
      this.log.warn(
        `${name} unreachable (${(state as Error).message}): jobs retry, the sweeper re-drives when it is back`,
      );
    } else if (state === 'up' && down !== null) {
      this.since[name] = null;
      this.log.warn(`${name} reachable again after ${((Date.now() - down) / 1000).toFixed(1)} s`);
    }
  }
}

async function probe(fn: () => Promise<unknown>): Promise<State | Error> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)),
      ),
    ]);
    return 'up';
  } catch (err) {
    return err as Error;
  } finally {
    clearTimeout(timer);
  }
}
