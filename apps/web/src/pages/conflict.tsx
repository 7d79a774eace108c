import { api, ApiError, call } from '../api/client';
import { fmtTime } from '../ui';

export interface Conflict {
  message: string;
  who: string;
  at: string | null;
}

/** A 409: the claim changed under us. The newest audit event says who changed it and when. */
export async function conflictOf(id: string, err: ApiError, nameOf: (id: string | null) => string): Promise<Conflict> {
  try {
    const events = await call(api.GET('/v1/claims/{id}/events', { params: { path: { id } } }));
    const last = events.items.at(-1);
    return { message: err.message, who: last ? nameOf(last.actorId) : 'someone', at: last?.at ?? null };
  } catch {
    return { message: err.message, who: 'someone', at: null };
  }
}

export function ConflictNote({ conflict, onReload }: { conflict: Conflict; onReload: () => void }) {
  return (
    <div role="alert" className="note warn" data-testid="conflict">
      <strong>This claim was changed by {conflict.who}</strong>
      {conflict.at ? ` at ${fmtTime(conflict.at)}` : ''} while you had it open. Your change was not applied.
      <p className="muted">{conflict.message}</p>
      <button type="button" onClick={onReload}>
        Reload the claim
      </button>
    </div>
  );
}
