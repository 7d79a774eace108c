import { useState } from 'react';
import { api, call } from '../api/client';
import { POLL_MS, useLoad } from '../hooks';
import { Link, navigate } from '../router';
import { ErrorNote, Loading, Page, relTime, StatusBadge } from '../ui';

/** The reviewer's work: assigned and in review, most urgent (earliest due) first; "Take next" asks the api. */
export function Queue() {
  const list = useLoad(() => call(api.GET('/v1/me/assignments')), [], POLL_MS);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const takeNext = async () => {
    setError(null);
    const res = await api.POST('/v1/claims/next');
    if (res.response.status === 204) return setNote('Nothing waiting for you right now.');
    if (!res.response.ok) return setError(await call(Promise.resolve(res)).catch((e: unknown) => e));
    navigate(`/claims/${res.data!.id}`);
  };

  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || b.claim.priority - a.claim.priority,
  );
  return (
    <Page
      title="My queue"
      actions={
        <button type="button" className="primary" onClick={() => void takeNext()}>
          Take next
        </button>
      }
    >
      {note && (
        <p role="status" className="note">
          {note}
        </p>
      )}
      <ErrorNote error={error} />
      <ErrorNote error={list.error} onReload={list.reload} />
      {list.loading && <Loading what="your queue" />}
      {list.data && items.length === 0 && <p className="muted">Your queue is empty. Take next to get a claim.</p>}
      {items.length > 0 && (
        <table className="list compact">
          <caption className="sr-only">Claims assigned to you, most urgent first</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
              <th scope="col">Priority</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.assignmentId}>
                <td>
                  <Link href={`/claims/${a.claim.id}`}>{a.claim.text}</Link>
                </td>
                <td>
                  <StatusBadge status={a.claim.status} />
                </td>
                <td className={new Date(a.dueAt) < new Date() ? 'due overdue' : 'due'}>{relTime(a.dueAt)}</td>
                <td>{a.claim.priority.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
