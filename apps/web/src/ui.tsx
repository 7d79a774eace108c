import type { ReactNode } from 'react';
import { ApiError, describeError } from './api/client';

export function ErrorNote({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <div role="alert" className="note error">
      <strong>{status === 403 ? 'No access' : status === 404 ? 'Not found' : 'Something went wrong'}</strong>
      <p>{describeError(error)}</p>
      {onReload && status !== 403 && status !== 404 && (
        <button type="button" onClick={onReload}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge s-${status}`}>{status.replace('_', ' ')}</span>;
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "in 2 h", "5 min ago": for due times. */
export function relTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const mins = Math.round((new Date(iso).getTime() - Date.now()) / 60000);
  const abs = Math.abs(mins);
  const text = abs < 60 ? `${abs} min` : abs < 48 * 60 ? `${Math.round(abs / 60)} h` : `${Math.round(abs / 1440)} d`;
  return mins >= 0 ? `in ${text}` : `${text} overdue`;
}
