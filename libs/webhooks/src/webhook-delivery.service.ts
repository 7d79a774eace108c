import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@claimdesk/config';
import { OutboundError, OutboundFetcher } from '@claimdesk/outbound';
import { JobProducer } from '@claimdesk/queue';
import { SIGNATURE_HEADER, signatureHeader } from './signature';
import { AttemptOutcome, WebhooksRepository } from './webhooks.repository';

/** Most of a receiver's answer that is read (and dropped): it only has to say 2xx. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Time beyond the request budget before a taken attempt counts as lost (a killed worker). */
const LEASE_MARGIN_MS = 30_000;

export type DeliveryResult = null | {
  outcome: 'succeeded' | 'failed' | 'retrying' | 'skipped';
  statusCode?: number | null;
  nextAt?: string;
};

/** Retry n (1-based) waits base x 2^(n-1), capped. */
export function backoffMs(retry: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
}

/**
 * One attempt of one delivery (the `deliver-webhook` job): signed POST through the SSRF guard, no redirects
 * followed, a 2xx answer within WEBHOOK_TIMEOUT_MS is a success. The outcome, the next attempt (exponential
 * backoff) and the webhook's failure count are written in one transaction; after WEBHOOK_DISABLE_AFTER failures in
 * a row the webhook is disabled with the reason.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly log = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly fetcher: OutboundFetcher,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async deliver(deliveryId: string, attempt: number): Promise<DeliveryResult> {
    const taken = await this.repo.claimAttempt(deliveryId, attempt, this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS);
    if (!taken) return null; // done, not due, or this attempt ran already
    if (!taken.enabled) {
      await this.repo.failPending(
        this.db.manager,
        taken.webhook_id,
        `webhook disabled: ${taken.disabled_reason ?? ''}`,
      );
      return { outcome: 'skipped' };
    }
    const body = JSON.stringify(taken.payload);
    const requestedAt = new Date();
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await this.fetcher.fetch(taken.url, {
        method: 'POST',
        body,
        anyStatus: true,
        followRedirects: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'claimdesk-webhooks/1',
          [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(taken.secret, body),
          'x-claimdesk-event': taken.event,
          'x-claimdesk-delivery': taken.id,
        },
        limits: { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, maxBytes: MAX_ANSWER_BYTES },
      });
      statusCode = res.status;
      if (res.status < 200 || res.status > 299) error = `the receiver answered ${res.status}`;
    } catch (err) {
      if (!(err instanceof OutboundError)) throw err;
      error = `${err.code}: ${err.message}`;
      statusCode = err.status ?? null;
    }
    const outcome: AttemptOutcome = {
      attempt: taken.attempts,
      ok: error === null,
      statusCode,
      error,
      durationMs: performance.now() - started,
      requestedAt,
    };
    return this.record(taken.id, taken.webhook_id, taken.max_attempts, outcome);
  }

  private async record(deliveryId: string, webhookId: string, maxAttempts: number, o: AttemptOutcome) {
    const c = this.config;
    const retry = !o.ok && o.attempt < maxAttempts;
    const nextAt = retry
      ? new Date(Date.now() + backoffMs(o.attempt, c.WEBHOOK_BACKOFF_BASE_MS, c.WEBHOOK_BACKOFF_MAX_MS))
      : null;
    const reason = `disabled after ${c.WEBHOOK_DISABLE_AFTER} failed deliveries in a row (last: ${o.error})`;
    const result = await this.db.transaction(async (em) => {
      if (!(await this.repo.insertAttempt(em, deliveryId, o))) return null;
      const counted = await this.repo.countOutcome(em, webhookId, o.ok, c.WEBHOOK_DISABLE_AFTER, reason);
      const disabledNow = counted !== null && counted.was_enabled && !counted.enabled;
      const status = o.ok ? 'succeeded' : retry && !disabledNow ? 'pending' : 'failed';
      await this.repo.settle(em, deliveryId, o, status, status === 'pending' ? nextAt : null);
      if (disabledNow) {
        await this.repo.failPending(em, webhookId, `webhook disabled: ${reason}`);
        // Audit: an admin will want to know when and why deliveries stopped.
        this.log.warn({ msg: 'webhook disabled', webhookId, reason, failures: counted.consecutive_failures });
      }
      return { status, disabledNow };
    });
    if (!result) return null;
    if (result.status === 'pending' && nextAt) {
      await this.jobs
        .enqueue('deliver-webhook', { deliveryId, attempt: o.attempt + 1 }, { runAt: nextAt })
        .catch((err: Error) => this.log.warn(`could not schedule the retry of ${deliveryId}: ${err.message}`));
      return { outcome: 'retrying' as const, statusCode: o.statusCode, nextAt: nextAt.toISOString() };
    }
    return {
      outcome: result.status === 'succeeded' ? ('succeeded' as const) : ('failed' as const),
      statusCode: o.statusCode,
    };
  }

  /** The sweeper's share: due deliveries, whatever Redis holds (it keeps those whose job is gone). */
  findDue(limit: number) {
    return this.repo.findDue(limit);
  }
}
