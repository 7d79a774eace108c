import { api, ApiError, call } from '../api/client';
import { fmtTime } from '../ui';

export interface Conflict {
  message: string;
  who: string;
  at: string | null;
}

/**
 * A 409: the claim changed under us. Its newest audit event says who changed it and when (the API names the
 * actor, so a reviewer, who cannot list users, still learns who it was).
 */
export async function conflictOf(id: string, err: ApiError, meId: string): Promise<Conflict> {
  try {
    const events = await call(api.GET('/v1/claims/{id}/events', { params: { path: { id } } }));
    const last = events.items.at(-1);
    const who = !last
      ? 'someone'
      : last.actorId === meId
        ? 'you (in another window or tab)'
        : (last.actorName ?? (last.actorId ? 'another user' : 'claimdesk (an automatic step)'));
    return { message: err.message, who, at: last?.at ?? null };
  } catch {
    return { message: err.message, who: 'someone', at: null };
  }
}

export function ConflictNote({ conflict, onReload }: { conflict: Conflict; onReload: () => void }) {
  return (
    <div role="alert" className="note warn" data-testid="conflict">
      <strong>This claim was changed by {conflict.who}</strong>
      {conflict.at ? ` at ${fmtTime(conflict.at)}` : ''} while you had it open. Your change was not applied: reload to
      see the claim as it is now.
      <p className="muted">{conflict.message}</p>
      <button type="button" className="primary" onClick={onReload}>
        Reload the claim
      </button>
    </div>
  );
}
