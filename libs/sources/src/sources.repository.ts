import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '@claimdesk/common';
import { rawQuery } from '@claimdesk/database';
import type { FeedItem } from './feed-items';

export type SourceStatus = 'active' | 'paused';

export interface SourceRow {
  id: string;
  url: string;
  title: string | null;
  interval_seconds: number;
  language: string | null;
  topics: string[];
  status: SourceStatus;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: Date | null;
  last_success_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  last_error_at: Date | null;
  consecutive_failures: number;
  next_fetch_at: Date | null;
  flagged: boolean;
  items_seen: number;
  articles_created: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface FetchRow {
  id: string;
  started_at: Date;
  duration_ms: number;
  outcome: 'ok' | 'not-modified' | 'error';
  http_status: number | null;
  conditional: boolean;
  items: number;
  new_items: number;
  articles_created: number;
  error: string | null;
}

export interface PendingItem {
  id: string;
  payload: FeedItem;
}

export type ItemOutcome = 'created' | 'duplicate' | 'skipped' | 'invalid';

/** A poll holds its source for at most this long (a killed worker's lease expires). */
const LEASE = `interval '10 minutes'`;

@Injectable()
export class SourcesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get em(): EntityManager {
    return this.db.manager;
  }

  /** The new source, or null when one with this URL exists. */
  async insert(
    em: EntityManager,
    s: { url: string; intervalSeconds: number; language: string | null; topics: string[]; createdBy: string | null },
  ): Promise<SourceRow | null> {
    const { rows } = await rawQuery<SourceRow>(
      em,
      `INSERT INTO sources (url, interval_seconds, language, topics, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (url) DO NOTHING RETURNING *`,
      [s.url, s.intervalSeconds, s.language, s.topics, s.createdBy],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<SourceRow | null> {
    const { rows } = await rawQuery<SourceRow>(this.em, `SELECT * FROM sources WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findIdByUrl(url: string): Promise<string | null> {
    const { rows } = await rawQuery<{ id: string }>(this.em, `SELECT id FROM sources WHERE url = $1`, [url]);
    return rows[0]?.id ?? null;
  }

  async lockById(em: EntityManager, id: string): Promise<SourceRow | null> {
    const { rows } = await rawQuery<SourceRow>(em, `SELECT * FROM sources WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** Newest first, keyset on (created_at, id); limit+1 rows. */
  async findPage(cursor: Cursor | null, limit: number): Promise<SourceRow[]> {
    const { rows } = await rawQuery<SourceRow>(
      this.em,
      `SELECT * FROM sources WHERE ($1::timestamptz IS NULL OR (created_at, id) < ($1, $2::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [cursor?.createdAt ?? null, cursor?.id ?? null, limit + 1],
    );
    return rows;
  }

  /** Active sources after `afterId` (id order), for the sweeper. */
  async findActiveIds(afterId: string | null, limit: number): Promise<{ id: string; interval_seconds: number }[]> {
    const { rows } = await rawQuery<{ id: string; interval_seconds: number }>(
      this.em,
      `SELECT id, interval_seconds FROM sources WHERE status = 'active' AND ($1::uuid IS NULL OR id > $1)
       ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows;
  }

  async setStatus(em: EntityManager, id: string, status: SourceStatus, clearHealth: boolean): Promise<SourceRow> {
    const { rows } = await rawQuery<SourceRow>(
      em,
      `UPDATE sources SET status = $2, updated_at = now()
         ${clearHealth ? ', consecutive_failures = 0, next_fetch_at = NULL, flagged = false' : ''}
       WHERE id = $1 RETURNING *`,
      [id, status],
    );
    return rows[0];
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await rawQuery(em, `DELETE FROM sources WHERE id = $1`, [id]);
  }

  async insertEvent(
    em: EntityManager,
    sourceId: string,
    type: 'created' | 'paused' | 'resumed' | 'deleted' | 'flagged',
    actorId: string | null,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await rawQuery(em, `INSERT INTO source_events (source_id, type, actor_id, data) VALUES ($1, $2, $3, $4)`, [
      sourceId,
      type,
      actorId,
      JSON.stringify(data),
    ]);
  }

  async findEvents(
    sourceId: string,
  ): Promise<{ type: string; actor_id: string | null; at: Date; data: Record<string, unknown> }[]> {
    const { rows } = await rawQuery<{ type: string; actor_id: string | null; at: Date; data: Record<string, unknown> }>(
      this.em,
      `SELECT type, actor_id, at, data FROM source_events WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );
    return rows;
  }

  /**
   * Takes the source for one poll: only an active source, not backed off, not held by another poll (the lease
   * expires, so a killed worker does not hold it forever). Null when there is nothing to do now.
   */
  async beginPoll(id: string): Promise<SourceRow | null> {
    const { rows } = await rawQuery<SourceRow>(
      this.em,
      `UPDATE sources SET polling_since = now()
       WHERE id = $1 AND status = 'active' AND (next_fetch_at IS NULL OR next_fetch_at <= now())
         AND (polling_since IS NULL OR polling_since < now() - ${LEASE})
       RETURNING *`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Inserts the items not seen before (unique (source_id, guid)); the number inserted. */
  async insertNewItems(sourceId: string, items: FeedItem[]): Promise<number> {
    if (!items.length) return 0;
    const { affected } = await rawQuery(
      this.em,
      `INSERT INTO source_items (source_id, guid, link, payload)
       SELECT $1, i.guid, i.link, i.payload
       FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS i(guid, link, payload)
       ON CONFLICT (source_id, guid) DO NOTHING`,
      [sourceId, items.map((i) => i.guid), items.map((i) => i.link), items.map((i) => JSON.stringify(i))],
    );
    return affected;
  }

  /** Items seen but not yet made articles, oldest first. */
  async findPendingItems(sourceId: string, limit: number): Promise<PendingItem[]> {
    const { rows } = await rawQuery<PendingItem>(
      this.em,
      `SELECT id, payload FROM source_items WHERE source_id = $1 AND outcome IS NULL ORDER BY id LIMIT $2`,
      [sourceId, limit],
    );
    return rows;
  }

  /** What became of an item; its payload is no longer needed. */
  async settleItem(id: string, outcome: ItemOutcome, articleId: string | null, error: string | null): Promise<void> {
    await rawQuery(
      this.em,
      `UPDATE source_items SET outcome = $2, article_id = $3, error = $4, payload = NULL WHERE id = $1`,
      [id, outcome, articleId, error],
    );
  }

  /** A poll that got an answer (200 or 304): health reset, validators kept, counters moved, the fetch recorded. */
  async endPollOk(
    id: string,
    f: {
      startedAt: Date;
      durationMs: number;
      status: number;
      conditional: boolean;
      etag: string | null;
      lastModified: string | null;
      title: string | null;
      items: number;
      newItems: number;
      articlesCreated: number;
    },
  ): Promise<void> {
    await this.db.transaction(async (em) => {
      await rawQuery(
        em,
        `UPDATE sources SET polling_since = NULL, last_fetch_at = $2, last_success_at = $2, last_status = $3,
           consecutive_failures = 0, next_fetch_at = NULL, flagged = false,
           etag = COALESCE($4, etag), last_modified = COALESCE($5, last_modified), title = COALESCE($6, title),
           items_seen = items_seen + $7, articles_created = articles_created + $8, updated_at = now()
         WHERE id = $1`,
        [id, f.startedAt, f.status, f.etag, f.lastModified, f.title, f.newItems, f.articlesCreated],
      );
      await this.insertFetch(em, id, {
        ...f,
        outcome: f.status === 304 ? 'not-modified' : 'ok',
        error: null,
      });
    });
  }

  /**
   * A failed poll: the failure counted, the next poll put off by `backoffSeconds`, the source flagged once it has
   * failed `flagAfter` times in a row. True when this failure flagged it.
   */
  async endPollFailed(
    id: string,
    f: {
      startedAt: Date;
      durationMs: number;
      status: number | null;
      conditional: boolean;
      error: string;
      backoffSeconds: number;
      flagAfter: number;
    },
  ): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const { rows } = await rawQuery<{ flagged: boolean; was: boolean }>(
        em,
        `UPDATE sources s SET polling_since = NULL, last_fetch_at = $2, last_status = $3, last_error = $4,
           last_error_at = $2, consecutive_failures = s.consecutive_failures + 1,
           next_fetch_at = $2::timestamptz + make_interval(secs => $5),
           flagged = s.flagged OR s.consecutive_failures + 1 >= $6, updated_at = now()
         FROM (SELECT flagged AS was FROM sources WHERE id = $1) old
         WHERE s.id = $1 RETURNING s.flagged, old.was`,
        [id, f.startedAt, f.status, f.error, f.backoffSeconds, f.flagAfter],
      );
      await this.insertFetch(em, id, { ...f, outcome: 'error', items: 0, newItems: 0, articlesCreated: 0 });
      const r = rows[0];
      const newlyFlagged = !!r && r.flagged && !r.was;
      if (newlyFlagged) await this.insertEvent(em, id, 'flagged', null, { error: f.error });
      return newlyFlagged;
    });
  }

  /** A poll that found the source gone or paused mid-way lets go of it. */
  async releasePoll(id: string): Promise<void> {
    await rawQuery(this.em, `UPDATE sources SET polling_since = NULL WHERE id = $1`, [id]);
  }

  private async insertFetch(
    em: EntityManager,
    id: string,
    f: {
      startedAt: Date;
      durationMs: number;
      outcome: FetchRow['outcome'];
      status: number | null;
      conditional: boolean;
      items: number;
      newItems: number;
      articlesCreated: number;
      error: string | null;
    },
  ): Promise<void> {
    await rawQuery(
      em,
      `INSERT INTO source_fetches
         (source_id, started_at, duration_ms, outcome, http_status, conditional, items, new_items, articles_created, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        f.startedAt,
        Math.round(f.durationMs),
        f.outcome,
        f.status,
        f.conditional,
        f.items,
        f.newItems,
        f.articlesCreated,
        f.error,
      ],
    );
  }

  /** The source's fetches, newest first; limit+1 rows (keyset on id). */
  async findFetches(sourceId: string, beforeId: string | null, limit: number): Promise<FetchRow[]> {
    const { rows } = await rawQuery<FetchRow>(
      this.em,
      `SELECT id::text, started_at, duration_ms, outcome, http_status, conditional, items, new_items,
              articles_created, error
       FROM source_fetches WHERE source_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY id DESC LIMIT $3`,
      [sourceId, beforeId, limit + 1],
    );
    return rows;
  }
}
