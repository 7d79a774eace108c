import { Injectable } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@claimdesk/config';
import { rawQuery } from '@claimdesk/database';
import { QUEUES } from '@claimdesk/queue';
import { queueStats } from './queue-stats';

/** Each probe gets this long, in parallel: readiness answers within a second even with Redis hung. */
const PROBE_TIMEOUT_MS = 500;

export type ProbeState = 'up' | 'down';

export interface Readiness {
  status: 'ok' | 'unavailable';
  postgres: ProbeState;
  redis: ProbeState;
  /** Seconds the oldest ready job of each queue has waited; absent when Redis is down. */
  queueLagSeconds: Record<string, number>;
  maxQueueLagSeconds: number;
}

/**
 * Liveness and readiness for the api and the worker. Live: the process answers (its event loop turns). Ready:
 * PostgreSQL and Redis answer, and no queue's oldest ready job has waited past READINESS_MAX_QUEUE_LAG_SECONDS.
 */
@Injectable()
export class HealthProbes {
  private queues: Queue[] | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async postgres(): Promise<ProbeState> {
    return probe(() => rawQuery(this.db.manager, 'SELECT 1'));
  }

  async redis(): Promise<ProbeState> {
    return probe(async () => ((await this.allQueues()[0].client) as unknown as { ping(): Promise<string> }).ping());
  }

  async readiness(): Promise<Readiness> {
    const lag: Record<string, number> = {};
    const [postgres, redis] = await Promise.all([
      this.postgres(),
      probe(async () => {
        for (const s of await Promise.all(this.allQueues().map((q) => queueStats(q))))
          lag[s.queue] = Math.round(s.lagSeconds * 10) / 10;
      }),
    ]);
    const max = this.config.READINESS_MAX_QUEUE_LAG_SECONDS;
    const lagOk = Object.values(lag).every((s) => s <= max);
    const ok = postgres === 'up' && redis === 'up' && lagOk;
    return { status: ok ? 'ok' : 'unavailable', postgres, redis, queueLagSeconds: lag, maxQueueLagSeconds: max };
  }

  private allQueues(): Queue[] {
    this.queues ??= Object.values(QUEUES).map((n) => this.moduleRef.get<Queue>(getQueueToken(n), { strict: false }));
    return this.queues;
  }
}

async function probe(fn: () => Promise<unknown>): Promise<ProbeState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS))),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
