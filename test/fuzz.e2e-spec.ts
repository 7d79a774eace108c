import { randomUUID } from 'node:crypto';
import type { Role } from '@claimdesk/common';
import { ROUTE_ACCESS } from '../apps/api/src/auth/route-roles';
import { hostileBody, hostileString, Rng } from './support/hostile';
import { TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const UNPRIVILEGED = 6000;
const PRIVILEGED = 4000;
// A bounded count of requests, not a timed test: on a busy 2-core machine 5,000 requests can take over 30 s.
const FUZZ_TIMEOUT_MS = 180_000;
const TABLES = ['users', 'sessions', 'articles', 'claims', 'assignments', 'verdicts', 'claim_events'];

type Caller = 'anonymous' | 'bad token' | Role;

/** Every UTF-8 byte percent-encoded (lone surrogates become U+FFFD, as a client library would send). */
function percentEncode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** Metrics and CSV exports answer text by design. */
function textRoute(res: { statusCode: number; headers: Record<string, unknown> }): boolean {
  return res.statusCode === 200 && /^text\/(plain|csv)/.test(String(res.headers['content-type']));
}

function allowed(route: string, caller: Caller): boolean {
  const access = ROUTE_ACCESS[route];
  if (access === 'public') return true;
  if (caller === 'anonymous' || caller === 'bad token') return false;
  // The fuzz runs outside METRICS_ALLOW_CIDRS, where a monitoring route is the admins'.
  if (access === 'monitoring') return caller === 'admin';
  return access === 'authenticated' || access.includes(caller);
}

/**
 * 10,000 seeded hostile requests over every route (FUZZ_SEED reproduces a run). First the callers
 * who may not call the route (no token, a bad token, a role the table refuses): nothing in the
 * database may change. Then callers who may, with hostile input: never a 5xx, and the invariants
 * of the workflow still hold afterwards.
 */
describe('fuzz: hostile requests across all routes', () => {
  let env: TestEnv;
  const tokens = {} as Record<Role, string>;
  const ids: string[] = [];
  const r = new Rng(SEED);
  const failures: string[] = [];
  const statusCounts = new Map<number, number>();

  beforeAll(async () => {
    // Requests come from 127.0.0.1: keep loopback out of the metrics network so /metrics needs an admin token.
    env = await TestEnv.start({ env: { METRICS_ALLOW_CIDRS: '192.0.2.0/24' } });
    tokens.admin = (await env.user('admin')).token;
    tokens.editor = (await env.user('editor')).token;
    const reviewer = await env.user('reviewer', { capacity: 50 });
    tokens.reviewer = reviewer.token;
    const { articleId, claims } = await seedClaims(env, [0.9, 0.9, 0.2, 0.2, 0.7]);
    ids.push(articleId, reviewer.id, ...claims.map((c) => c.id));
    await env.request('POST', `/v1/claims/${claims[0].id}/assign`, {
      token: tokens.editor,
      body: { reviewerId: reviewer.id },
    });
  });
  afterAll(() => env.close());

  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const t of TABLES) {
      const [row] = await env.sql(
        `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`,
      );
      out[t] = row.h;
    }
    return out;
  }

  function pathFor(route: string): string {
    const path = route.split(' ')[1].replace(':id', () => {
      const k = r.int(6);
      if (k < 2) return r.pick(ids);
      if (k < 3) return randomUUID();
      if (k < 4) return r.pick(['%ZZ', '%c3%28', '%00', '%2e%2e%2f', '%ff%fe']);
      return percentEncode(hostileString(r).slice(0, 3000));
    });
    if (!r.chance(0.3)) return path;
    const q = new URLSearchParams();
    for (let i = r.int(4); i >= 0; i--) {
      q.append(
        r.pick([
          'limit',
          'cursor',
          'status',
          'type',
          'q',
          'minScore',
          'articleId',
          'assigneeId',
          'role',
          'x',
          'kind',
          'claimant',
          'rating',
          'from',
          'to',
        ]),
        hostileString(r).slice(0, 3000),
      );
    }
    return `${path}?${q.toString()}`;
  }

  async function fire(route: string, caller: Caller) {
    const [method] = route.split(' ');
    const url = pathFor(route);
    const headers: Record<string, string> = {};
    if (caller === 'bad token')
      headers.authorization = r.pick([
        'Bearer x',
        'Bearer ' + 'A'.repeat(5000),
        'Basic YTpi',
        'Bearer cdk_' + randomUUID(),
      ]);
    else if (caller !== 'anonymous') headers.authorization = `Bearer ${tokens[caller]}`;
    const { payload, contentType } = method === 'GET' ? {} : hostileBody(r);
    if (contentType) headers['content-type'] = contentType;
    const res = await env.app.inject({ method: method as never, url, headers, payload });
    statusCounts.set(res.statusCode, (statusCounts.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500)
      failures.push(`${res.statusCode} ${caller} ${method} ${url.slice(0, 200)} ${String(payload).slice(0, 200)}`);
    else if (!/^\{/.test(res.body) && res.statusCode !== 204 && !textRoute(res))
      failures.push(`non-JSON ${res.statusCode} ${method} ${url.slice(0, 100)}`);
    else if (res.statusCode >= 400 && /\.ts:\d+|\n\s+at /.test(res.body))
      failures.push(`stack trace in ${method} ${url.slice(0, 100)}`);
    return res;
  }

  it(
    `changes nothing for ${UNPRIVILEGED} requests from callers the role table refuses`,
    async () => {
      const before = await snapshot();
      const routes = Object.keys(ROUTE_ACCESS).filter((k) => ROUTE_ACCESS[k] !== 'public');
      const started = process.hrtime.bigint();
      for (let i = 0; i < UNPRIVILEGED; i++) {
        const route = r.pick(routes);
        const refused = (['anonymous', 'bad token', 'admin', 'editor', 'reviewer'] as Caller[]).filter(
          (c) => !allowed(route, c),
        );
        const res = await fire(route, r.pick(refused));
        // A URL the router cannot decode is refused before routing, hence before authentication.
        const unroutable = (res.statusCode === 400 || res.statusCode === 414) && res.body.includes('malformed URL');
        if (res.statusCode !== 401 && res.statusCode !== 403 && !unroutable)
          failures.push(`refused caller got ${res.statusCode} on ${route}: ${res.body.slice(0, 200)}`);
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(
        `fuzz unprivileged: ${UNPRIVILEGED} requests in ${ms.toFixed(0)} ms (${((UNPRIVILEGED / ms) * 1000).toFixed(0)} req/s), seed ${SEED}`,
      );
      expect(failures).toEqual([]);
      expect(await snapshot()).toEqual(before);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    `answers ${PRIVILEGED} hostile requests from permitted callers without a 5xx, keeping every invariant`,
    async () => {
      const routes = Object.keys(ROUTE_ACCESS).filter((k) => k !== 'POST /v1/me/token');
      const [{ n: eventsBefore }] = await env.sql('SELECT count(*)::int AS n FROM claim_events');
      const started = process.hrtime.bigint();
      for (let i = 0; i < PRIVILEGED; i++) {
        const route = r.pick(routes);
        const permitted = (['admin', 'editor', 'reviewer'] as Caller[]).filter((c) => allowed(route, c));
        await fire(route, r.pick(permitted));
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(
        `fuzz privileged: ${PRIVILEGED} requests in ${ms.toFixed(0)} ms; statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}`,
      );
      expect(failures).toEqual([]);

      // The workflow's invariants survived: capacity, one open assignment, events match statuses.
      expect(
        await env.sql(`
      SELECT u.id FROM users u LEFT JOIN assignments a ON a.reviewer_id = u.id AND a.ended_at IS NULL
       GROUP BY u.id HAVING count(a.id) <> u.load`),
      ).toEqual([]);
      expect(
        await env.sql(`SELECT claim_id FROM assignments WHERE ended_at IS NULL GROUP BY claim_id HAVING count(*) > 1`),
      ).toEqual([]);
      expect(
        await env.sql(`
      SELECT c.id FROM claims c
       WHERE c.status <> (SELECT e.to_status FROM claim_events e WHERE e.claim_id = c.id AND e.to_status IS NOT NULL ORDER BY e.id DESC LIMIT 1)`),
      ).toEqual([]);
      expect(await env.sql(`SELECT id FROM verdicts WHERE reviewer_id = author_id`)).toEqual([]);
      const [{ n: eventsAfter }] = await env.sql('SELECT count(*)::int AS n FROM claim_events');
      expect(eventsAfter).toBeGreaterThanOrEqual(eventsBefore);
    },
    FUZZ_TIMEOUT_MS,
  );
});
