import { useState } from 'react';
import { api, call, type Claim, type Verdict } from '../api/client';
import { POLL_MS, useLoad } from '../hooks';
import { Link } from '../router';
import { useMe } from '../session';
import { ErrorNote, fmtTime, Loading, Page } from '../ui';

/** Submitted verdicts waiting for a second pair of eyes: approve, or reject with a comment (never one's own). */
export function Approvals() {
  const me = useMe();
  const list = useLoad(
    async () => {
      const claims = await call(api.GET('/v1/claims', { params: { query: { status: 'submitted', limit: 200 } } }));
      return Promise.all(
        claims.items.map(async (claim) => {
          const vs = await call(api.GET('/v1/claims/{id}/verdicts', { params: { path: { id: claim.id } } }));
          return { claim, verdict: vs.items.find((v) => v.status === 'submitted') ?? null };
        }),
      );
    },
    [],
    POLL_MS,
  );
  return (
    <Page title="Approvals">
      <ErrorNote error={list.error} onReload={list.reload} />
      {list.loading && <Loading what="submitted verdicts" />}
      {list.data?.length === 0 && <p className="muted">Nothing waits for approval.</p>}
      <ul className="plain">
        {(list.data ?? []).map(({ claim, verdict }) =>
          verdict ? (
            <Approval
              key={verdict.id}
              claim={claim}
              verdict={verdict}
              own={verdict.authorId === me.id}
              done={list.reload}
            />
          ) : null,
        )}
      </ul>
    </Page>
  );
}

function Approval({ claim, verdict, own, done }: { claim: Claim; verdict: Verdict; own: boolean; done: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const p = { params: { path: { id: verdict.id } } };
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      done();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className="card stack">
      <Link href={`/claims/${claim.id}`}>{claim.text}</Link>
      <p>
        <strong>{verdict.rating.replace('_', ' ')}</strong> — {verdict.summary}
      </p>
      <ul>
        {verdict.sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} rel="noreferrer noopener" target="_blank">
              {s.title ?? s.url}
            </a>
          </li>
        ))}
      </ul>
      <p className="muted">Submitted {fmtTime(verdict.createdAt)}</p>
      {own ? (
        <p className="muted">You wrote this verdict: another editor approves it.</p>
      ) : (
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => void run(() => call(api.POST('/v1/verdicts/{id}/approve', p)))}
          >
            Approve
          </button>
          <label>
            Comment
            <input value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={!comment.trim()}
            onClick={() => void run(() => call(api.POST('/v1/verdicts/{id}/reject', { ...p, body: { comment } })))}
          >
            Reject
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
