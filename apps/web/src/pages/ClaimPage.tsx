import { useState } from 'react';
import { api, ApiError, call, type ClaimDetail, type Schemas, type User, type Verdict } from '../api/client';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { isEditor, useMe } from '../session';
import { ErrorNote, fmtTime, Loading, Page, relTime, StatusBadge } from '../ui';
import { VerdictForm, type VerdictInput } from './VerdictForm';
import { ConflictNote, conflictOf, type Conflict } from './conflict';
import { EditorActions } from './EditorActions';

/**
 * The claim's sentence, marked, inside the sentences around it. The API's `context` gives the neighbouring
 * sentences; with the article's body at hand (editors) the marked text is the body at the claim's span (API.md:
 * UTF-16 offsets), so what is highlighted is exactly what was extracted.
 */
function ArticleContext({ claim, body }: { claim: ClaimDetail; body?: string }) {
  const sentence = body && claim.span ? body.slice(claim.span.start, claim.span.end) : claim.sentence;
  const before = claim.context?.before ?? '';
  const after = claim.context?.after ?? '';
  return (
    <blockquote className="article" aria-label="The claim in its article">
      {before && !before.endsWith('\n') ? `${before} ` : before}
      <mark data-testid="claim-sentence">{sentence}</mark>
      {after && !after.startsWith('\n') ? ` ${after}` : after}
    </blockquote>
  );
}

/** "from 2,400 to 3,500 confidentiality orders: 2,400–3,500" (the parsed numbers after the words they came from). */
function quantityText(q: Schemas['QuantityResponse']): string {
  const n = (x: number) => x.toLocaleString('en');
  const parsed =
    q.value !== undefined && q.value !== null
      ? n(q.value)
      : q.min !== undefined && q.min !== null && q.max !== undefined && q.max !== null
        ? `${n(q.min)}–${n(q.max)}`
        : '';
  const unit = q.unit && !q.text.includes(q.unit) ? ` ${q.unit}` : '';
  return parsed ? `${q.text}: ${parsed}${unit}` : q.text;
}

