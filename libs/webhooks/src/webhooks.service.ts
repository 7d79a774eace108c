import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Actor, ConflictError, decodeCursor, InvalidError, NotFoundError, Page, toPage } from '@claimdesk/common';
import { OutboundError, OutboundFetcher } from '@claimdesk/outbound';
import { JobProducer } from '@claimdesk/queue';
import type { WebhookEvent } from './webhook-events';
import { DeliveryRow, WebhookRow, WebhooksRepository } from './webhooks.repository';

export interface WebhookInput {
  url: string;
  events: WebhookEvent[];
  /** Omitted: one is generated (and shown once, in the answer to the registration). */
  secret?: string;
}

export function toWebhookView(w: WebhookRow) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    enabled: w.enabled,
    disabledReason: w.disabled_reason,
    disabledAt: w.disabled_at ? w.disabled_at.toISOString() : null,
    consecutiveFailures: w.consecutive_failures,
    createdBy: w.created_by,
    createdAt: w.created_at.toISOString(),
    updatedAt: w.updated_at.toISOString(),
  };
}
export type WebhookView = ReturnType<typeof toWebhookView>;

export function toDeliveryView(d: DeliveryRow) {
  return {
    id: d.id,
    eventId: d.event_id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.max_attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
    lastStatus: d.last_status,
    lastError: d.last_error,
    deliveredAt: d.delivered_at ? d.delivered_at.toISOString() : null,
    createdAt: d.created_at.toISOString(),
    log: d.log.map((a) => ({
      attempt: a.attempt,
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
      requestedAt: new Date(a.requested_at).toISOString(),
    })),
  };
}
export type DeliveryView = ReturnType<typeof toDeliveryView>;

/** Admins' endpoints: register (the URL vetted by the same SSRF guard as deliveries), list, change, delete, logs. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly fetcher: OutboundFetcher,
    private readonly jobs: JobProducer,
  ) {}

  /** The secret is in this answer only; reads never show it. */
  async create(input: WebhookInput, actor: Actor): Promise<WebhookView & { secret: string }> {
    const url = await this.vet(input.url);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const row = await this.repo.insert({ url, events: unique(input.events), secret, createdBy: actor.id });
    return { ...toWebhookView(row), secret };
  }

  async list(limit: number, cursor?: string): Promise<Page<WebhookView>> {
    const rows = await this.repo.findPage(decodeCursor(cursor), limit);
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.created_at })),
      limit,
      toWebhookView,
    );
  }

  async get(id: string): Promise<WebhookView> {
    return toWebhookView(await this.require(id));
  }

  async update(id: string, set: { enabled?: boolean; events?: WebhookEvent[]; url?: string }): Promise<WebhookView> {
    const url = set.url === undefined ? undefined : await this.vet(set.url);
    const row = await this.repo.update(id, { ...set, url, events: set.events && unique(set.events) });
    if (!row) throw new NotFoundError('webhook', id);
    return toWebhookView(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw new NotFoundError('webhook', id);
  }

  async deliveries(id: string, limit: number, cursor?: string): Promise<Page<DeliveryView>> {
    await this.require(id);
    const rows = await this.repo.findDeliveryPage(id, decodeCursor(cursor), limit);
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.created_at })),
      limit,
      toDeliveryView,
    );
  }

  /** One more attempt of a finished delivery, now (409 while it is pending or the webhook is disabled). */
  async redeliver(id: string, deliveryId: string): Promise<DeliveryView> {
    const hook = await this.require(id);
    if (!hook.enabled) throw new ConflictError(`webhook ${id} is disabled: enable it before redelivering`);
    const r = await this.repo.redeliver(id, deliveryId);
    if (r === null) throw new NotFoundError('delivery', deliveryId);
    if (r === 'pending') throw new ConflictError(`delivery ${deliveryId} is still pending`);
    await this.jobs.enqueue('deliver-webhook', { deliveryId, attempt: r.attempts + 1 }).catch(() => undefined); // swept
    const [row] = (await this.repo.findDeliveryPage(id, null, 1000)).filter((d) => d.id === deliveryId);
    return toDeliveryView(row);
  }

  private async require(id: string): Promise<WebhookRow> {
    const row = await this.repo.findById(id);
    if (!row) throw new NotFoundError('webhook', id);
    return row;
  }

  /** The guard's decision, before anything is stored: a refused or malformed URL is a 400 naming the reason. */
  private async vet(url: string): Promise<string> {
    try {
      return (await this.fetcher.guard.vet(url)).url.href;
    } catch (err) {
      if (err instanceof OutboundError && (err.code === 'refused' || err.code === 'bad-url'))
        throw new InvalidError('url', err.message);
      if (err instanceof OutboundError) return url; // DNS may fail now and work later: deliveries are vetted again
      throw err;
    }
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
