import type { Role } from '@claimdesk/common';
import { registeredRoutes } from '../apps/api/src/http-app';
import { ROUTE_ACCESS } from '../apps/api/src/auth/route-roles';
import { SessionsService } from '@claimdesk/users';
import { TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

type Caller = 'anonymous' | 'bad token' | Role;
const CALLERS: Caller[] = ['anonymous', 'bad token', 'admin', 'editor', 'reviewer'];

interface Call {
  url: string;
  body?: unknown;
}

/**
 * Generated from ROUTE_ACCESS: every route, called with no token, a bad token and each role's token,
 * must answer exactly 401, 401, and 2xx for the roles the table allows or 403 for the others.
 * Each allowed call gets fresh, valid fixtures so that a 2xx is the only right answer.
 */
describe('role table (ROUTE_ACCESS) is enforced on every route', () => {
  let env: TestEnv;
  const tokens: Record<Role, string> = { admin: '', editor: '', reviewer: '' };
  let reviewerId: string;
  let approver: string;
  let n = 0;
  let signInEmail: string;
  const PASSWORD = 'a password for the console';

  beforeAll(async () => {
    // No worker: fixtures stay exactly where the test puts them (webhook deliveries wait in Redis, never sent).
    env = await TestEnv.start({ env: { FETCH_ALLOW_HOSTS: '127.0.0.1:9' } });
    tokens.admin = (await env.user('admin')).token;
    tokens.editor = (await env.user('editor')).token;
    approver = (await env.user('editor')).token;
    const r = await env.user('reviewer', { capacity: 1000 });
    tokens.reviewer = r.token;
    reviewerId = r.id;
    const s = await env.user('editor');
    await env.app.get(SessionsService).setPassword(s.id, PASSWORD);
    signInEmail = s.email;
  });
  afterAll(() => env.close());

  const ok = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await env.request(method, url, { token, body });
    if (res.status >= 300) throw new Error(`fixture ${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const newClaim = async () => (await seedClaims(env, [0.1])).claims[0].id;
  const queued = async () => {
    const id = await newClaim();
    await ok('POST', `/v1/claims/${id}/queue`, tokens.editor);
    return id;
  };
  const assigned = async () => {
    const id = await queued();
    await ok('POST', `/v1/claims/${id}/assign`, tokens.editor, { reviewerId });
    return id;
  };
  const inReview = async () => {
    const id = await assigned();
    await ok('POST', `/v1/claims/${id}/start`, tokens.reviewer);
    return id;
  };
  const verdict = { rating: 'false', summary: 'Checked.', sources: [{ url: 'https://example.org/s' }] };
  const submitted = async () => {
    const id = await inReview();
    const v = await ok('POST', `/v1/claims/${id}/verdicts`, tokens.reviewer, verdict);
    return { id, verdictId: v.id as string };
  };
  const published = async () => {
    const s = await submitted();
    await ok('POST', `/v1/verdicts/${s.verdictId}/approve`, approver);
    return s;
  };
  const throwaway = async () => env.user('reviewer');
  const inviteToken = async () =>
    (await env.app.get(SessionsService).invite((await throwaway()).id, { id: null, role: 'system' })).token;
  /** Two claims with a suggested match between them (the later one first). */
  const suggested = async () => {
    const [a, b] = [await newClaim(), await newClaim()];
    await env.sql(`INSERT INTO claim_matches (claim_id, other_id, score, status) VALUES ($1, $2, 0.7, 'suggested')`, [
      b,
      a,
    ]);
    return `/v1/claims/${b}/matches/${a}`;
  };

  /** A feed source (never polled: no worker runs here, and nothing listens on port 9). */
  const source = async () =>
    (await ok('POST', '/v1/sources', tokens.editor, { url: `http://127.0.0.1:9/feed-${++n}.xml` })).id as string;
  const pausedSource = async () => {
    const id = await source();
    await ok('POST', `/v1/sources/${id}/pause`, tokens.editor);
    return id;
  };

  const webhook = async () =>
    (await ok('POST', '/v1/webhooks', tokens.admin, { url: 'http://127.0.0.1:9/hook', events: ['claim.queued'] }))
      .id as string;
  /** A webhook and a finished delivery of it (a fixture row: nothing is sent). */
  const finishedDelivery = async () => {
    const id = await webhook();
    const [d] = await env.sql<{ id: string }>(
      `WITH e AS (INSERT INTO webhook_events (type, payload) VALUES ('claim.queued', '{}') RETURNING id)
       INSERT INTO webhook_deliveries (event_id, webhook_id, status, attempts, max_attempts)
       SELECT e.id, $1, 'failed', 1, 1 FROM e RETURNING id`,
      [id],
    );
    return `/v1/webhooks/${id}/deliveries/${d.id}/redeliver`;
  };

  /** A valid request for each route; for POST /v1/me/token the caller is a throwaway user (see below). */
  const SAMPLES: Record<string, () => Promise<Call>> = {
    'GET /health': async () => ({ url: '/health' }),
    'GET /health/live': async () => ({ url: '/health/live' }),
    'GET /health/ready': async () => ({ url: '/health/ready' }),
    'GET /metrics': async () => ({ url: '/metrics' }),
    'GET /v1/me': async () => ({ url: '/v1/me' }),
    'POST /v1/auth/login': async () => ({ url: '/v1/auth/login', body: { email: signInEmail, password: PASSWORD } }),
    'POST /v1/auth/logout': async () => ({ url: '/v1/auth/logout' }),
    'POST /v1/auth/accept-invite': async () => ({
      url: '/v1/auth/accept-invite',
      body: { token: await inviteToken(), password: PASSWORD },
    }),
    'POST /v1/users/:id/invite': async () => ({ url: `/v1/users/${(await throwaway()).id}/invite` }),
    'POST /v1/me/token': async () => ({ url: '/v1/me/token' }),
    'GET /v1/me/assignments': async () => ({ url: '/v1/me/assignments' }),
    'POST /v1/users': async () => ({
      url: '/v1/users',
      body: { email: `u${++n}@example.org`, name: 'U', role: 'editor' },
    }),
    'GET /v1/users': async () => ({ url: '/v1/users' }),
    'GET /v1/users/:id': async () => ({ url: `/v1/users/${reviewerId}` }),
    'PATCH /v1/users/:id': async () => ({ url: `/v1/users/${(await throwaway()).id}`, body: { capacity: 3 } }),
    'POST /v1/users/:id/token': async () => ({ url: `/v1/users/${(await throwaway()).id}/token` }),
    'POST /v1/users/:id/token/revoke': async () => ({ url: `/v1/users/${(await throwaway()).id}/token/revoke` }),
    'POST /v1/articles': async () => ({
      url: '/v1/articles',
      body: { body: `Unemployment fell to ${++n} percent last year.` },
    }),
    'POST /v1/articles/bulk': async () => ({
      url: '/v1/articles/bulk',
      body: { items: [{ body: `Inflation rose to ${++n} percent last year.` }] },
    }),
    'GET /v1/articles': async () => ({ url: '/v1/articles' }),
    'POST /v1/sources': async () => ({ url: '/v1/sources', body: { url: `http://127.0.0.1:9/feed-${++n}.xml` } }),
    'GET /v1/sources': async () => ({ url: '/v1/sources' }),
    'GET /v1/sources/:id': async () => ({ url: `/v1/sources/${await source()}` }),
    'GET /v1/sources/:id/fetches': async () => ({ url: `/v1/sources/${await source()}/fetches` }),
    'GET /v1/sources/:id/events': async () => ({ url: `/v1/sources/${await source()}/events` }),
    'POST /v1/sources/:id/pause': async () => ({ url: `/v1/sources/${await source()}/pause` }),
    'POST /v1/sources/:id/resume': async () => ({ url: `/v1/sources/${await pausedSource()}/resume` }),
    'DELETE /v1/sources/:id': async () => ({ url: `/v1/sources/${await source()}` }),
    'GET /v1/articles/:id': async () => ({ url: `/v1/articles/${(await seedClaims(env, [0.1])).articleId}` }),
    'GET /v1/claims': async () => ({ url: '/v1/claims?limit=5' }),
    'GET /v1/stats': async () => ({ url: '/v1/stats?days=7' }),
    'GET /v1/claims/export.csv': async () => ({ url: '/v1/claims/export.csv?status=new' }),
    'GET /v1/search': async () => ({ url: '/v1/search?q=unemployment&limit=5' }),
    'POST /v1/claims/next': async () => ({ url: '/v1/claims/next' }),
    'POST /v1/claims/bulk/queue': async () => ({ url: '/v1/claims/bulk/queue', body: { ids: [await newClaim()] } }),
    'POST /v1/claims/bulk/dismiss': async () => ({
      url: '/v1/claims/bulk/dismiss',
      body: { ids: [await newClaim()], reason: 'r' },
    }),
    'POST /v1/claims/bulk/assign': async () => ({
      url: '/v1/claims/bulk/assign',
      body: { ids: [await queued()], reviewerId },
    }),
    'GET /v1/claims/:id': async () => ({ url: `/v1/claims/${await assigned()}` }),
    'GET /v1/claims/:id/events': async () => ({ url: `/v1/claims/${await assigned()}/events` }),
    'GET /v1/claims/:id/assignments': async () => ({ url: `/v1/claims/${await assigned()}/assignments` }),
    'GET /v1/claims/:id/verdicts': async () => ({ url: `/v1/claims/${(await submitted()).id}/verdicts` }),
    'GET /v1/claims/:id/claimreview': async () => ({ url: `/v1/claims/${(await published()).id}/claimreview` }),
    'GET /v1/claims/:id/matches': async () => ({ url: `/v1/claims/${await assigned()}/matches` }),
    'POST /v1/claims/:id/matches/:otherId/confirm': async () => ({ url: `${await suggested()}/confirm` }),
    'POST /v1/claims/:id/matches/:otherId/reject': async () => ({ url: `${await suggested()}/reject` }),
    'POST /v1/claims/:id/queue': async () => ({ url: `/v1/claims/${await newClaim()}/queue` }),
    'POST /v1/claims/:id/dismiss': async () => ({
      url: `/v1/claims/${await newClaim()}/dismiss`,
      body: { reason: 'r' },
    }),
    'POST /v1/claims/:id/assign': async () => ({ url: `/v1/claims/${await queued()}/assign`, body: { reviewerId } }),
    'POST /v1/claims/:id/unassign': async () => ({ url: `/v1/claims/${await assigned()}/unassign` }),
    'POST /v1/claims/:id/start': async () => ({ url: `/v1/claims/${await assigned()}/start` }),
    'POST /v1/claims/:id/verdicts': async () => ({ url: `/v1/claims/${await inReview()}/verdicts`, body: verdict }),
    'POST /v1/claims/:id/corrections': async () => ({
      url: `/v1/claims/${(await published()).id}/corrections`,
      body: verdict,
    }),
    'GET /v1/verdicts/:id': async () => ({ url: `/v1/verdicts/${(await submitted()).verdictId}` }),
    'POST /v1/verdicts/:id/approve': async () => ({ url: `/v1/verdicts/${(await submitted()).verdictId}/approve` }),
    'POST /v1/verdicts/:id/reject': async () => ({
      url: `/v1/verdicts/${(await submitted()).verdictId}/reject`,
      body: { comment: 'c' },
    }),
    'GET /v1/claimreviews': async () => ({ url: `/v1/claimreviews?limit=2` }),
    'POST /v1/webhooks': async () => ({
      url: '/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/hook', events: ['claim.queued', 'verdict.published'] },
    }),
    'GET /v1/webhooks': async () => ({ url: '/v1/webhooks' }),
    'GET /v1/webhooks/:id': async () => ({ url: `/v1/webhooks/${await webhook()}` }),
    'PATCH /v1/webhooks/:id': async () => ({ url: `/v1/webhooks/${await webhook()}`, body: { enabled: false } }),
    'DELETE /v1/webhooks/:id': async () => ({ url: `/v1/webhooks/${await webhook()}` }),
    'GET /v1/webhooks/:id/deliveries': async () => ({ url: `/v1/webhooks/${await webhook()}/deliveries` }),
    'POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver': async () => ({ url: await finishedDelivery() }),
  };

  it('names every served route, and serves every route it names', () => {
    const served = registeredRoutes(env.app).sort();
    expect(served).toEqual(Object.keys(ROUTE_ACCESS).sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  const cases = Object.entries(ROUTE_ACCESS).flatMap(([route, access]) =>
    CALLERS.map((caller) => [route, caller, access] as const),
  );

  it.each(cases)('%s as %s', async (route, caller, access) => {
    const [method] = route.split(' ');
    const call = await SAMPLES[route]();
    let token: string | undefined;
    if (caller === 'bad token') token = 'cdk_' + 'A'.repeat(43);
    else if (caller !== 'anonymous') {
      // Rotating a token would break the shared ones: that route runs as a throwaway user of the role.
      token = route === 'POST /v1/me/token' ? (await env.user(caller)).token : tokens[caller];
    }
    const res = await env.request(method, call.url, { token, body: call.body });

    let expected: number | '2xx';
    // Every call here comes from 127.0.0.1, inside METRICS_ALLOW_CIDRS: monitoring routes need no token from it
    // (test/operations.e2e-spec.ts calls them from outside).
    if (access === 'public' || access === 'monitoring') expected = '2xx';
    else if (caller === 'anonymous' || caller === 'bad token') expected = 401;
    else if (access === 'authenticated' || access.includes(caller)) expected = '2xx';
    else expected = 403;

    // The body is part of what is compared so that a failure shows why.
    if (expected === '2xx')
      expect({ is2xx: res.status >= 200 && res.status < 300, status: res.status, body: res.body }).toMatchObject({
        is2xx: true,
      });
    else expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
  });
});
