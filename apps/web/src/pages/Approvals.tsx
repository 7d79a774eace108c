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
          const verdict = vs.items.find((v) => v.status === 'submitted') ?? null;
          // A correction: the claim already had a published verdict (approved, or superseded by a later one).
          const correction = vs.items.some((v) => v.status === 'approved' || v.status === 'superseded');
          return { claim, verdict, correction };
        }),
      );
    },
    [],
    POLL_MS,
  );
  const people = useLoad(() => call(api.GET('/v1/users', { params: { query: { limit: 200 } } })), []);
  const nameOf = (id: string) => people.data?.items.find((u) => u.id === id)?.name ?? 'a reviewer';
  return (
    <Page title="Approvals">
      <ErrorNote error={list.error} onReload={list.reload} />
      {list.loading && <Loading what="submitted verdicts" />}
      {list.data?.length === 0 && <p className="muted">Nothing waits for approval.</p>}
      <ul className="plain">
        {(list.data ?? []).map(({ claim, verdict, correction }) =>
          verdict ? (
            <Approval
              key={verdict.id}
              claim={claim}
              verdict={verdict}
              correction={correction}
              author={verdict.authorId === me.id ? 'you' : nameOf(verdict.authorId)}
              own={verdict.authorId === me.id}
              done={list.reload}
            />
          ) : null,
        )}
      </ul>
    </Page>
  );
}

function Approval({
  claim,
  verdict,
  correction,
  author,
  own,
  done,
}: {
  claim: Claim;
  verdict: Verdict;
  correction: boolean;
  author: string;
  own: boolean;
  done: () => void;
}) {
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
      {correction && <p className="kind">Correction of a published verdict</p>}
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
      <p className="muted">
        Submitted by {author}, {fmtTime(verdict.createdAt)}
      </p>
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
