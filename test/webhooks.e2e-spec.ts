import { createServer as createHttpServer, IncomingHttpHeaders, Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@claimdesk/queue';
import { AssignmentService } from '@claimdesk/review';
import { verifySignature } from '@claimdesk/webhooks';
import { seedClaims } from './support/seed';
import { eventually, type Json, TestEnv } from './support/test-env';

interface Received {
  path: string;
  at: number;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; event: string; createdAt: string; data: Json };
}

/**
 * A receiver on 127.0.0.1 (the only address the test env allows): it records every request and answers by path,
 * `/ok` 200, `/flaky` 500 twice then 200, `/down` 500 until `downHeals` is set.
 */
class Receiver {
  readonly requests: Received[] = [];
  downHeals = false;
  private flakyCount = 0;
  private readonly server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      this.requests.push({ path, at: Date.now(), headers: req.headers, raw, body: JSON.parse(raw) });
      let status = 200;
      if (path === '/flaky') status = ++this.flakyCount <= 2 ? 500 : 200;
      if (path === '/down') status = this.downHeals ? 200 : 500;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
    });
  });

  async listen(): Promise<number> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    return (this.server.address() as AddressInfo).port;
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

describe('webhooks', () => {
  let env: TestEnv;
  let admin: string;
  let base: string;
  const receiver = new Receiver();
  const SECRET = 'a-test-secret-of-some-length';

  beforeAll(async () => {
    const port = await receiver.listen();
    base = `http://127.0.0.1:${port}`;
    env = await TestEnv.start({
      worker: true,
      env: {
        FETCH_ALLOW_HOSTS: `127.0.0.1:${port}`,
        WEBHOOK_MAX_ATTEMPTS: '4',
        WEBHOOK_DISABLE_AFTER: '3',
        WEBHOOK_BACKOFF_BASE_MS: '300',
        WEBHOOK_TIMEOUT_MS: '5000',
      },
    });
    admin = (await env.user('admin')).token;
  });
  afterAll(async () => {
    await env.close();
    await receiver.close();
  });

  const register = async (path: string, events: string[]) => {
    const res = await env.request('POST', '/v1/webhooks', {
      token: admin,
      body: { url: `${base}${path}`, events, secret: SECRET },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };
  const deliveries = async (id: string) =>
    (await env.request('GET', `/v1/webhooks/${id}/deliveries`, { token: admin })).body.items as Json[];

  it('delivers a signed claim.queued that the receiver verifies; the secret is shown once only', async () => {
    const hook = await register('/ok', ['claim.queued']);
    expect(hook.secret).toBe(SECRET);
    const read = await env.request('GET', `/v1/webhooks/${hook.id}`, { token: admin });
    expect(read.body).not.toHaveProperty('secret');
    expect((await env.request('GET', '/v1/webhooks', { token: admin })).body.items[0]).not.toHaveProperty('secret');

    const { claims } = await seedClaims(env, [0.95]);
    const got = await eventually(async () => receiver.at('/ok').find((r) => r.body.data.claim.id === claims[0].id));
    expect(got.body).toMatchObject({ event: 'claim.queued', data: { claim: { id: claims[0].id, status: 'queued' } } });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-claimdesk-event']).toBe('claim.queued');
    const header = got.headers['x-claimdesk-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, got.raw, SECRET, 300)).toMatchObject({ ok: true });
    // What a receiver refuses: a body changed in transit, and the same signature replayed ten minutes later.
    expect(verifySignature(header, got.raw.replace('queued', 'dismissed'), SECRET, 300).ok).toBe(false);
    expect(verifySignature(header, got.raw, SECRET, 300, Date.now() + 600_000)).toEqual({
      ok: false,
      reason: 'timestamp too old',
    });

    const [d] = await eventually(async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'succeeded' && items;
    });
    expect(d).toMatchObject({ event: 'claim.queued', attempts: 1, lastStatus: 200, eventId: got.body.id });
    expect(d.log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);
    expect(got.headers['x-claimdesk-delivery']).toBe(d.id);
  });

  it('announces every kind of event, each written in the transaction of its change', async () => {
    const all = [
      'claim.queued',
      'claim.assigned',
      'claim.duplicate',
      'verdict.submitted',
      'verdict.published',
      'verdict.corrected',
      'deadline.missed',
    ];
    await register('/all', all);
    const editor = (await env.user('editor')).token;
    const reviewer = await env.user('reviewer', { capacity: 5 });
    const { claims } = await seedClaims(env, [0.95]);
    const id = claims[0].id;
    const status = async () => (await env.request('GET', `/v1/claims/${id}`, { token: editor })).body.status;
    await eventually(async () => (await status()) === 'assigned');
    expect((await env.request('POST', `/v1/claims/${id}/start`, { token: reviewer.token })).status).toBe(200);
    const verdict = { rating: 'false', summary: 'Checked.', sources: [{ url: 'https://example.org/s' }] };
    const v = await env.request('POST', `/v1/claims/${id}/verdicts`, { token: reviewer.token, body: verdict });
    expect(v.status).toBe(201);
    expect((await env.request('POST', `/v1/verdicts/${v.body.id}/approve`, { token: editor })).status).toBe(200);
    const c = await env.request('POST', `/v1/claims/${id}/corrections`, {
      token: editor,
      body: { ...verdict, rating: 'mostly_false' },
    });
    expect(c.status).toBe(201);
    const approver = (await env.user('editor')).token;
    expect((await env.request('POST', `/v1/verdicts/${c.body.id}/approve`, { token: approver })).status).toBe(200);

    // A repeat confirmed by an editor, and a missed deadline (its due time moved into the past).
    const [a, b] = (await seedClaims(env, [0.1, 0.1])).claims.map((x) => x.id);
    await env.sql(`INSERT INTO claim_matches (claim_id, other_id, score, status) VALUES ($1, $2, 0.7, 'suggested')`, [
      b,
      a,
    ]);
    expect((await env.request('POST', `/v1/claims/${b}/matches/${a}/confirm`, { token: editor })).status).toBe(200);
    const late = (await seedClaims(env, [0.95])).claims[0].id;
    const [open] = await eventually(async () => {
      const rows = await env.sql<{ id: string }>(
        `SELECT id FROM assignments WHERE claim_id = $1 AND ended_at IS NULL`,
        [late],
      );
      return rows.length > 0 && rows;
    });
    await env.sql(`UPDATE assignments SET due_at = now() - interval '1 minute' WHERE id = $1`, [open.id]);
    expect(await env.worker!.get(AssignmentService).checkDeadline(open.id)).toEqual({ outcome: 'missed' });

    const seen = await eventually(async () => {
      const events = new Set(receiver.at('/all').map((r) => r.body.event));
      return all.every((e) => events.has(e)) && receiver.at('/all');
    });
    const of = (event: string, claimId: string) =>
      seen.find((r) => r.body.event === event && r.body.data.claim.id === claimId)?.body.data;
    expect(of('claim.assigned', id)).toMatchObject({ claim: { assigneeId: reviewer.id }, previousStatus: 'queued' });
    expect(of('verdict.submitted', id)).toMatchObject({ change: { verdictId: v.body.id, rating: 'false' } });
    expect(of('verdict.published', id)).toMatchObject({ claim: { status: 'published' }, change: { rating: 'false' } });
    expect(of('verdict.corrected', id)).toMatchObject({
      change: { verdictId: c.body.id, rating: 'mostly_false', replacesVerdictId: v.body.id },
    });
    expect(of('claim.duplicate', b)).toMatchObject({ claim: { status: 'duplicate', originalId: a } });
    expect(of('deadline.missed', late)).toMatchObject({
      claim: { status: 'queued' },
      change: { assignmentId: open.id },
    });
    // Each event once per webhook: its id is unique among the deliveries received.
    const ids = seen.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('retries a receiver answering 500 with exponential backoff, then succeeds', async () => {
    const hook = await register('/flaky', ['claim.queued']);
    await seedClaims(env, [0.95]);
    const [d] = await eventually(async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'succeeded' && items;
    }, 30_000);
    expect(d.attempts).toBe(3);
    expect(d.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 200]);
    expect(d.log[0].error).toBe('the receiver answered 500');
    const hits = receiver.at('/flaky');
    expect(hits).toHaveLength(3);
    // The same event each time (receivers dedupe on its id), signed afresh.
    expect(new Set(hits.map((h) => h.body.id)).size).toBe(1);
    expect(new Set(hits.map((h) => h.headers['x-claimdesk-delivery'])).size).toBe(1);
    for (const h of hits)
      expect(verifySignature(h.headers['x-claimdesk-signature'] as string, h.raw, SECRET).ok).toBe(true);
    // Backoff: 300 ms, then 600 ms at least (lower bounds only: a loaded machine can only make them longer).
    expect(hits[1].at - hits[0].at).toBeGreaterThanOrEqual(280);
    expect(hits[2].at - hits[1].at).toBeGreaterThanOrEqual(580);
    const after = (await env.request('GET', `/v1/webhooks/${hook.id}`, { token: admin })).body;
    expect(after).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('disables a webhook after WEBHOOK_DISABLE_AFTER failures in a row; an admin enables it and redelivers', async () => {
    const hook = await register('/down', ['claim.queued']);
    await seedClaims(env, [0.95]);
    const disabled = await eventually(async () => {
      const w = (await env.request('GET', `/v1/webhooks/${hook.id}`, { token: admin })).body;
      return w.enabled === false && w;
    }, 30_000);
    expect(disabled.disabledReason).toBe(
      'disabled after 3 failed deliveries in a row (last: the receiver answered 500)',
    );
    expect(disabled.consecutiveFailures).toBe(3);
    expect(disabled.disabledAt).not.toBeNull();
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null });
    expect(receiver.at('/down')).toHaveLength(3); // WEBHOOK_MAX_ATTEMPTS is 4: the fourth never went

    // Disabled: no new deliveries, and no redelivery until enabled again.
    const redeliver = () =>
      env.request('POST', `/v1/webhooks/${hook.id}/deliveries/${d.id}/redeliver`, { token: admin });
    expect((await redeliver()).status).toBe(409);
    receiver.downHeals = true;
    const enabled = await env.request('PATCH', `/v1/webhooks/${hook.id}`, { token: admin, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    const again = await redeliver();
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: d.id, status: 'pending', maxAttempts: 4 });
    const done = await eventually(async () => {
      const [x] = await deliveries(hook.id);
      return x.status === 'succeeded' && x;
    });
    expect(done.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(receiver.at('/down')).toHaveLength(4);
    expect((await redeliver()).status).toBe(202); // a finished delivery can go again
  });

  it('re-drives from PostgreSQL a delivery whose job Redis lost (the sweeper)', async () => {
    const hook = await register('/ok?lost', ['claim.queued']);
    await env.stopWorker();
    const { claims } = await seedClaims(env, [0.95]);
    const [row] = await env.sql<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE webhook_id = $1`, [hook.id]);
    const queue = env.app.get<Queue>(getQueueToken(QUEUES.webhooks), { strict: false });
    await eventually(async () => (await queue.getJob(`webhook-${row.id}-1`)) !== undefined); // enqueued after commit
    await queue.remove(`webhook-${row.id}-1`);
    expect(await queue.getJob(`webhook-${row.id}-1`)).toBeUndefined();
    await env.startWorker(); // its first sweep runs at start
    const got = await eventually(async () =>
      receiver.at('/ok?lost').find((r) => r.body.data.claim.id === claims[0].id),
    );
    expect(got.body.event).toBe('claim.queued');
    await eventually(async () => (await deliveries(hook.id))[0]?.status === 'succeeded');
  });

  it("refuses a loopback port outside FETCH_ALLOW_HOSTS with the guard's reason, and never connects to it", async () => {
    const other = createTcpServer();
    let connections = 0;
    other.on('connection', (s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    const port = (other.address() as AddressInfo).port;
    try {
      const res = await env.request('POST', '/v1/webhooks', {
        token: admin,
        body: { url: `http://127.0.0.1:${port}/hook`, events: ['claim.queued'] },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(`url: refused to fetch 127.0.0.1:${port}: it resolves to a loopback address`);
      expect(res.body.details).toEqual([{ field: 'url', message: expect.stringContaining('loopback') }]);
      const bad = await env.request('POST', '/v1/webhooks', {
        token: admin,
        body: { url: 'ftp://example.org/x', events: ['claim.queued'] },
      });
      expect(bad.status).toBe(400);
      const unknownEvent = await env.request('POST', '/v1/webhooks', {
        token: admin,
        body: { url: `${base}/ok`, events: ['claim.exploded'] },
      });
      expect(unknownEvent.status).toBe(400);
      const stored = await env.sql<{ n: number }>(`SELECT count(*)::int AS n FROM webhooks WHERE url LIKE $1`, [
        `%:${port}/%`,
      ]);
      expect(stored[0].n).toBe(0);
      expect(connections).toBe(0);
    } finally {
      await new Promise((ok) => other.close(ok));
    }
  });

  it('answers 404 for unknown webhooks and deliveries; editors may not manage webhooks', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await env.request('GET', `/v1/webhooks/${none}`, { token: admin })).status).toBe(404);
    expect((await env.request('GET', `/v1/webhooks/${none}/deliveries`, { token: admin })).status).toBe(404);
    const hook = await register('/ok?x', ['claim.assigned']);
    expect(
      (await env.request('POST', `/v1/webhooks/${hook.id}/deliveries/${none}/redeliver`, { token: admin })).status,
    ).toBe(404);
    const editor = (await env.user('editor')).token;
    expect((await env.request('GET', '/v1/webhooks', { token: editor })).status).toBe(403);
    expect((await env.request('DELETE', `/v1/webhooks/${hook.id}`, { token: admin })).status).toBe(204);
    expect((await env.request('GET', `/v1/webhooks/${hook.id}`, { token: admin })).status).toBe(404);
  });
});
