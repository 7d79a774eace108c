import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { SweeperService } from '../apps/worker/src/sweeper.service';
import { eventually, Json, TestEnv } from './support/test-env';

const PARAGRAPHS = [
  'The national statistics office said on Tuesday that unemployment fell to 7.1% in the third quarter, the lowest rate since 2008, as employers added 120,000 jobs.',
  'Finance minister Anna Berg told parliament that the budget deficit would shrink to 2.3% of GDP next year because tax receipts rose by 4 billion euros.',
  'Opposition leader Tom Hale said the figures hid a rise in part-time work and that wages had fallen in real terms for three years in a row.',
];

function page(opts: { title: string; canonical?: string; charsetMeta?: string; extra?: string }): string {
  return `<!doctype html><html lang="en"><head>
${opts.charsetMeta ? `<meta charset="${opts.charsetMeta}">` : ''}
<title>${opts.title}</title>
${opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : ''}
<meta property="article:published_time" content="2025-11-04T08:30:00Z">
<meta property="og:site_name" content="Local Gazette">
<meta name="author" content="Jane Reporter">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>${opts.title}</h1><p>Our report on ${opts.title}, filed from the newsroom this morning.</p>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}${opts.extra ?? ''}</article>
<footer>Copyright Local Gazette</footer></body></html>`;
}

type Server = { server: http.Server; port: number; hits: string[]; base: string };

async function listen(handler: http.RequestListener): Promise<Server> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, hits, base: `http://127.0.0.1:${port}` };
}

