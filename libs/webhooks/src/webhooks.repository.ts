import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '@claimdesk/common';
import { rawQuery } from '@claimdesk/database';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  consecutive_failures: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  webhook_id: string;
  event: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  log: {
    attempt: number;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
    requested_at: string;
  }[];
}

/** A delivery attempt taken by one job: what to send, and where. */
export interface ClaimedAttempt {
  id: string;
  attempts: number;
  max_attempts: number;
  webhook_id: string;
  url: string;
  secret: string;
  enabled: boolean;
  disabled_reason: string | null;
  event: string;
  payload: unknown;
}

export interface NewOutboxEvent {
  id: string;
  type: string;
  payload: unknown;
}

export interface AttemptOutcome {
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  requestedAt: Date;
}

const DELIVERY_COLUMNS = `d.id, d.event_id, d.webhook_id, e.type AS event, d.status, d.attempts, d.max_attempts,
  d.next_attempt_at, d.last_status, d.last_error, d.delivered_at, d.created_at`;

/** The webhooks lib's tables: webhooks, webhook_events (the outbox), webhook_deliveries, webhook_attempts. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(values: { url: string; events: string[]; secret: string; createdBy: string | null }) {
    const { rows } = await rawQuery<WebhookRow>(
      this.db.manager,
      `INSERT INTO webhooks (url, events, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [values.url, values.events, values.secret, values.createdBy],
    );
    return rows[0];
  }

  async findById(id: string, em: EntityManager = this.db.manager, lock = false): Promise<WebhookRow | null> {
    const { rows } = await rawQuery<WebhookRow>(
      em,
      `SELECT * FROM webhooks WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findPage(after: Cursor | null, limit: number): Promise<WebhookRow[]> {
    const { rows } = await rawQuery<WebhookRow>(
      this.db.manager,
      `SELECT * FROM webhooks WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1, $2::uuid)
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    return rows;
  }

  /** Enabling again clears the failure count and the reason it was disabled. */
  async update(id: string, set: { enabled?: boolean; events?: string[]; url?: string }): Promise<WebhookRow | null> {
    const { rows } = await rawQuery<WebhookRow>(
      this.db.manager,
      `UPDATE webhooks SET
          url = COALESCE($2, url),
          events = COALESCE($3, events),
          enabled = COALESCE($4, enabled),
          consecutive_failures = CASE WHEN $4 THEN 0 ELSE consecutive_failures END,
          disabled_reason = CASE WHEN $4 THEN NULL WHEN $4 = false THEN 'disabled by an admin' ELSE disabled_reason END,
          disabled_at = CASE WHEN $4 THEN NULL WHEN $4 = false AND enabled THEN now() ELSE disabled_at END,
          updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, set.url ?? null, set.events ?? null, set.enabled ?? null],
    );
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<boolean> {
    return (await rawQuery(this.db.manager, `DELETE FROM webhooks WHERE id = $1`, [id])).affected > 0;
  }

  /**
   * The outbox write, in the caller's transaction: each event that some enabled webhook subscribes to is stored
   * once, with one delivery per subscribed webhook (unique per event and webhook). Events nobody subscribes to
   * are not stored. Returns the new deliveries.
   */
  async insertEvents(em: EntityManager, events: NewOutboxEvent[], maxAttempts: number): Promise<{ id: string }[]> {
    const { rows } = await rawQuery<{ id: string }>(
      em,
      `WITH outbox_input AS (
          SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS i(id, type, payload)
        ), targets AS (
          SELECT i.id AS event_id, w.id AS webhook_id
            FROM outbox_input i JOIN webhooks w ON w.enabled AND i.type = ANY (w.events)
        ), stored AS (
          INSERT INTO webhook_events (id, type, payload)
          SELECT id, type, payload FROM outbox_input WHERE id IN (SELECT event_id FROM targets)
        )
        INSERT INTO webhook_deliveries (event_id, webhook_id, max_attempts)
        SELECT event_id, webhook_id, $4 FROM targets
        ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING
        RETURNING id`,
      [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload)), maxAttempts],
    );
    return rows;
  }

  /**
   * Takes attempt `attempt` of a pending, due delivery (a job fired a little early still counts as due): the
   * attempt count is the guard, so a second job for the same attempt takes nothing. The lease pushes the next
   * due time past the request: if this worker dies, the sweeper re-drives the next attempt after it.
   */
  async claimAttempt(deliveryId: string, attempt: number, leaseMs: number): Promise<ClaimedAttempt | null> {
    const { rows } = await rawQuery<ClaimedAttempt>(
      this.db.manager,
      `UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
         FROM webhooks w, webhook_events e
        WHERE d.id = $1 AND d.status = 'pending' AND d.attempts = $2::int - 1
          AND d.next_attempt_at <= now() + interval '2 seconds'
          AND w.id = d.webhook_id AND e.id = d.event_id
        RETURNING d.id, d.attempts, d.max_attempts, w.id AS webhook_id, w.url, w.secret, w.enabled,
                  w.disabled_reason, e.type AS event, e.payload`,
      [deliveryId, attempt, leaseMs],
    );
    return rows[0] ?? null;
  }

  /** One attempt's log row; false when this attempt was recorded already (a job that ran twice). */
  async insertAttempt(em: EntityManager, deliveryId: string, o: AttemptOutcome): Promise<boolean> {
    const { rows } = await rawQuery(
      em,
      `INSERT INTO webhook_attempts (delivery_id, attempt, status_code, error, duration_ms, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING attempt`,
      [deliveryId, o.attempt, o.statusCode, o.error, Math.round(o.durationMs), o.requestedAt],
    );
    return rows.length > 0;
  }

  /** The delivery after an attempt: succeeded, failed for good, or pending until `nextAt`. */
  async settle(
    em: EntityManager,
    deliveryId: string,
    o: AttemptOutcome,
    status: DeliveryRow['status'],
    nextAt: Date | null,
  ): Promise<void> {
    await rawQuery(
      em,
      `UPDATE webhook_deliveries SET status = $2, next_attempt_at = COALESCE($3, next_attempt_at),
          last_status = $4, last_error = $5, delivered_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [deliveryId, status, nextAt, o.statusCode, o.error],
    );
  }

  /** The failure count after an attempt; at `disableAfter` failures in a row the webhook is disabled. */
  async countOutcome(em: EntityManager, webhookId: string, ok: boolean, disableAfter: number, reason: string) {
    const { rows } = await rawQuery<{ enabled: boolean; consecutive_failures: number; was_enabled: boolean }>(
      em,
      `WITH prev AS (SELECT enabled FROM webhooks WHERE id = $1 FOR UPDATE)
       UPDATE webhooks w SET
          consecutive_failures = CASE WHEN $2 THEN 0 ELSE w.consecutive_failures + 1 END,
          enabled = w.enabled AND ($2 OR w.consecutive_failures + 1 < $3),
          disabled_reason = CASE WHEN w.enabled AND NOT $2 AND w.consecutive_failures + 1 >= $3 THEN $4
                                 ELSE w.disabled_reason END,
          disabled_at = CASE WHEN w.enabled AND NOT $2 AND w.consecutive_failures + 1 >= $3 THEN now()
                             ELSE w.disabled_at END,
          updated_at = now()
         FROM prev WHERE w.id = $1
       RETURNING w.enabled, w.consecutive_failures, prev.enabled AS was_enabled`,
      [webhookId, ok, disableAfter, reason],
    );
    return rows[0] ?? null;
  }

  /** A disabled webhook's waiting deliveries end `failed` (redeliver them once it is enabled again). */
  async failPending(em: EntityManager, webhookId: string, reason: string): Promise<void> {
    await rawQuery(
      em,
      `UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE webhook_id = $1 AND status = 'pending'`,
      [webhookId, reason],
    );
  }

  async findDeliveryPage(webhookId: string, after: Cursor | null, limit: number): Promise<DeliveryRow[]> {
    const { rows } = await rawQuery<DeliveryRow>(
      this.db.manager,
      `SELECT ${DELIVERY_COLUMNS},
              COALESCE(json_agg(a ORDER BY a.attempt) FILTER (WHERE a.attempt IS NOT NULL), '[]') AS log
         FROM webhook_deliveries d
         JOIN webhook_events e ON e.id = d.event_id
         LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
        WHERE d.webhook_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2, $3::uuid))
        GROUP BY d.id, e.type
        ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
      [webhookId, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    return rows;
  }

  /**
   * A finished delivery goes again, once: one more attempt now (the log keeps numbering). Null when there is no
   * such delivery of this webhook; 'pending' when it is still under way.
   */
  async redeliver(webhookId: string, deliveryId: string): Promise<{ id: string; attempts: number } | 'pending' | null> {
    return this.db.transaction(async (em) => {
      const { rows } = await rawQuery<{ status: string }>(
        em,
        `SELECT status FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2 FOR UPDATE`,
        [deliveryId, webhookId],
      );
      if (!rows[0]) return null;
      if (rows[0].status === 'pending') return 'pending';
      const updated = await rawQuery<{ id: string; attempts: number }>(
        em,
        `UPDATE webhook_deliveries SET status = 'pending', max_attempts = attempts + 1, next_attempt_at = now()
          WHERE id = $1 RETURNING id, attempts`,
        [deliveryId],
      );
      return updated.rows[0];
    });
  }

  /** Pending deliveries whose next attempt is due (their job may be lost: the sweeper checks Redis). */
  async findDue(limit: number): Promise<{ id: string; attempts: number }[]> {
    const { rows } = await rawQuery<{ id: string; attempts: number }>(
      this.db.manager,
      `SELECT id, attempts FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
    return rows;
  }
}
