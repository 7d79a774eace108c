import { useState } from 'react';
import { api, call, type ClaimDetail, type Verdict } from '../api/client';
import { useLoad } from '../hooks';

/** What an editor can do to the claim in its current state (queue, dismiss, assign, unassign, approve, reject). */
export function EditorActions({
  claim,
  act,
  verdicts,
}: {
  claim: ClaimDetail;
  act: (run: (version: number) => Promise<unknown>) => Promise<void>;
  verdicts: Verdict[];
}) {
  const id = claim.id;
  const [reason, setReason] = useState('');
  const [reviewerId, setReviewerId] = useState('');
  const [comment, setComment] = useState('');
  const reviewers = useLoad(
    () => call(api.GET('/v1/users', { params: { query: { role: 'reviewer', limit: 200 } } })),
    [],
  );
  const pending = verdicts.find((v) => v.status === 'submitted');
  const p = { params: { path: { id } } };

  if (!pending && !['new', 'queued', 'assigned', 'in_review'].includes(claim.status)) return null;
  return (
    <div className="card stack" aria-labelledby="editor-actions" role="group">
      <h2 id="editor-actions">Editor actions</h2>
      {claim.status === 'new' && (
        <button
          type="button"
          onClick={() => void act((version) => call(api.POST('/v1/claims/{id}/queue', { ...p, body: { version } })))}
        >
          Queue for review
        </button>
      )}
      {['new', 'queued', 'assigned', 'in_review'].includes(claim.status) && (
        <label>
          Reason (for dismiss, assign, unassign)
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {['new', 'queued'].includes(claim.status) && (
        <button
          type="button"
          disabled={!reason.trim()}
          onClick={() =>
            void act((version) => call(api.POST('/v1/claims/{id}/dismiss', { ...p, body: { reason, version } })))
          }
        >
          Dismiss
        </button>
      )}
      {['queued', 'assigned'].includes(claim.status) && (
        <div className="row">
          <label>
            Reviewer
            <select value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
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
          <button
            type="button"
            disabled={!reviewerId}
            onClick={() =>
              void act((version) =>
                call(
                  api.POST('/v1/claims/{id}/assign', {
                    ...p,
                    body: { reviewerId, version, ...(reason ? { reason } : {}) },
                  }),
                ),
              )
            }
          >
            {claim.status === 'assigned' ? 'Reassign' : 'Assign'}
          </button>
        </div>
      )}
      {['assigned', 'in_review'].includes(claim.status) && (
        <button
          type="button"
          onClick={() =>
            void act((version) =>
              call(api.POST('/v1/claims/{id}/unassign', { ...p, body: { version, ...(reason ? { reason } : {}) } })),
            )
          }
        >
          Unassign
        </button>
      )}
      {pending && (
        <>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void act(() => call(api.POST('/v1/verdicts/{id}/approve', { params: { path: { id: pending.id } } })))
            }
          >
            Approve verdict
          </button>
          <label>
            Comment for the reviewer
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={!comment.trim()}
            onClick={() =>
              void act(() =>
                call(api.POST('/v1/verdicts/{id}/reject', { params: { path: { id: pending.id } }, body: { comment } })),
              )
            }
          >
            Reject with comment
          </button>
        </>
      )}
    </div>
  );
}
