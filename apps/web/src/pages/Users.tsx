import { useState, type FormEvent } from 'react';
import { api, call, type User } from '../api/client';
import { useLoad } from '../hooks';
import { ErrorNote, Loading, Page } from '../ui';

type Role = 'admin' | 'editor' | 'reviewer';
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Admins: create and invite people, change role, capacity, languages and topics, deactivate, tokens. */
export function Users() {
  const users = useLoad(() => call(api.GET('/v1/users', { params: { query: { limit: 200 } } })), []);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({
    email: '',
    name: '',
    role: 'reviewer' as Role,
    capacity: '10',
    languages: '',
    topics: '',
  });

  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      users.reload();
    } catch (err) {
      setError(err);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const u = await call(
        api.POST('/v1/users', {
          body: {
            email: form.email,
            name: form.name,
            role: form.role,
            capacity: Number(form.capacity),
            languages: list(form.languages),
            topics: list(form.topics),
          },
        }),
      );
      const inv = await call(api.POST('/v1/users/{id}/invite', { params: { path: { id: u.id } } }));
      setShown(`Created ${u.name}. Send them this one-time link: ${location.origin}${inv.path}`);
      setForm({ email: '', name: '', role: 'reviewer', capacity: '10', languages: '', topics: '' });
    });
  };

  const invite = (u: User) =>
    run(async () => {
      const inv = await call(api.POST('/v1/users/{id}/invite', { params: { path: { id: u.id } } }));
      setShown(
        `Invite link for ${u.name} (one use, until ${new Date(inv.expiresAt).toLocaleString()}): ${location.origin}${inv.path}`,
      );
    });
  const patch = (
    u: User,
    body: { role?: Role; capacity?: number; active?: boolean; languages?: string[]; topics?: string[] },
  ) => run(() => call(api.PATCH('/v1/users/{id}', { params: { path: { id: u.id } }, body })));
  const token = (u: User) =>
    run(async () => {
      const t = await call(api.POST('/v1/users/{id}/token', { params: { path: { id: u.id } } }));
      setShown(`New API token for ${u.name} (shown once): ${t.token}`);
    });
  const revoke = (u: User) =>
    run(() => call(api.POST('/v1/users/{id}/token/revoke', { params: { path: { id: u.id } } })));

  return (
    <Page title="Users">
      <form className="card grid-form" onSubmit={create} aria-labelledby="new-user">
        <h2 id="new-user">Add a person</h2>
        <label>
          Email
          <input
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          Name
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            <option value="reviewer">reviewer</option>
            <option value="editor">editor</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>
          Capacity
          <input
            type="number"
            min={0}
            max={1000}
            value={form.capacity}
            onChange={(e) => setForm({ ...form, capacity: e.target.value })}
          />
        </label>
        <label>
          Languages (comma-separated ISO codes)
          <input value={form.languages} onChange={(e) => setForm({ ...form, languages: e.target.value })} />
        </label>
        <label>
          Topics (comma-separated)
          <input value={form.topics} onChange={(e) => setForm({ ...form, topics: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          Create and invite
        </button>
      </form>
      {shown && (
        <p role="status" className="note" data-testid="shown-once">
          {shown}
        </p>
      )}
      <ErrorNote error={error} />
      {users.loading && <Loading what="users" />}
      <div className="scroll">
        <table className="list">
          <caption className="sr-only">Everyone with access to claimdesk</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Capacity</th>
              <th scope="col">Languages / topics</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name}
                  <br />
                  <span className="muted">{u.email}</span>
                </td>
                <td>
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    onChange={(e) => void patch(u, { role: e.target.value as Role })}
                  >
                    <option value="reviewer">reviewer</option>
                    <option value="editor">editor</option>
                    <option value="admin">admin</option>
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Capacity of ${u.name}`}
                    type="number"
                    min={0}
                    max={1000}
                    defaultValue={u.capacity}
                    onBlur={(e) =>
                      Number(e.target.value) !== u.capacity && void patch(u, { capacity: Number(e.target.value) })
                    }
                  />
                </td>
                <td>
                  <input
                    aria-label={`Languages of ${u.name}`}
                    placeholder="languages: any"
                    defaultValue={u.languages.join(', ')}
                    onBlur={(e) =>
                      e.target.value !== u.languages.join(', ') && void patch(u, { languages: list(e.target.value) })
                    }
                  />
                  <input
                    aria-label={`Topics of ${u.name}`}
                    placeholder="topics: any"
                    defaultValue={u.topics.join(', ')}
                    onBlur={(e) =>
                      e.target.value !== u.topics.join(', ') && void patch(u, { topics: list(e.target.value) })
                    }
                  />
                </td>
                <td>{u.active ? 'active' : 'deactivated'}</td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => void patch(u, { active: !u.active })}>
                      {u.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                    <button type="button" onClick={() => void invite(u)} disabled={!u.active}>
                      Invite link
                    </button>
                    <button type="button" onClick={() => void token(u)} disabled={!u.active}>
                      New token
                    </button>
                    <button type="button" onClick={() => void revoke(u)}>
                      Revoke token
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