describe('URL ingestion (POST /v1/articles { url })', () => {
  let env: TestEnv;
  let editor: string;
  let site: Server;
  let forbidden: Server;

  beforeAll(async () => {
    forbidden = await listen((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(page({ title: 'Internal admin page' }));
    });
    site = await listen((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const html = (body: string | Buffer, type = 'text/html; charset=utf-8') => {
        res.setHeader('content-type', type);
        res.end(body);
      };
      switch (path) {
        case '/budget':
          return html(page({ title: 'Unemployment falls to 7.1%', canonical: '/news/budget-2025?utm_campaign=feed' }));
        case '/latin1':
          return html(
            iconv.encode(page({ title: 'Économie: le chômage recule à 7,1 %' }), 'latin1'),
            'text/html; charset=iso-8859-1',
          );
        case '/moved':
          res.statusCode = 301;
          res.setHeader('location', '/final');
          return res.end();
        case '/final':
          return html(page({ title: 'Wages fall for a third year' }));
        case '/to-forbidden':
          res.statusCode = 302;
          res.setHeader('location', `${forbidden.base}/admin`);
          return res.end();
        case '/gone':
          res.statusCode = 404;
          return html('<h1>not found</h1>');
        case '/slow':
          res.setHeader('content-type', 'text/html');
          res.write('<html>');
          return void setTimeout(() => res.end('</html>'), 5_000).unref();
        case '/huge':
          return html(page({ title: 'Huge', extra: `<p>${'word '.repeat(30_000)}</p>` }));
        case '/data.json':
          return html('{"not":"html"}', 'application/json');
        case '/empty':
          return html('<html><body></body></html>');
        default:
          res.statusCode = 404;
          return res.end();
      }
    });
    env = await TestEnv.start({
      worker: true,
      env: {
        FETCH_ALLOW_HOSTS: `127.0.0.1:${site.port}`,
        FETCH_TIMEOUT_MS: '1000',
        FETCH_MAX_BYTES: '100000',
      },
    });
    editor = (await env.user('editor')).token;
  });

  afterAll(async () => {
    await env.close();
    for (const s of [site, forbidden]) {
      s.server.closeAllConnections();
      await new Promise((r) => s.server.close(r));
    }
  });

  const post = (body: Json) => env.request('POST', '/v1/articles', { token: editor, body });
  const settled = (id: string) =>
    eventually(async () => {
      const r = await env.request('GET', `/v1/articles/${id}`, { token: editor });
      return ['extracted', 'failed'].includes(r.body.status) && r.body;
    });

  describe('success', () => {
    let id: string;

    it('answers 202 with the article fetching, its URL without tracking parameters', async () => {
      const res = await post({ url: `${site.base}/budget?utm_source=newsletter&fbclid=abc&id=7#comments` });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        status: 'fetching',
        url: `${site.base}/budget?id=7`,
        body: '',
        language: 'und',
      });
      id = res.body.id;
    });

    it('fetches the page, reads the article with readability and extracts its claims', async () => {
      const a = await settled(id);
      expect(a).toMatchObject({
        status: 'extracted',
        title: expect.stringContaining('Unemployment falls to 7.1%'),
        byline: 'Jane Reporter',
        source: 'Local Gazette',
        publishedAt: '2025-11-04T08:30:00.000Z',
        language: 'en',
        canonicalUrl: `${site.base}/news/budget-2025`,
        failureReason: null,
      });
      expect(a.body).toContain('unemployment fell to 7.1% in the third quarter');
      expect(a.body).not.toContain('Copyright');
      expect(a.body.split('\n\n')).toHaveLength(4);
      expect(a.claimCount).toBeGreaterThan(0);
    });

    it('treats the same URL again, with other tracking parameters or as its canonical URL, as the same article', async () => {
      for (const url of [
        `${site.base}/budget?id=7&utm_medium=email`,
        `${site.base}/budget?gclid=x&id=7`,
        `${site.base}/news/budget-2025`,
      ]) {
        const again = await post({ url });
        expect(again.status).toBe(200);
        expect(again.body.id).toBe(id);
      }
      expect(await env.sql(`SELECT count(*)::int AS n FROM articles WHERE url LIKE '%budget%'`)).toEqual([{ n: 1 }]);
    });

    it('honours the page charset', async () => {
      const a = await settled((await post({ url: `${site.base}/latin1` })).body.id);
      expect(a.title).toContain('Économie: le chômage recule à 7,1 %');
    });

    it('follows a redirect and keeps the final URL as canonical', async () => {
      const a = await settled((await post({ url: `${site.base}/moved` })).body.id);
      expect(a).toMatchObject({ status: 'extracted', canonicalUrl: `${site.base}/final` });
      expect(a.body).toContain('Opposition leader Tom Hale');
    });

    it('re-drives an article left fetching without a job from PostgreSQL (the sweeper)', async () => {
      const [row] = await env.sql<{ id: string }>(
        `INSERT INTO articles (url, body, body_hash, status, language, created_at)
         VALUES ($1, '', NULL, 'fetching', 'und', now() - interval '1 minute') RETURNING id`,
        [`${site.base}/final?copy=1`],
      );
      const counts = await env.worker!.get(SweeperService).sweep();
      expect(counts.fetches).toBe(1);
      // Same text as the /moved article: stored once, this one fails naming the other.
      const a = await settled(row.id);
      expect(a.status).toBe('failed');
      expect(a.failureReason).toContain('the same article as');
    });
  });

  describe('failures end `failed` with a reason', () => {
    it.each([
      ['/gone', 'the server answered 404'],
      ['/slow', 'timeout'],
      ['/huge', 'larger than 100000 bytes'],
      ['/data.json', 'unexpected content type application/json'],
      ['/empty', 'no article text'],
    ])('%s', async (path, reason) => {
      const res = await post({ url: `${site.base}${path}` });
      expect(res.status).toBe(202);
      const a = await settled(res.body.id);
      expect(a.status).toBe('failed');
      expect(a.failureReason).toContain(reason);
      expect(a.error).toBe(a.failureReason);
    });
  });

  describe('SSRF refusals through the API', () => {
    beforeEach(() => forbidden.hits.splice(0));

    it.each([
      ['a loopback port outside the allow-list', () => `${forbidden.base}/admin`, 'loopback'],
      ['a redirect to it', () => `${site.base}/to-forbidden`, 'loopback'],
      ['the IPv4-mapped form of 127.0.0.1', () => `http://[::ffff:127.0.0.1]:${site.port}/budget`, 'ipv4Mapped'],
    ])('refuses %s', async (_name, url, range) => {
      const res = await post({ url: url() });
      expect(res.status).toBe(202);
      const a = await settled(res.body.id);
      expect(a.status).toBe('failed');
      expect(a.failureReason).toContain('refused');
      expect(a.failureReason).toContain(range);
      expect(forbidden.hits).toEqual([]);
    });
  });

  describe('{ html }', () => {
    it('reads the article from posted HTML through the same readability step', async () => {
      const res = await post({
        html: page({ title: 'Posted as HTML', canonical: 'https://gazette.example/posted?utm_source=x' }).replace(
          'three years',
          'four years',
        ),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'received',
        title: expect.stringContaining('Posted as HTML'),
        url: 'https://gazette.example/posted',
        byline: 'Jane Reporter',
      });
      expect(res.body.body).toContain('four years in a row');
      expect((await post({ url: 'https://gazette.example/posted' })).body.id).toBe(res.body.id);
    });

    it('refuses body and html together, and a request with neither nor a url', async () => {
      expect((await post({ body: 'x', html: '<p>x</p>' })).status).toBe(400);
      expect((await post({ title: 'nothing' })).status).toBe(400);
    });
  });
});
