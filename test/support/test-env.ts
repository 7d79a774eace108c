import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { getQueueToken } from '@nestjs/bullmq';
import type { Logger } from 'pino';
import { PinoNestLogger } from '@claimdesk/observability';
import { loadConfig } from '@claimdesk/config';
import { QUEUES } from '@claimdesk/queue';
import { UsersService } from '@claimdesk/users';
import type { Role } from '@claimdesk/common';
import { cloneTemplate, databaseUrl } from './clone-database';
import { createHttpApp } from '../../apps/api/src/http-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** A JSON body as a test reads it: each field is checked by expect(), not by the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- HTTP bodies are asserted field by field at run time
export type Json = any;

export interface Response<T = Json> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One e2e file's world: its own database cloned from the migrated template, its own BullMQ
 * prefix, the real HTTP app (Fastify, in-process via inject) and, when asked, a real worker.
 */
export class TestEnv {
  /** The assignment queue, to wait until it is idle. */
  static readonly queueToken = getQueueToken(QUEUES.assignment);

  app!: NestFastifyApplication;
  worker: INestApplicationContext | null = null;
  /** When given (log tests), the api and worker write through it. */
  logger?: Logger;
  name = `${process.env.CLAIMDESK_TEST_RUN}_${randomBytes(4).toString('hex')}`;

  /** `sharing`: a second api instance on the same database and queues (as behind a load balancer). */
  static async start(
    opts: { worker?: boolean; env?: Record<string, string>; sharing?: TestEnv; logger?: Logger } = {},
  ): Promise<TestEnv> {
    const env = new TestEnv();
    if (opts.sharing) env.name = opts.sharing.name;
    else await cloneTemplate(env.name);
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(env.name),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: env.name,
      LOG_LEVEL: 'silent',
      SWEEP_INTERVAL_MS: '600000',
      // Every request of a test comes from 127.0.0.1; the limits have their own test (security.e2e-spec.ts).
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_INGEST_PER_MINUTE: '1000000',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
      ...opts.env,
    });
    env.logger = opts.logger;
    env.app = await createHttpApp(loadConfig(), { logger: opts.logger });
    await env.app.init();
    await env.app.getHttpAdapter().getInstance().ready();
    if (opts.worker) await env.startWorker();
    return env;
  }

  async startWorker(): Promise<INestApplicationContext> {
    this.worker = await NestFactory.createApplicationContext(WorkerModule, {
      logger: this.logger ? new PinoNestLogger(this.logger) : false,
    });
    await this.worker.init();
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  async request<T = Json>(method: string, url: string, opts: RequestOptions = {}): Promise<Response<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= typeof opts.body === 'string' ? 'text/plain' : 'application/json';
    }
    const res = await this.app.inject({ method: method as never, url, headers, payload });
    let body: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  /** A user straight through the service (the CLI's path); returns the user and its token. */
  async user(role: Role, extra: { capacity?: number; languages?: string[]; topics?: string[]; name?: string } = {}) {
    const n = randomBytes(3).toString('hex');
    const created = await this.app.get(UsersService).create({
      email: `${role}-${n}@example.org`,
      name: extra.name ?? `${role} ${n}`,
      role,
      ...extra,
    });
    return created;
  }

  async sql<T = Json>(query: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(query, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.app?.close();
  }
}

/** Polls until the check returns a truthy value (jobs run asynchronously in the worker). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err as Error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
