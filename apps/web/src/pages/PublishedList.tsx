import { allPages, api, call } from '../api/client';
import { POLL_MS, useLoad } from '../hooks';
import { Link } from '../router';
import { ErrorNote, fmtTime, Loading, Page } from '../ui';

/** Published fact checks, newest first: each links to its public view and to a correction. */
export function PublishedList() {
  const list = useLoad(
    () =>
      allPages((cursor) =>
        call(api.GET('/v1/claims', { params: { query: { status: 'published', limit: 200, cursor } } })),
      ),
    [],
    POLL_MS * 2,
  );
  const items = [...(list.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <Page title="Published and corrections">
      <p className="muted">
        A published verdict is corrected from its claim page: the correction goes to approval like any verdict.
      </p>
      <ErrorNote error={list.error} onReload={list.reload} />
      {list.loading && <Loading what="published fact checks" />}
      {list.data && items.length === 0 && <p className="muted">Nothing is published yet.</p>}
      {items.length > 0 && (
        <div className="scroll">
          <table className="list">
            <caption className="sr-only">Published fact checks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Published</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/published/${c.id}`}>{c.text}</Link>
                  </td>
                  <td>{fmtTime(c.updatedAt)}</td>
                  <td>
                    <Link href={`/claims/${c.id}#correct`} aria-label={`Correct: ${c.text.slice(0, 60)}`}>
                      Correct
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
