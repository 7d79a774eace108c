import { api, call } from '../api/client';
import { POLL_MS, useLoad } from '../hooks';
import { ErrorNote, Loading, Page } from '../ui';

/** Reviewers and their load against capacity. */
export function Reviewers() {
  const list = useLoad(
    () => call(api.GET('/v1/users', { params: { query: { role: 'reviewer', limit: 200 } } })),
    [],
    POLL_MS,
  );
  return (
    <Page title="Reviewers">
      <ErrorNote error={list.error} onReload={list.reload} />
      {list.loading && <Loading what="reviewers" />}
      {/* Focusable, so the table can be scrolled sideways by keyboard on a narrow screen. */}
      <div className="scroll" tabIndex={0} role="region" aria-label="Reviewers, scrollable">
        <table className="list">
          <caption className="sr-only">Reviewers, their open assignments and capacity</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Load</th>
              <th scope="col">Languages</th>
              <th scope="col">Topics</th>
              <th scope="col">Active</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>
                  <meter
                    min={0}
                    max={Math.max(1, u.capacity)}
                    value={u.load}
                    aria-label={`${u.name}: ${u.load} of ${u.capacity}`}
                  />{' '}
                  {u.load}/{u.capacity}
                </td>
                <td>{u.languages.join(', ') || 'any'}</td>
                <td>{u.topics.join(', ') || 'any'}</td>
                <td>{u.active ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
