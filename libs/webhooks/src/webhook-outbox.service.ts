import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { AppConfig } from '@claimdesk/config';
import { JobProducer } from '@claimdesk/queue';
import type { OutboxEvent } from './webhook-events';
import { WebhooksRepository } from './webhooks.repository';

/**
 * The transactional outbox. Features call `record` inside the transaction that makes the change: the event and
 * its deliveries commit or roll back with it. Their jobs are enqueued once that transaction commits (a TypeORM
 * transaction subscriber), best effort: the sweeper re-drives from PostgreSQL any due delivery without a job.
 */
@Injectable()
export class WebhookOutbox implements EntitySubscriberInterface {
  private readonly log = new Logger(WebhookOutbox.name);
  /** Deliveries written by an open transaction, by its query runner, until it commits or rolls back. */
  private readonly pending = new WeakMap<QueryRunner, string[]>();

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @InjectDataSource() db: DataSource,
  ) {
    db.subscribers.push(this);
  }

  async record(em: EntityManager, events: OutboxEvent[]): Promise<void> {
    if (!events.length) return;
    const createdAt = new Date().toISOString();
    const rows = events.map(({ event, data }) => {
      const id = randomUUID();
      return { id, type: event, payload: { id, event, createdAt, data } };
    });
    const deliveries = (await this.repo.insertEvents(em, rows, this.config.WEBHOOK_MAX_ATTEMPTS)).map((d) => d.id);
    if (!deliveries.length) return;
    const runner = em.queryRunner;
    if (runner?.isTransactionActive) this.pending.set(runner, [...(this.pending.get(runner) ?? []), ...deliveries]);
    else void this.enqueue(deliveries);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint released: the outer transaction may still roll back
    const deliveries = this.pending.get(runner);
    if (!deliveries) return;
    this.pending.delete(runner);
    void this.enqueue(deliveries);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async enqueue(deliveries: string[]): Promise<void> {
    try {
      await this.jobs.enqueueMany(
        'deliver-webhook',
        deliveries.map((deliveryId) => ({ deliveryId, attempt: 1 })),
      );
    } catch (err) {
      this.log.warn(`could not enqueue ${deliveries.length} webhook deliveries: ${(err as Error).message}`);
    }
  }
}
