import { useEffect, useState } from 'react';
import { api, ApiError, call, type User } from './api/client';
import { Link, navigate, usePath } from './router';
import { isEditor, SessionContext } from './session';
import { ErrorNote, Loading } from './ui';
import { Login } from './pages/Login';
import { AcceptInvite } from './pages/AcceptInvite';
import { Queue } from './pages/Queue';
import { ClaimPage } from './pages/ClaimPage';
import { Triage } from './pages/Triage';
import { Reviewers } from './pages/Reviewers';
import { Approvals } from './pages/Approvals';
import { Ingest } from './pages/Ingest';
import { Users } from './pages/Users';
import { Published } from './pages/Published';
import { PublishedList } from './pages/PublishedList';

function home(me: User): string {
  return me.role === 'reviewer' ? '/queue' : '/triage';
}

function Nav({ me }: { me: User }) {
  const links: [string, string][] =
    me.role === 'reviewer'
      ? [['/queue', 'My queue']]
      : [
          ['/triage', 'Triage'],
          ['/reviewers', 'Reviewers'],
          ['/approvals', 'Approvals'],
          ['/published', 'Published'],
          ['/ingest', 'Ingest'],
          ...(me.role === 'admin' ? ([['/users', 'Users']] as [string, string][]) : []),
        ];
  return (
    <nav aria-label="Main">
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href}>{label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Routes({ path, me }: { path: string; me: User }) {
  const claim = /^\/claims\/([0-9a-f-]{36})$/.exec(path);
  if (claim) return <ClaimPage id={claim[1]} />;
  const pub = /^\/published\/([0-9a-f-]{36})$/.exec(path);
  if (pub) return <Published id={pub[1]} />;
  switch (path) {
    case '/queue':
      return <Queue />;
    case '/triage':
      return <Triage />;
    case '/reviewers':
      return <Reviewers />;
    case '/approvals':
      return <Approvals />;
    case '/published':
      return isEditor(me) ? <PublishedList /> : <ErrorNote error={new ApiError(403, null)} />;
    case '/ingest':
      return <Ingest />;
    case '/users':
      return <Users />;
    case '/':
      navigate(home(me));
      return null;
    default:
      return <ErrorNote error={new ApiError(404, null)} />;
  }
}

export function App() {
  const path = usePath();
  const [me, setMe] = useState<User | null>(null);
  const [state, setState] = useState<'loading' | 'out' | 'in' | 'error'>('loading');
  const [error, setError] = useState<unknown>(null);

  const loadMe = async () => {
    try {
      setMe(await call(api.GET('/v1/me')));
      setState('in');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState('out');
      else {
        setError(err);
        setState('error');
      }
    }
  };
  useEffect(() => {
    void loadMe();
  }, []);

  const signOut = async () => {
    await api.POST('/v1/auth/logout');
    setMe(null);
    setState('out');
    navigate('/login');
  };

  if (path === '/accept-invite')
    return <AcceptInvite onSignedIn={(u) => (setMe(u), setState('in'), navigate(home(u)))} />;
  if (state === 'loading') return <Loading what="the console" />;
  if (state === 'error') return <ErrorNote error={error} onReload={() => void loadMe()} />;
  if (state === 'out' || !me)
    return <Login onSignedIn={(u) => (setMe(u), setState('in'), navigate(path === '/login' ? home(u) : path))} />;
  if (path === '/login') navigate(home(me));

  return (
    <SessionContext.Provider value={{ me, signOut }}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href={home(me)} className="brand">
          claimdesk
        </Link>
        <Nav me={me} />
        <div className="who">
          <span data-testid="signed-in-as">
            {me.name} <span className="muted">({me.role})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {isEditor(me) || me.role === 'reviewer' ? <Routes path={path} me={me} /> : null}
      </main>
    </SessionContext.Provider>
  );
}
