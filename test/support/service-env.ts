import { Test, TestingModule } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { Type } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ArticlesModule } from '@claimdesk/articles';
import { ClaimsModule, ClaimsService } from '@claimdesk/claims';
import type { Role } from '@claimdesk/common';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { JOB_QUEUE, JobName, QueueModule } from '@claimdesk/queue';
import { ReviewModule } from '@claimdesk/review';
import { UsersModule, UsersService } from '@claimdesk/users';
import { cloneTemplate } from './clone-database';
import { insertClaims } from './seed';
import type { Json } from './test-env';

/**
 * One medium spec file's world: the feature modules built by Nest's testing module on a database
 * cloned from the migrated template, and BullMQ producers on the real Redis under a prefix of their
 * own. No HTTP and no worker: jobs are enqueued and can be inspected, never run.
 */
export class ServiceEnv {
  readonly name = `${process.env.CLAIMDESK_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  module!: TestingModule;
  db!: DataSource;

  static async start(env: Record<string, string> = {}): Promise<ServiceEnv> {
    const s = new ServiceEnv();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: await cloneTemplate(s.name),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: s.name,
      LOG_LEVEL: 'silent',
      ...env,
    });
    s.module = await Test.createTestingModule({
      imports: [ConfigModule, DatabaseModule, QueueModule, UsersModule, ClaimsModule, ArticlesModule, ReviewModule],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
    await s.module.init();
    s.db = s.module.get(DataSource);
    return s;
  }

  get<T>(type: Type<T>): T {
    return this.module.get(type);
  }

  /** A user through the service, as the CLI creates one. */
  user(role: Role, extra: { capacity?: number; languages?: string[]; topics?: string[] } = {}) {
    const n = randomBytes(3).toString('hex');
    return this.get(UsersService).create({ email: `${role}-${n}@example.org`, name: `${role} ${n}`, role, ...extra });
  }

  /** Claims of one new article, as after extraction: scores >= AUTO_QUEUE_SCORE (0.5) are queued. */
  claims(scores: number[], language = 'en', topic: string | null = null) {
    return insertClaims(this.db, this.get(ClaimsService), scores, language, topic);
  }

  async sql<T = Json>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.db.query<T[]>(query, params);
  }

  /** Ids of the jobs of this name waiting in Redis (delayed ones included). */
  async jobIds(name: JobName): Promise<string[]> {
    const queue = this.module.get<Queue>(getQueueToken(JOB_QUEUE[name]));
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.filter((j) => j.name === name).map((j) => j.id!);
  }

  /** Counts the SQL statements `work` runs that match `pattern` (every statement goes through the logger). */
  async countQueries<T>(
    pattern: RegExp,
    work: () => Promise<T>,
  ): Promise<{ result: T; count: number; queries: string[] }> {
    const queries: string[] = [];
    const logger = this.db.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      queries.push(query);
      return original(query, parameters, runner);
    };
    try {
      const result = await work();
      const matching = queries.filter((q) => pattern.test(q));
      return { result, count: matching.length, queries: matching };
    } finally {
      logger.logQuery = original;
    }
  }

  async close(): Promise<void> {
    await this.module?.close();
    const admin = new URL(process.env.DATABASE_URL!);
    admin.pathname = '/postgres';
    const pg = new Client({ connectionString: admin.toString() });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`).finally(() => pg.end());
  }
}
