import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, sourceSchedulerId } from '@claimdesk/queue';
import { SweeperService } from '../apps/worker/src/sweeper.service';
import { eventually, Json, TestEnv } from './support/test-env';

const LONG = (topic: string) =>
  `The national statistics office said on Tuesday that ${topic} rose by 4.2% in the third quarter, the fastest ` +
  `rise since 2008, as employers added 120,000 jobs. Finance minister Anna Berg told parliament that the deficit ` +
  `would shrink to 2.3% of GDP next year because tax receipts rose by 4 billion euros.`;

const PAGE = `<!doctype html><html lang="en"><head><title>Wages fall for a third year</title></head><body><article>
<h1>Wages fall for a third year</h1><p>${LONG('part-time work')}</p>
<p>Opposition leader Tom Hale said the figures hid a rise in part-time work and that real wages had fallen for three years in a row.</p>
</article></body></html>`;

type Hit = { path: string; at: number; ifNoneMatch?: string; ifModifiedSince?: string };

/** The feeds and pages, on 127.0.0.1 only. */
function feedServer() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.push({
      path,
      at: Date.now(),
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    switch (path) {
      case '/rss.xml': {
        // Honours conditional GETs: the second poll gets a 304.
        if (req.headers['if-none-match'] === '"rss-v1"') {
          res.statusCode = 304;
          return res.end();
        }
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        res.setHeader('etag', '"rss-v1"');
        res.setHeader('last-modified', 'Tue, 04 Nov 2025 08:30:00 GMT');
        return res.end(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Local Gazette</title>
<item><title>Prices rise</title><link>${base}/prices</link><guid>gazette-1</guid>
<content:encoded><![CDATA[<p>${LONG('consumer prices')}</p><p>Economists had expected a smaller rise.</p>]]></content:encoded></item>
<item><title>Rents rise</title><link>${base}/rents</link><guid>gazette-2</guid><description>${LONG('rents')}</description></item>
<item><title>Wages fall</title><link>${base}/wages</link><guid>gazette-3</guid><description>Short teaser.</description></item>
</channel></rss>`);
      }
      case '/atom.xml':
        // No validators and always 200: a re-poll must still insert nothing.
        res.setHeader('content-type', 'application/atom+xml');
        return res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<id>urn:wire</id><updated>2025-11-04T00:00:00Z</updated>
<entry><id>urn:wire:1</id><title>Exports fall</title><link href="${base}/exports"/><updated>2025-11-04T00:00:00Z</updated>
<content type="text">${LONG('exports')}</content></entry>
<entry><id>urn:wire:2</id><title>Wages fall again</title><link href="${base}/wages?utm_source=atom"/>
<updated>2025-11-04T00:00:00Z</updated><summary>Teaser.</summary></entry>
</feed>`);
      case '/wages':
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end(PAGE);
      case '/broken.xml':
        res.statusCode = 500;
        return res.end('oops');
      default:
        res.statusCode = 404;
        return res.end();
    }
  });
  return { server, hits };
}

