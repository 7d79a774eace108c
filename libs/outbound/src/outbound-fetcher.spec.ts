import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { OutboundError } from './outbound-error';
import { DEFAULT_LIMITS, OutboundFetcher } from './outbound-fetcher';
import { OutboundPolicy } from './outbound-policy';
import { HostLookup, SsrfGuard } from './ssrf-guard';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A server on 127.0.0.1 that counts the requests it gets. */
async function localServer(handler: Handler) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, hits, base: `http://127.0.0.1:${port}` };
}

const html = (body: string) => `<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`;

describe(OutboundFetcher.name, () => {
  let site: Awaited<ReturnType<typeof localServer>>;
  let forbidden: Awaited<ReturnType<typeof localServer>>;
  let fetcher: OutboundFetcher;
  const lookup: HostLookup = async (host) => {
    if (host === 'news.test') return [{ address: '127.0.0.1', family: 4 }];
    if (host === 'intranet.test') return [{ address: '192.168.1.20', family: 4 }];
    throw new Error('ENOTFOUND');
  };

  beforeAll(async () => {
    forbidden = await localServer((_req, res) => res.end(html('secret')));
    site = await localServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const n = Number(url.searchParams.get('n') ?? 0);
      switch (url.pathname) {
        case '/latin1':
          res.setHeader('content-type', 'text/html; charset=ISO-8859-1');
          return res.end(iconv.encode(html('Le café coûte 2,30 €'.replace('€', 'EUR')), 'latin1'));
        case '/meta-charset':
          res.setHeader('content-type', 'text/html');
          return res.end(
            iconv.encode(
              `<html><head><meta charset="windows-1252"></head><body>“Quoted” déjà</body></html>`,
              'win1252',
            ),
          );
        case '/gzip':
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.setHeader('content-encoding', 'gzip');
          return res.end(zlib.gzipSync(html('compressed ünïcode')));
        case '/redirect':
          res.statusCode = 302;
          res.setHeader('location', n > 0 ? `/redirect?n=${n - 1}` : '/latin1');
          return res.end();
        case '/to-forbidden':
          res.statusCode = 301;
          res.setHeader('location', `${forbidden.base}/`);
          return res.end();
        case '/to-mapped':
          res.statusCode = 307;
          res.setHeader('location', `http://[::ffff:127.0.0.1]:${site.port}/latin1`);
          return res.end();
        case '/to-intranet':
          res.statusCode = 302;
          res.setHeader('location', 'http://intranet.test/');
          return res.end();
        case '/missing':
          res.statusCode = 404;
          return res.end('not here');
        case '/json':
          res.setHeader('content-type', 'application/json');
          return res.end('{}');
        case '/big':
          res.setHeader('content-type', 'text/html');
          return res.end(html('x'.repeat(20_000)));
        case '/big-chunked':
          res.setHeader('content-type', 'text/html');
          for (let i = 0; i < 20; i++) res.write('y'.repeat(1000));
          return res.end();
        case '/gzip-bomb':
          res.setHeader('content-type', 'text/html');
          res.setHeader('content-encoding', 'gzip');
          return res.end(zlib.gzipSync(Buffer.alloc(1_000_000, 32)));
        case '/slow':
          res.setHeader('content-type', 'text/html');
          res.write('<html>');
          return void setTimeout(() => res.end('</html>'), 2_000).unref();
        case '/hang':
          return; // never answers
        default:
          res.setHeader('content-type', 'text/html');
          return res.end(html('ok'));
      }
    });
    const policy = new OutboundPolicy(`127.0.0.1:${site.port},news.test:${site.port}`);
    fetcher = new OutboundFetcher(new SsrfGuard(policy, lookup), {
      ...DEFAULT_LIMITS,
      timeoutMs: 500,
      maxBytes: 10_000,
    });
  });

  afterAll(async () => {
    site.server.closeAllConnections();
    forbidden.server.closeAllConnections();
    await Promise.all([site, forbidden].map((s) => new Promise((r) => s.server.close(r))));
  });

  const failure = async (p: Promise<unknown>): Promise<OutboundError> => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutboundError);
    return err as OutboundError;
  };

  it('fetches an allowed page and honours the charset of its header', async () => {
    const page = await fetcher.fetchPage(`${site.base}/latin1`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Le café coûte 2,30 EUR');
  });

  it('honours a charset the page declares in a meta tag', async () => {
    expect((await fetcher.fetchPage(`${site.base}/meta-charset`)).text).toContain('“Quoted” déjà');
  });

  it('decompresses a gzip body', async () => {
    expect((await fetcher.fetchPage(`${site.base}/gzip`)).text).toContain('compressed ünïcode');
  });

  it('connects to the vetted address of an allowed name (news.test exists only in the injected lookup)', async () => {
    const page = await fetcher.fetchPage(`http://news.test:${site.port}/latin1`);
    expect(page.text).toContain('café');
  });

  it('follows up to 5 redirects and says where it went', async () => {
    const page = await fetcher.fetchPage(`${site.base}/redirect?n=4`);
    expect(page.url).toBe(`${site.base}/latin1`);
    expect(page.redirects).toHaveLength(5);
  });

  it('stops after 5 redirects', async () => {
    expect((await failure(fetcher.fetchPage(`${site.base}/redirect?n=5`))).code).toBe('too-many-redirects');
  });

  describe('refusals', () => {
    beforeEach(() => forbidden.hits.splice(0));

    it('refuses a loopback port outside the allow-list, without connecting', async () => {
      const err = await failure(fetcher.fetchPage(`${forbidden.base}/`));
      expect(err.code).toBe('refused');
      expect(err.message).toContain('loopback');
      expect(forbidden.hits).toEqual([]);
    });

    it('refuses a redirect to that port', async () => {
      const before = site.hits.length;
      expect((await failure(fetcher.fetchPage(`${site.base}/to-forbidden`))).code).toBe('refused');
      expect(site.hits.length).toBe(before + 1);
      expect(forbidden.hits).toEqual([]);
    });

    it('refuses [::ffff:127.0.0.1], directly and as a redirect', async () => {
      const before = site.hits.length;
      expect((await failure(fetcher.fetchPage(`http://[::ffff:127.0.0.1]:${site.port}/latin1`))).message).toContain(
        'ipv4Mapped',
      );
      expect(site.hits.length).toBe(before);
      expect((await failure(fetcher.fetchPage(`${site.base}/to-mapped`))).code).toBe('refused');
      expect(site.hits.length).toBe(before + 1);
    });

    it('refuses a name that resolves to a private address, also behind a redirect', async () => {
      expect((await failure(fetcher.fetchPage('http://intranet.test/'))).message).toContain('private');
      expect((await failure(fetcher.fetchPage(`${site.base}/to-intranet`))).code).toBe('refused');
    });
  });

  describe('failures', () => {
    it('fails on a 404 with its status', async () => {
      const err = await failure(fetcher.fetchPage(`${site.base}/missing`));
      expect(err).toMatchObject({ code: 'http-status', status: 404 });
    });

    it('fails on a content type that is not HTML', async () => {
      const err = await failure(fetcher.fetchPage(`${site.base}/json`));
      expect(err.code).toBe('content-type');
      expect(err.message).toContain('application/json');
    });

    it.each(['/big', '/big-chunked', '/gzip-bomb'])('fails on a body over the cap (%s)', async (path) => {
      expect((await failure(fetcher.fetchPage(`${site.base}${path}`))).code).toBe('too-large');
    });

    it.each(['/slow', '/hang'])('fails when %s passes the total timeout', async (path) => {
      const started = Date.now();
      expect((await failure(fetcher.fetchPage(`${site.base}${path}`))).code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1_500);
    });
  });
});
