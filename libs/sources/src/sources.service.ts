import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { canonicalUrl } from '@claimdesk/articles';
import { Actor, ConflictError, decodeCursor, InvalidError, NotFoundError, Page, toPage } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { JobProducer } from '@claimdesk/queue';
import { UsersService } from '@claimdesk/users';
import { SourcesRepository } from './sources.repository';
import { SourceFetchView, SourceView, toFetchView, toSourceView } from './source.views';

export interface CreateSourceInput {
  url: string;
  intervalSeconds?: number;
  language?: string;
  topics?: string[];
}

/**
 * Feed sources: PostgreSQL holds each source and its health; Redis holds one job scheduler per active source
 * (`source-<id>`), armed on create and resume, removed on pause and delete, and re-armed by the sweeper when
 * Redis lost it. Scheduler changes are best effort after commit: the sweeper puts right what they missed.
 */
@Injectable()
export class SourcesService {
  private readonly log = new Logger(SourcesService.name);

  constructor(
    private readonly sources: SourcesRepository,
    private readonly users: UsersService,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async create(input: CreateSourceInput, actor: Actor): Promise<SourceView> {
    const url = canonicalUrl(input.url);
    if (!url) throw new InvalidError('url', 'must be an http(s) URL');
    const interval = input.intervalSeconds ?? this.config.SOURCE_DEFAULT_INTERVAL_SECONDS;
    if (interval < this.config.SOURCE_MIN_INTERVAL_SECONDS) {
      throw new InvalidError(
        'intervalSeconds',
        `must be at least ${this.config.SOURCE_MIN_INTERVAL_SECONDS} (SOURCE_MIN_INTERVAL_SECONDS)`,
      );
    }
    const topics = [...new Set((input.topics ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
    const created = await this.db.transaction(async (em) => {
      await this.users.assertCurrent(em, actor);
      const row = await this.sources.insert(em, {
        url,
        intervalSeconds: interval,
        language: input.language ?? null,
        topics,
        createdBy: actor.id,
      });
      if (!row) return null;
      await this.sources.insertEvent(em, row.id, 'created', actor.id, { url, intervalSeconds: interval });
      return row;
    });
    if (!created) {
      const id = await this.sources.findIdByUrl(url);
      throw new ConflictError(`a source with this URL exists: ${id ?? url}`);
    }
    await this.arm(created.id, created.interval_seconds);
    return toSourceView(created);
  }

  async get(id: string): Promise<SourceView> {
    const row = await this.sources.findById(id);
    if (!row) throw new NotFoundError('source', id);
    return toSourceView(row);
  }

  async list(limit: number, cursor?: string): Promise<Page<SourceView>> {
    const rows = await this.sources.findPage(decodeCursor(cursor), limit);
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.created_at })),
      limit,
      toSourceView,
    );
  }

  /** The source's fetches, newest first. */
  async fetches(id: string, limit: number, cursor?: string): Promise<Page<SourceFetchView>> {
    if (!(await this.sources.findById(id))) throw new NotFoundError('source', id);
    const before = cursor ? decodeFetchCursor(cursor) : null;
    const rows = await this.sources.findFetches(id, before, limit);
    const items = rows.slice(0, limit);
    const next = rows.length > limit ? Buffer.from(`f${items[items.length - 1].id}`).toString('base64url') : null;
    return { items: items.map(toFetchView), nextCursor: next };
  }

  /** The source's audit trail, oldest first. */
  async events(id: string) {
    return (await this.sources.findEvents(id)).map((e) => ({
      type: e.type,
      actorId: e.actor_id,
      at: e.at.toISOString(),
      data: e.data,
    }));
  }

  /** Stops polling (audited). Pausing a paused source is a 409. */
  async pause(id: string, actor: Actor): Promise<SourceView> {
    const row = await this.db.transaction(async (em) => {
      await this.users.assertCurrent(em, actor);
      const s = await this.sources.lockById(em, id);
      if (!s) throw new NotFoundError('source', id);
      if (s.status === 'paused') throw new ConflictError(`source ${id} is paused already`);
      await this.sources.insertEvent(em, id, 'paused', actor.id);
      return this.sources.setStatus(em, id, 'paused', false);
    });
    await this.disarm(id);
    return toSourceView(row);
  }

  /** Polls again at once, the back-off and the flag cleared (an editor looked at it); audited. */
  async resume(id: string, actor: Actor): Promise<SourceView> {
    const row = await this.db.transaction(async (em) => {
      await this.users.assertCurrent(em, actor);
      const s = await this.sources.lockById(em, id);
      if (!s) throw new NotFoundError('source', id);
      if (s.status === 'active') throw new ConflictError(`source ${id} is active already`);
      await this.sources.insertEvent(em, id, 'resumed', actor.id);
      return this.sources.setStatus(em, id, 'active', true);
    });
    await this.arm(row.id, row.interval_seconds);
    return toSourceView(row);
  }

  /** Deletes the source with its items and fetches; its articles stay, and so does its audit trail. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.users.assertCurrent(em, actor);
      const s = await this.sources.lockById(em, id);
      if (!s) throw new NotFoundError('source', id);
      await this.sources.insertEvent(em, id, 'deleted', actor.id, {
        url: s.url,
        itemsSeen: s.items_seen,
        articlesCreated: s.articles_created,
      });
      await this.sources.delete(em, id);
    });
    await this.disarm(id);
  }

  /** The sweeper's step: re-arms the scheduler of every active source that has none in Redis. */
  async rearmLost(batch = 500): Promise<number> {
    let rearmed = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.sources.findActiveIds(after, batch);
      if (!page.length) return rearmed;
      const lost = new Set(await this.jobs.sourcesWithoutScheduler(page.map((s) => s.id)));
      for (const s of page.filter((p) => lost.has(p.id))) {
        await this.jobs.scheduleSourcePolls(s.id, s.interval_seconds * 1000);
        rearmed++;
      }
      if (page.length < batch) return rearmed;
      after = page[page.length - 1].id;
    }
  }

  private async arm(id: string, intervalSeconds: number): Promise<void> {
    try {
      await this.jobs.scheduleSourcePolls(id, intervalSeconds * 1000);
    } catch (err) {
      this.log.warn(`could not arm the scheduler of source ${id} (the sweeper will): ${(err as Error).message}`);
    }
  }

  private async disarm(id: string): Promise<void> {
    try {
      await this.jobs.unscheduleSourcePolls(id);
    } catch (err) {
      // A poll that still comes finds the source paused or gone and does nothing.
      this.log.warn(`could not remove the scheduler of source ${id}: ${(err as Error).message}`);
    }
  }
}

function decodeFetchCursor(raw: string): string {
  const s = Buffer.from(raw, 'base64url').toString('utf8');
  if (!/^f\d{1,18}$/.test(s)) throw new InvalidError('cursor', 'is not a cursor returned by this API');
  return s.slice(1);
}