export function ClaimPage({ id }: { id: string }) {
  const me = useMe();
  const claim = useLoad(() => call(api.GET('/v1/claims/{id}', { params: { path: { id } } })), [id]);
  const events = useLoad(
    () => call(api.GET('/v1/claims/{id}/events', { params: { path: { id } } })),
    [id, claim.data?.version],
  );
  const verdicts = useLoad(
    () => call(api.GET('/v1/claims/{id}/verdicts', { params: { path: { id } } })),
    [id, claim.data?.version],
  );
  const article = useLoad(
    () =>
      claim.data && isEditor(me)
        ? call(api.GET('/v1/articles/{id}', { params: { path: { id: claim.data.articleId } } }))
        : Promise.resolve(null),
    [claim.data?.articleId],
  );
  const people = useLoad(
    () => (isEditor(me) ? call(api.GET('/v1/users', { params: { query: { limit: 200 } } })) : Promise.resolve(null)),
    [],
  );
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<unknown>(null);

  const nameOf = (uid: string | null | undefined): string => {
    if (!uid) return 'claimdesk';
    if (uid === me.id) return 'you';
    return (
      events.data?.items.find((e) => e.actorId === uid)?.actorName ??
      people.data?.items.find((u: User) => u.id === uid)?.name ??
      'another user'
    );
  };

  /** Runs a state change with the claim's version; a 409 becomes a "changed by" note with a reload button. */
  const act = async (run: (version: number) => Promise<unknown>) => {
    setError(null);
    setConflict(null);
    try {
      await run(claim.data!.version);
      claim.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(await conflictOf(id, err, me.id));
        events.reload();
      } else setError(err);
    }
  };

  if (claim.error)
    return (
      <>
        <ErrorNote error={claim.error} onReload={claim.reload} />
        <p>
          <Link href={isEditor(me) ? '/triage' : '/queue'}>
            {isEditor(me) ? 'Back to triage' : 'Back to your queue'}
          </Link>
        </p>
      </>
    );
  if (!claim.data) return <Loading what="the claim" />;
  const c = claim.data;
  const mine = c.assigneeId === me.id;
  const all = verdicts.data?.items ?? [];
  const rejected = [...all].reverse().find((v) => v.status === 'rejected');
  const published = [...all].reverse().find((v) => v.status === 'approved');

  return (
    <Page title="Claim" actions={<StatusBadge status={c.status} />}>
      <p className="claim-text">{c.text}</p>
      <ArticleContext claim={c} body={article.data?.body} />
      {c.article && (
        <p className="muted">
          From <cite>{c.article.title ?? 'an untitled article'}</cite>
          {c.article.source ? `, ${c.article.source}` : ''}{' '}
          {c.article.publishedAt ? `(${fmtTime(c.article.publishedAt)})` : ''}
        </p>
      )}
      <dl className="facts">
        <dt>Claimant</dt>
        <dd>{c.claimant ?? 'not named'}</dd>
        <dt>Type</dt>
        <dd>{c.type}</dd>
        <dt>Score</dt>
        <dd>{c.score.toFixed(2)}</dd>
        <dt>Priority</dt>
        <dd>{c.priority.toFixed(2)}</dd>
        <dt>Assignee</dt>
        <dd>{c.assigneeId ? nameOf(c.assigneeId) : 'nobody'}</dd>
        <dt>Due</dt>
        <dd>
          {c.dueAt && ['assigned', 'in_review'].includes(c.status) ? `${fmtTime(c.dueAt)} (${relTime(c.dueAt)})` : '—'}
        </dd>
        <dt>Quantities</dt>
        <dd>
          {c.quantities.length === 0
            ? 'none'
            : c.quantities.map((q: Schemas['QuantityResponse'], i: number) => (
                <span key={i} className="chip">
                  {quantityText(q)}
                </span>
              ))}
        </dd>
      </dl>

      {conflict && <ConflictNote conflict={conflict} onReload={() => (setConflict(null), claim.reload())} />}
      <ErrorNote error={error} />

      {rejected && c.status === 'in_review' && (
        <div className="note warn" role="note">
          <strong>Sent back by the editor</strong>
          <p data-testid="rejection-comment">{rejected.reviewComment}</p>
        </div>
      )}

      {me.role === 'reviewer' && mine && c.status === 'assigned' && (
        <button
          type="button"
          className="primary"
          onClick={() =>
            void act((version) =>
              call(api.POST('/v1/claims/{id}/start', { params: { path: { id } }, body: { version } })),
            )
          }
        >
          Start review
        </button>
      )}
      {me.role === 'reviewer' && mine && c.status === 'in_review' && (
        <VerdictForm
          key={rejected?.id ?? 'new'}
          initial={rejected ? asInput(rejected) : undefined}
          onSubmit={(v) =>
            act((version) =>
              call(api.POST('/v1/claims/{id}/verdicts', { params: { path: { id } }, body: { ...v, version } })),
            )
          }
        />
      )}
      {isEditor(me) && <EditorActions claim={c} act={act} verdicts={all} />}
      {isEditor(me) && c.status === 'published' && published && (
        <Correction
          key={published.id}
          published={published}
          onSubmit={(v) =>
            act((version) =>
              call(api.POST('/v1/claims/{id}/corrections', { params: { path: { id } }, body: { ...v, version } })),
            )
          }
        />
      )}
      {c.status === 'published' && (
        <p>
          <Link href={`/published/${c.id}`}>See the published fact check</Link>
        </p>
      )}

      <h2>Verdicts</h2>
      {all.length === 0 ? (
        <p className="muted">No verdict yet.</p>
      ) : (
        <ul className="plain">
          {all.map((v) => (
            <li key={v.id} className="card">
              <strong>{v.rating.replace('_', ' ')}</strong> <StatusBadge status={v.status} /> v{v.version} by{' '}
              {nameOf(v.authorId)}, {fmtTime(v.createdAt)}
              <p>{v.summary}</p>
              {v.sources.length > 0 && (
                <ul className="sources">
                  {v.sources.map((src) => (
                    <li key={src.url}>
                      <a href={src.url} rel="noreferrer noopener">
                        {src.title ?? src.url}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {v.reviewComment && <p className="muted">Editor: {v.reviewComment}</p>}
            </li>
          ))}
        </ul>
      )}

      <h2>Audit trail</h2>
      <ErrorNote error={events.error} />
      <ol className="trail">
        {(events.data?.items ?? []).map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{fmtTime(e.at)}</time> {e.type.replace(/_/g, ' ')}
            {e.fromStatus || e.toStatus ? ` ${e.fromStatus ?? '∅'} → ${e.toStatus ?? '∅'}` : ''} by{' '}
            {e.actorId === me.id ? 'you' : (e.actorName ?? (e.actorId ? 'another user' : 'claimdesk'))}
            {typeof e.data?.reason === 'string' ? ` — ${e.data.reason}` : ''}
          </li>
        ))}
      </ol>
    </Page>
  );
}

/** A stored verdict as the form's starting point (a resubmission after a rejection, a correction). */
function asInput(v: Verdict): VerdictInput {
  return {
    rating: v.rating,
    summary: v.summary,
    sources: v.sources.map((s) => ({ url: s.url, ...(s.title ? { title: s.title } : {}) })),
  };
}

/** An editor corrects a published verdict: a new version, approved by another editor before it replaces it. */
function Correction({ published, onSubmit }: { published: Verdict; onSubmit: (v: VerdictInput) => Promise<void> }) {
  const [open, setOpen] = useState(location.hash === '#correct');
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Correct the published verdict
        </button>
      </p>
    );
  return (
    <div id="correct">
      <p className="muted">
        A correction is a new version of the verdict. It goes to approval; once another editor approves it, it replaces
        the published one and the published page says it was corrected.
      </p>
      <VerdictForm
        title="Correction"
        submitLabel="Submit the correction"
        initial={asInput(published)}
        onSubmit={onSubmit}
      />
    </div>
  );
}
