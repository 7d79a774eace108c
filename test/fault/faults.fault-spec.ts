import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runMigrations } from '../../libs/database/src/migrator';
import { ensureBuilt } from './support/processes';
import { PgCluster, RedisServer, sleep } from './support/servers';
import { CLAIM_KEYS, corpus, Deployment, sql, waitForInvariants } from './support/world';

/**
 * Faults against the built api and worker (child processes) on a PostgreSQL cluster and a redis-server of this
 * test's own. Each scenario gets a fresh database and an empty Redis, ingests the same articles, suffers one
 * fault, and must end in the state of a fault-free run (see checkInvariants). Prints the fault table at the end.
 */
const ARTICLES = 200;
const REVIEWERS = 4;
const CAPACITY = 1000;
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 15_000);
const RECOVERY_LIMIT_MS = 90_000;

jest.setTimeout(240_000);

interface Row {
  fault: string;
  expected: string;
  observed: string;
  lost: number | string;
  doubled: number | string;
  recovery: string;
}

const EXPECTED = 'all extracted once, fault-free claim set, all assigned, deadlines armed, no 500';

describe('fault suite: the api and worker survive kills, Redis wipes and outages of Redis and PostgreSQL', () => {
  const pg = new PgCluster();
  const redis = new RedisServer();
  const logRoot = mkdtempSync(path.join(tmpdir(), 'claimdesk-fault-logs-'));
  const bodies = corpus(ARTICLES);
  const rows: Row[] = [];
  let baseline: Set<string> | null = null;
  let n = 0;

  beforeAll(async () => {
    ensureBuilt();
    await pg.init();
    await redis.start();
    await runMigrations(pg.urlFor('fault_tpl'));
  });

  afterAll(async () => {
    await redis.destroy();
    await pg.destroy();
    const table = [
      '| fault | expected | observed | lost | doubled | recovery |',
      '|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.fault} | ${r.expected} | ${r.observed} | ${r.lost} | ${r.doubled} | ${r.recovery} |`),
    ].join('\n');
    console.log(`Fault table (${ARTICLES} articles, outages ${OUTAGE_MS / 1000} s; logs in ${logRoot}):\n${table}`);
  });

  const extracted = (d: Deployment) => d.count(`SELECT count(*) FROM articles WHERE status = 'extracted'`);
  const articles = (d: Deployment) => d.count(`SELECT count(*) FROM articles`);
  const until = async (what: () => Promise<boolean>, ms = 120_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await what()) return;
      await sleep(50);
    }
    throw new Error('trigger condition not reached');
  };

  /** A fault returns when it is over (the time recovery is measured from) and what it saw. */
  type Fault = (d: Deployment) => Promise<{ endedAt: number; note?: string }>;

  async function scenario(
    name: string,
    fault: Fault,
    opts: { capacity?: number; assertHttp?: (d: Deployment) => void } = {},
  ) {
    if (!baseline) throw new Error('the fault-free run failed; nothing to compare with');
    const d = new Deployment(pg, redis, `s${++n}`, path.join(logRoot, `s${n}`));
    await d.create('fault_tpl', REVIEWERS, opts.capacity ?? CAPACITY);
    const stopProbe = d.probe();
    try {
      const [, outcome] = await Promise.all([d.ingest(bodies, 4), fault(d)]);
      const { check, at } = await waitForInvariants(d, bodies, baseline, RECOVERY_LIMIT_MS);
      await stopProbe();
      const workerLog = d.workers.flatMap((w) => w.lines);
      const outages = workerLog.filter((l) => l.includes('unreachable (')).length;
      const back = workerLog.filter((l) => l.includes('reachable again')).length;
      const observed = [
        check.ok ? 'invariants hold' : check.problems.join('; '),
        `HTTP ${d.http.summary()}${d.http.networkErrors ? `, ${d.http.networkErrors} connection errors` : ''}`,
        `slowest /health ${d.http.slowestHealthMs} ms`,
        ...(outages || back ? [`worker logged ${outages} outage(s), ${back} recovery(ies)`] : []),
        ...(outcome.note ? [outcome.note] : []),
      ].join('; ');
      rows.push({
        fault: name,
        expected: EXPECTED,
        observed,
        lost: check.lost,
        doubled: check.doubled,
        recovery: at ? `${((at - outcome.endedAt) / 1000).toFixed(1)} s` : `not within ${RECOVERY_LIMIT_MS / 1000} s`,
      });
      expect(check.problems).toEqual([]);
      expect(d.http.count((s) => s >= 500 && s !== 503)).toBe(0);
      expect(d.http.retryAfterMissing).toBe(0);
      opts.assertHttp?.(d);
    } finally {
      await stopProbe();
      await d.stop();
    }
  }

  it('fault-free run: sets the claim set every fault must reproduce', async () => {
    const d = new Deployment(pg, redis, 'baseline', path.join(logRoot, 'baseline'));
    await d.create('fault_tpl', REVIEWERS, CAPACITY);
    const started = Date.now();
    try {
      await d.ingest(bodies, 4);
      await until(async () => (await extracted(d)) === ARTICLES);
      baseline = new Set((await sql<{ k: string }>(d.dbUrl, CLAIM_KEYS)).map((r) => r.k));
      const { check, at } = await waitForInvariants(d, bodies, baseline, RECOVERY_LIMIT_MS);
      const [{ queued }] = await sql(d.dbUrl, `SELECT count(*)::int AS queued FROM assignments`);
      rows.push({
        fault: 'none',
        expected: EXPECTED,
        observed: `${baseline.size} claims, ${queued} assigned; HTTP ${d.http.summary()}`,
        lost: check.lost,
        doubled: check.doubled,
        recovery: at ? `done in ${((at - started) / 1000).toFixed(1)} s` : 'not done',
      });
      expect(check.problems).toEqual([]);
      expect(baseline.size).toBeGreaterThan(ARTICLES);
      expect(queued).toBeGreaterThan(0);
      expect(queued).toBeLessThan(REVIEWERS * CAPACITY); // the capacity covers every queued claim
    } finally {
      await d.stop();
    }
  });

  it('kill -9 of the worker mid-extraction', () =>
    scenario('kill -9 worker mid-extraction', async (d) => {
      await until(async () => (await extracted(d)) >= ARTICLES * 0.2);
      await d.workers[0].kill();
      await sleep(1000);
      await d.workers[0].start();
      return { endedAt: Date.now() };
    }));

  it('kill -9 of the api mid-POST burst', () =>
    scenario('kill -9 api mid-POST burst', async (d) => {
      await until(async () => (await articles(d)) >= ARTICLES * 0.3);
      await d.apis[0].kill();
      await sleep(1000);
      await d.apis[0].start();
      return { endedAt: Date.now() };
    }));

  it('FLUSHALL mid-extraction with the worker running', () =>
    scenario('FLUSHALL mid-extraction', async (d) => {
      await until(async () => (await extracted(d)) >= ARTICLES * 0.2);
      await redis.flushAll();
      return { endedAt: Date.now() };
    }));

  it('FLUSHALL mid-assignment with the worker running', () =>
    scenario(
      'FLUSHALL mid-assignment',
      async (d) => {
        // Reviewers start without capacity: claims pile up, then capacity arrives and assignment runs.
        await until(async () => (await extracted(d)) === ARTICLES);
        const queued = await d.count(`SELECT count(*) FROM claims WHERE status = 'queued'`);
        for (const r of d.users.reviewers) {
          const res = await d.request('PATCH', `/v1/users/${r.id}`, d.users.admin, { capacity: CAPACITY });
          expect(res?.status).toBe(200);
        }
        await until(async () => (await d.count(`SELECT count(*) FROM assignments`)) >= queued * 0.2);
        await redis.flushAll();
        const at = await d.count(`SELECT count(*) FROM assignments`);
        return { endedAt: Date.now(), note: `wiped at ${at} of ${queued} assigned` };
      },
      { capacity: 0 },
    ));

  it(`Redis stopped ${OUTAGE_MS / 1000} s and started empty`, () =>
    scenario(`Redis stopped ${OUTAGE_MS / 1000} s, started empty`, async (d) => {
      await until(async () => (await extracted(d)) >= ARTICLES * 0.2);
      await redis.stop();
      await sleep(OUTAGE_MS);
      await redis.start();
      return { endedAt: Date.now() };
    }));

  it(`Redis hung (SIGSTOP) ${OUTAGE_MS / 1000} s`, () =>
    scenario(
      `Redis hung (SIGSTOP) ${OUTAGE_MS / 1000} s`,
      async (d) => {
        await until(async () => (await extracted(d)) >= ARTICLES * 0.2);
        redis.pause();
        await sleep(OUTAGE_MS);
        redis.resume();
        return { endedAt: Date.now() };
      },
      // /health answers within a second even while Redis hangs (each probe is bounded to 500 ms).
      { assertHttp: (d) => expect(d.http.slowestHealthMs).toBeLessThan(1000) },
    ));

  it(`PostgreSQL stopped ${OUTAGE_MS / 1000} s`, () =>
    scenario(
      `PostgreSQL stopped ${OUTAGE_MS / 1000} s`,
      async (d) => {
        await until(async () => (await articles(d)) >= ARTICLES * 0.3);
        await pg.stop();
        await sleep(OUTAGE_MS);
        await pg.start();
        return { endedAt: Date.now() };
      },
      // Requests during the outage are answered 503 with Retry-After (checked for every 503), never 500.
      { assertHttp: (d) => expect(d.http.count((s) => s === 503)).toBeGreaterThan(0) },
    ));

  it('scaled out: two apis and two workers, reviewers working and editors reassigning while articles arrive', async () => {
    if (!baseline) throw new Error('the fault-free run failed; nothing to compare with');
    const d = new Deployment(pg, redis, 'scaled', path.join(logRoot, 'scaled'));
    await d.create('fault_tpl', REVIEWERS, CAPACITY, 2, 2);
    const started = Date.now();
    let working = true;
    const done = { verdicts: 0, reassigned: 0 };
    // Each reviewer: next, start, verdict, over and over, through either api.
    const reviewer = async (token: string) => {
      while (working) {
        const next = await d.request('POST', '/v1/claims/next', token);
        const id = next?.status === 200 ? next.body?.id : null;
        if (!id) {
          await sleep(200);
          continue;
        }
        if (next!.body.status === 'assigned') await d.request('POST', `/v1/claims/${id}/start`, token);
        const v = await d.request('POST', `/v1/claims/${id}/verdicts`, token, {
          rating: 'true',
          summary: 'checked',
          sources: [],
        });
        if (v?.status === 201) done.verdicts++;
      }
    };
    // Editors move assigned claims to another reviewer (409 when it raced with a verdict or a full reviewer).
    const editor = async () => {
      while (working) {
        const [row] = await sql(
          d.dbUrl,
          `SELECT id, assignee_id FROM claims WHERE status = 'assigned' ORDER BY random() LIMIT 1`,
        ).catch(() => []);
        if (row) {
          const to = d.users.reviewers.find((r) => r.id !== row.assignee_id)!;
          const res = await d.request('POST', `/v1/claims/${row.id}/assign`, d.users.editor, {
            reviewerId: to.id,
            reason: 'rebalance',
          });
          if (res?.status === 200) done.reassigned++;
        }
        await sleep(50);
      }
    };
    const actors = [...d.users.reviewers.map((r) => reviewer(r.token)), editor(), editor()];
    try {
      await d.ingest(bodies, 8);
      await until(async () => (await extracted(d)) === ARTICLES);
      await sleep(3000); // reviewers and editors keep going for a while after the last article
      working = false;
      await Promise.all(actors);
      const endedAt = Date.now();
      const { check, at } = await waitForInvariants(d, bodies, baseline, RECOVERY_LIMIT_MS);
      rows.push({
        fault: 'none, scaled out (2 apis, 2 workers)',
        expected: EXPECTED,
        observed: `${check.ok ? 'invariants hold' : check.problems.join('; ')}; ${done.verdicts} verdicts, ${done.reassigned} reassignments; HTTP ${d.http.summary()}`,
        lost: check.lost,
        doubled: check.doubled,
        recovery: at
          ? `settled ${((at - endedAt) / 1000).toFixed(1)} s after work stopped (run ${((endedAt - started) / 1000).toFixed(0)} s)`
          : 'not settled',
      });
      expect(check.problems).toEqual([]);
      expect(d.http.count((s) => s >= 500)).toBe(0);
      expect(done.verdicts).toBeGreaterThan(0);
      expect(done.reassigned).toBeGreaterThan(0);
    } finally {
      working = false;
      await Promise.all(actors);
      await d.stop();
    }
  });
});
