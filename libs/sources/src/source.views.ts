import type { FetchRow, SourceRow } from './sources.repository';

export interface SourceHealth {
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** Set while the source is backed off after failures: no poll before then. */
  nextFetchAt: string | null;
  /** Failed SOURCE_FLAG_AFTER_FAILURES times in a row: an editor should look at it. */
  flagged: boolean;
  itemsSeen: number;
  articlesCreated: number;
}

export interface SourceView {
  id: string;
  url: string;
  title: string | null;
  intervalSeconds: number;
  language: string | null;
  topics: string[];
  status: 'active' | 'paused';
  health: SourceHealth;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toSourceView(s: SourceRow): SourceView {
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    intervalSeconds: s.interval_seconds,
    language: s.language,
    topics: s.topics,
    status: s.status,
    health: {
      lastFetchAt: iso(s.last_fetch_at),
      lastSuccessAt: iso(s.last_success_at),
      lastStatus: s.last_status,
      lastError: s.last_error,
      lastErrorAt: iso(s.last_error_at),
      consecutiveFailures: s.consecutive_failures,
      nextFetchAt: iso(s.next_fetch_at),
      flagged: s.flagged,
      itemsSeen: s.items_seen,
      articlesCreated: s.articles_created,
    },
    createdBy: s.created_by,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

export interface SourceFetchView {
  startedAt: string;
  durationMs: number;
  outcome: FetchRow['outcome'];
  httpStatus: number | null;
  conditional: boolean;
  items: number;
  newItems: number;
  articlesCreated: number;
  error: string | null;
}

export function toFetchView(f: FetchRow): SourceFetchView {
  return {
    startedAt: f.started_at.toISOString(),
    durationMs: f.duration_ms,
    outcome: f.outcome,
    httpStatus: f.http_status,
    conditional: f.conditional,
    items: f.items,
    newItems: f.new_items,
    articlesCreated: f.articles_created,
    error: f.error,
  };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
