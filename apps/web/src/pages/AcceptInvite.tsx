import { useState, type FormEvent } from 'react';
import { api, call, type User } from '../api/client';
import { ErrorNote } from '../ui';

export function AcceptInvite({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) return setError(new Error('The two passwords differ.'));
    if (password.length < 10) return setError(new Error('Use at least 10 characters.'));
    try {
      const s = await call(api.POST('/v1/auth/accept-invite', { body: { token, password } }));
      history.replaceState(null, '', '/');
      onSignedIn(s.user);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>Welcome to claimdesk</h1>
      {!token ? (
        <ErrorNote error={new Error('This invite link has no token. Ask an admin for a new one.')} />
      ) : (
        <form onSubmit={(e) => void submit(e)} className="stack">
          <p>Choose a password (at least 10 characters) to finish your invitation.</p>
          <label>
            New password
            <input
              type="password"
              autoComplete="new-password"
              minLength={10}
              maxLength={200}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <label>
            Repeat it
            <input
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </label>
          <button type="submit" className="primary">
            Set password and sign in
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </main>
  );
}
