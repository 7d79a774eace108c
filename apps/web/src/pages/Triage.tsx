import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { allPages, api, call } from '../api/client';
import { POLL_MS, useArticleTitles, useLoad } from '../hooks';
import { Link } from '../router';
import { ErrorNote, Loading, Page } from '../ui';

/**
 * `new` claims by priority. Keyboard: j/k or arrows move, x or space selects, q queues, d dismisses (with the
 * reason typed), a assigns to the chosen reviewer; shift+a selects all. Bulk routes answer per claim.
 */
export function Triage() {
  const list = useLoad(
    () =>
      allPages((cursor) => call(api.GET('/v1/claims', { params: { query: { status: 'new', limit: 200, cursor } } }))),
    [],
    POLL_MS,
  );
  const reviewers = useLoad(
    () => call(api.GET('/v1/users', { params: { query: { role: 'reviewer', limit: 200 } } })),
    [],
    POLL_MS * 5,
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [reason, setReason] = useState('');
  const [reviewerId, setReviewerId] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const reasonRef = useRef<HTMLInputElement>(null);
  const reviewerRef = useRef<HTMLSelectElement>(null);

  const items = useMemo(() => [...(list.data ?? [])].sort((a, b) => b.priority - a.priority), [list.data]);
  const titleOf = useArticleTitles(
    items.map((c) => c.articleId),
    async (id) => (await call(api.GET('/v1/articles/{id}', { params: { path: { id } } }))).title ?? 'untitled article',
  );
  const ids = [...selected].filter((id) => items.some((c) => c.id === id));

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const bulk = async (kind: 'queue' | 'dismiss' | 'assign') => {
    setError(null);
    if (!ids.length) return setResult('Select claims first (x or space).');
    if (kind === 'dismiss' && !reason.trim())
      return (setResult('Type a reason to dismiss.'), reasonRef.current?.focus());
    if (kind === 'assign' && !reviewerId)
      return (setResult('Choose a reviewer to assign to.'), reviewerRef.current?.focus());
    try {
      // The bulk routes take up to 200 ids a call.
      const answers = [];
      for (let i = 0; i < ids.length; i += 200) {
        const chunk = ids.slice(i, i + 200);
        const why = reason.trim() ? { reason: reason.trim() } : {};
        const res =
          kind === 'queue'
            ? await call(api.POST('/v1/claims/bulk/queue', { body: { ids: chunk } }))
            : kind === 'dismiss'
              ? await call(api.POST('/v1/claims/bulk/dismiss', { body: { ids: chunk, reason: reason.trim() } }))
              : await call(api.POST('/v1/claims/bulk/assign', { body: { ids: chunk, reviewerId, ...why } }));
        answers.push(...res.items);
      }
      const ok = answers.filter((i) => i.ok).length;
      const failed = answers.filter((i) => !i.ok);
      setResult(
        `${kind}: ${ok} done${failed.length ? `, ${failed.length} refused (${failed.map((f) => f.error ?? 'conflict').join('; ')})` : ''}.`,
      );
      setSelected(new Set());
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    const move = (d: number) => {
      const n = Math.max(0, Math.min(items.length - 1, cursor + d));
      setCursor(n);
      rows.current[n]?.focus();
    };
    const k = e.key;
    if (k === 'j' || k === 'ArrowDown') move(1);
    else if (k === 'k' || k === 'ArrowUp') move(-1);
    else if ((k === 'x' || k === ' ') && items[cursor]) toggle(items[cursor].id);
    else if (k === 'A') setSelected(new Set(items.map((c) => c.id)));
    else if (k === 'q') void bulk('queue');
    else if (k === 'd') void bulk('dismiss');
    else if (k === 'a') void bulk('assign');
    else return;
    e.preventDefault();
  };

  return (
    <Page title="Triage">
      <p className="muted" id="triage-help">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>x</kbd> select, <kbd>Shift</kbd>+<kbd>a</kbd> select all,{' '}
        <kbd>q</kbd> queue, <kbd>d</kbd> dismiss, <kbd>a</kbd> assign.
      </p>
      <div className="toolbar" role="group" aria-label="Bulk actions">
        <span aria-live="polite">{ids.length} selected</span>
        <button type="button" onClick={() => void bulk('queue')}>
          Queue
        </button>
        <label>
          Reason (dismiss, assign)
          <input ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" onClick={() => void bulk('dismiss')}>
          Dismiss
        </button>
        <label>
          Reviewer
          <select ref={reviewerRef} value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
            <option value="">Choose…</option>
            {(reviewers.data?.items ?? [])
              .filter((u) => u.active)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.load}/{u.capacity})
                </option>
              ))}
          </select>
        </label>
        <button type="button" onClick={() => void bulk('assign')}>
          Assign
        </button>
      </div>
      {result && (
        <p role="status" className="note">
          {result}
        </p>
      )}
      <ErrorNote error={error} />
      <ErrorNote error={list.error} onReload={list.reload} />
      {list.loading && <Loading what="new claims" />}
      {list.data && items.length === 0 && <p className="muted">No new claims to triage.</p>}
      {items.length > 0 && (
        <div className="scroll">
          <table className="list compact" onKeyDown={onKey} aria-describedby="triage-help">
            <caption className="sr-only">New claims, highest priority first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all"
                    checked={ids.length === items.length}
                    onChange={(e) => setSelected(e.target.checked ? new Set(items.map((c) => c.id)) : new Set())}
                  />
                </th>
                <th scope="col">Claim</th>
                <th scope="col">Score</th>
                <th scope="col">Type</th>
                <th scope="col">Article</th>
                <th scope="col">Priority</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c, i) => (
                <tr
                  key={c.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  tabIndex={i === cursor ? 0 : -1}
                  onFocus={() => setCursor(i)}
                  className={selected.has(c.id) ? 'selected' : ''}
                  aria-selected={selected.has(c.id)}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select: ${c.text.slice(0, 60)}`}
                      checked={selected.has(c.id)}
                      onChange={() => toggle(c.id)}
                    />
                  </td>
                  <td>
                    <Link href={`/claims/${c.id}`}>{c.text}</Link>
                  </td>
                  <td>{c.score.toFixed(2)}</td>
                  <td>{c.type}</td>
                  <td className="article-cell">{titleOf(c.articleId)}</td>
                  <td>{c.priority.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