describe('feed sources (POST /v1/sources, polled by the worker)', () => {
  let env: TestEnv;
  let editor: string;
  let base: string;
  const { server, hits } = feedServer();
  const hitsOf = (path: string) => hits.filter((h) => h.path === path);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    env = await TestEnv.start({
      worker: true,
      env: {
        FETCH_ALLOW_HOSTS: `127.0.0.1:${port}`,
        SOURCE_MIN_INTERVAL_SECONDS: '1',
        SOURCE_DEFAULT_INTERVAL_SECONDS: '1',
        SOURCE_FLAG_AFTER_FAILURES: '3',
        SOURCE_MAX_BACKOFF_SECONDS: '4',
        SOURCE_ITEM_MIN_CHARS: '200',
      },
    });
    editor = (await env.user('editor')).token;
  });
  afterAll(async () => {
    await env.close();
    server.close();
  });

  const create = async (body: Json) => {
    const res = await env.request('POST', '/v1/sources', { token: editor, body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const get = async (id: string) => (await env.request('GET', `/v1/sources/${id}`, { token: editor })).body;
  const fetches = async (id: string) =>
    (await env.request('GET', `/v1/sources/${id}/fetches?limit=200`, { token: editor })).body.items as Json[];
  const schedulerOf = (id: string) =>
    env.app.get<Queue>(getQueueToken(QUEUES.sources), { strict: false }).getJobScheduler(sourceSchedulerId(id));

  describe('an RSS feed that honours conditional GETs', () => {
    let rss: Json;

    it('is created (201), polled by its job scheduler, and each item becomes one article', async () => {
      rss = await create({ url: `${base}/rss.xml`, intervalSeconds: 1, language: 'en', topics: ['Economy'] });
      expect(rss).toMatchObject({ status: 'active', intervalSeconds: 1, topics: ['economy'], language: 'en' });
      expect(await schedulerOf(rss.id)).toBeTruthy();
      const s = await eventually(async () => {
        const v = await get(rss.id);
        return v.health.lastSuccessAt && v.health.itemsSeen === 3 ? v : null;
      }, 60_000);
      expect(s).toMatchObject({ title: 'Local Gazette', health: { itemsSeen: 3, articlesCreated: 3, flagged: false } });
      const articles = await env.sql(
        `SELECT a.title, a.source, a.topic, a.language, a.status, a.url FROM articles a
         JOIN source_items i ON i.article_id = a.id WHERE i.source_id = $1 ORDER BY i.guid`,
        [rss.id],
      );
      expect(articles).toEqual([
        expect.objectContaining({ title: 'Prices rise', source: 'Local Gazette', topic: 'economy', language: 'en' }),
        expect.objectContaining({ title: 'Rents rise', url: `${base}/rents` }),
        // Only a teaser: fetched from its link through URL ingestion.
        expect.objectContaining({ title: 'Wages fall', url: `${base}/wages` }),
      ]);
      await eventually(async () => hitsOf('/wages').length > 0, 30_000);
    });

    it('re-polls with If-None-Match and If-Modified-Since; the 304 inserts nothing', async () => {
      const list = await eventually(async () => {
        const f = await fetches(rss.id);
        return f.some((x) => x.outcome === 'not-modified') ? f : null;
      }, 60_000);
      const first = list[list.length - 1];
      expect(first).toMatchObject({ outcome: 'ok', httpStatus: 200, conditional: false, items: 3, newItems: 3 });
      const notModified = list.find((x) => x.outcome === 'not-modified');
      expect(notModified).toMatchObject({ httpStatus: 304, conditional: true, newItems: 0, articlesCreated: 0 });
      const rePolls = hitsOf('/rss.xml').slice(1);
      expect(rePolls.length).toBeGreaterThan(0);
      for (const h of rePolls) {
        expect(h).toMatchObject({ ifNoneMatch: '"rss-v1"', ifModifiedSince: 'Tue, 04 Nov 2025 08:30:00 GMT' });
      }
      const [{ items, articles }] = await env.sql(
        `SELECT count(*)::int AS items, count(DISTINCT article_id)::int AS articles FROM source_items WHERE source_id = $1`,
        [rss.id],
      );
      expect({ items, articles }).toEqual({ items: 3, articles: 3 });
      expect((await get(rss.id)).health).toMatchObject({ itemsSeen: 3, articlesCreated: 3, lastStatus: 304 });
    });

    it('a feed polled again without validators inserts nothing twice; a link already stored is a duplicate', async () => {
      const atom = await create({ url: `${base}/atom.xml`, intervalSeconds: 1 });
      await eventually(async () => hitsOf('/atom.xml').length >= 3 && (await fetches(atom.id)).length >= 3, 60_000);
      const list = await fetches(atom.id);
      expect(list[list.length - 1]).toMatchObject({ outcome: 'ok', items: 2, newItems: 2 });
      expect(list.slice(0, -1).every((f: Json) => f.outcome === 'ok' && f.newItems === 0)).toBe(true);
      const items = await env.sql(`SELECT guid, outcome FROM source_items WHERE source_id = $1 ORDER BY guid`, [
        atom.id,
      ]);
      // The second entry links to the RSS feed's /wages (tracking parameter aside): the same article.
      expect(items).toEqual([
        { guid: 'urn:wire:1', outcome: 'created' },
        { guid: 'urn:wire:2', outcome: 'duplicate' },
      ]);
      const [{ n }] = await env.sql(`SELECT count(*)::int AS n FROM articles WHERE url LIKE $1`, [`${base}/wages%`]);
      expect(n).toBe(1);
      expect((await get(atom.id)).health).toMatchObject({ itemsSeen: 2, articlesCreated: 1 });
    });

    it('pause stops polling and removes the scheduler; resume polls again; both are audited', async () => {
      const paused = await env.request('POST', `/v1/sources/${rss.id}/pause`, { token: editor });
      expect(paused.status).toBe(200);
      expect(paused.body.status).toBe('paused');
      expect(await schedulerOf(rss.id)).toBeFalsy();
      expect((await env.request('POST', `/v1/sources/${rss.id}/pause`, { token: editor })).status).toBe(409);
      await new Promise((r) => setTimeout(r, 1500)); // a poll already running may still end
      const before = hitsOf('/rss.xml').length;
      await new Promise((r) => setTimeout(r, 3500));
      expect(hitsOf('/rss.xml').length).toBe(before);

      const resumed = await env.request('POST', `/v1/sources/${rss.id}/resume`, { token: editor });
      expect(resumed.body.status).toBe('active');
      await eventually(async () => hitsOf('/rss.xml').length > before, 30_000);
      const events = (await env.request('GET', `/v1/sources/${rss.id}/events`, { token: editor })).body.items;
      expect(events.map((e: Json) => e.type)).toEqual(['created', 'paused', 'resumed']);
      expect(events[1].actorId).toBeTruthy();
    });

    it('the sweeper re-arms the scheduler of an active source that Redis lost', async () => {
      const queue = env.app.get<Queue>(getQueueToken(QUEUES.sources), { strict: false });
      await queue.removeJobScheduler(sourceSchedulerId(rss.id));
      expect(await schedulerOf(rss.id)).toBeFalsy();
      const counts = await env.worker!.get(SweeperService).sweep();
      expect(counts.sources).toBeGreaterThanOrEqual(1);
      expect(await schedulerOf(rss.id)).toBeTruthy();
    });

    it('delete removes the source and its scheduler, keeps its articles and its audit trail', async () => {
      const res = await env.request('DELETE', `/v1/sources/${rss.id}`, { token: editor });
      expect(res.status).toBe(204);
      expect((await env.request('GET', `/v1/sources/${rss.id}`, { token: editor })).status).toBe(404);
      expect(await schedulerOf(rss.id)).toBeFalsy();
      const [{ n }] = await env.sql(
        `SELECT count(*)::int AS n FROM articles WHERE title IN ('Prices rise', 'Rents rise')`,
      );
      expect(n).toBe(2);
      const events = (await env.request('GET', `/v1/sources/${rss.id}/events`, { token: editor })).body.items;
      expect(events.map((e: Json) => e.type)).toEqual(['created', 'paused', 'resumed', 'deleted']);
    });
  });

  it('a failing feed records each error, backs off and is flagged', async () => {
    const broken = await create({ url: `${base}/broken.xml`, intervalSeconds: 1 });
    const flagged = await eventually(async () => {
      const v = await get(broken.id);
      return v.health.flagged ? v : null;
    }, 90_000);
    expect(flagged.health).toMatchObject({ lastStatus: 500 });
    expect(flagged.health.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(flagged.health.lastError).toContain('http-status');
    expect(Date.parse(flagged.health.nextFetchAt)).toBeGreaterThan(Date.parse(flagged.health.lastFetchAt));
    const list = await fetches(broken.id);
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.every((f: Json) => f.outcome === 'error' && f.httpStatus === 500)).toBe(true);
    // Backed off: after the 2nd failure the next poll waits 2 intervals (the scheduler still ticks every second).
    const at = hitsOf('/broken.xml').map((h) => h.at);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(1900);
    const events = (await env.request('GET', `/v1/sources/${broken.id}/events`, { token: editor })).body.items;
    expect(events.map((e: Json) => e.type)).toEqual(['created', 'flagged']);
  });

  it('refuses an interval below SOURCE_MIN_INTERVAL_SECONDS and a second source with the same URL', async () => {
    const dup = await env.request('POST', '/v1/sources', { token: editor, body: { url: `${base}/atom.xml` } });
    expect(dup.status).toBe(409);
    const zero = await env.request('POST', '/v1/sources', {
      token: editor,
      body: { url: `${base}/other.xml`, intervalSeconds: 0 },
    });
    expect(zero.status).toBe(400);
    const list = (await env.request('GET', '/v1/sources', { token: editor })).body;
    expect(list.items.map((s: Json) => s.url).sort()).toEqual([`${base}/atom.xml`, `${base}/broken.xml`]);
  });
});
