import http, { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { decodeBody, parseContentType } from './charset';
import { OutboundError } from './outbound-error';
import { SsrfGuard, VettedTarget } from './ssrf-guard';

export const MAX_REDIRECTS = 5;

export interface FetchLimits {
  /** Until the TCP connection is up, per hop. */
  connectTimeoutMs: number;
  /** The whole fetch: every redirect and the body. */
  timeoutMs: number;
  /** Body bytes after decompression. */
  maxBytes: number;
  /** At most MAX_REDIRECTS. */
  maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 5_000,
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: MAX_REDIRECTS,
};

export interface FetchRequest {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Media types accepted in a 2xx answer (e.g. `text/html`); anything else fails `content-type`. Omitted: any. */
  accept?: string[];
  /** Answer a 304 instead of failing (conditional GET). */
  allowNotModified?: boolean;
  /** Any status is returned rather than failing `http-status` (webhook deliveries read it themselves). */
  anyStatus?: boolean;
  /** Redirects are not followed when false (webhooks). */
  followRedirects?: boolean;
  limits?: Partial<FetchLimits>;
}

export interface FetchResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  mediaType: string;
  charset: string | null;
  body: Buffer;
  /** The URLs redirected from, in order. */
  redirects: string[];
}

export interface TextResponse extends FetchResponse {
  text: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Every outbound HTTP request claimdesk makes goes through here: each hop's URL is vetted by the SSRF guard
 * (redirects included) and the connection goes to the vetted address only, so a host cannot resolve to a public
 * address for the check and a private one for the connection.
 */
export class OutboundFetcher {
  constructor(
    readonly guard: SsrfGuard,
    private readonly defaults: FetchLimits = DEFAULT_LIMITS,
    private readonly userAgent = 'claimdesk/1 (+fact-check ingestion)',
  ) {}

  async fetch(input: string, req: FetchRequest = {}): Promise<FetchResponse> {
    const limits = { ...this.defaults, ...req.limits };
    limits.maxRedirects = Math.min(limits.maxRedirects, MAX_REDIRECTS);
    const deadline = Date.now() + limits.timeoutMs;
    const redirects: string[] = [];
    let url = input;
    let method = req.method ?? 'GET';
    let body = req.body;
    for (;;) {
      const target = await withDeadline(this.guard.vet(url), deadline);
      const res = await this.request(target, method, req.headers ?? {}, body, limits, deadline);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status) && res.headers.location && req.followRedirects !== false) {
        res.resume();
        if (redirects.length >= limits.maxRedirects) {
          throw new OutboundError('too-many-redirects', `more than ${limits.maxRedirects} redirects`);
        }
        redirects.push(target.url.href);
        url = resolveLocation(res.headers.location, target.url);
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const { mediaType, charset } = parseContentType(res.headers['content-type']);
      const notModified = status === 304 && req.allowNotModified;
      if (!req.anyStatus && !notModified && (status < 200 || status > 299)) {
        res.resume();
        throw new OutboundError('http-status', `the server answered ${status}`, status);
      }
      if (req.accept && !notModified && status >= 200 && status <= 299 && !req.accept.includes(mediaType)) {
        res.resume();
        throw new OutboundError(
          'content-type',
          `unexpected content type ${mediaType || '(none)'}; expected ${req.accept.join(' or ')}`,
        );
      }
      const data = method === 'HEAD' ? Buffer.alloc(0) : await readBody(res, limits.maxBytes, deadline);
      return { url: target.url.href, status, headers: res.headers, mediaType, charset, body: data, redirects };
    }
  }

  /** A fetch whose body is decoded to text with its charset (header, BOM or the document's own declaration). */
  async fetchText(input: string, req: FetchRequest = {}): Promise<TextResponse> {
    const res = await this.fetch(input, req);
    return { ...res, text: decodeBody(res.body, res.charset).text };
  }

  /** An HTML page. */
  fetchPage(input: string, limits?: Partial<FetchLimits>): Promise<TextResponse> {
    return this.fetchText(input, {
      accept: ['text/html', 'application/xhtml+xml'],
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      limits,
    });
  }

  private request(
    target: VettedTarget,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    limits: FetchLimits,
    deadline: number,
  ): Promise<IncomingMessage> {
    const pinned: LookupFunction = (_host, options, cb) => {
      if (options.all) cb(null, [{ address: target.address, family: target.family }]);
      else cb(null, target.address, target.family);
    };
    const lib = target.url.protocol === 'https:' ? https : http;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const r = lib.request({
        method,
        host: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        lookup: pinned,
        agent: false,
        servername: isIP(target.hostname) ? undefined : target.hostname,
        headers: {
          'user-agent': this.userAgent,
          'accept-encoding': 'gzip, deflate, br',
          ...headers,
          host: target.url.host,
        },
      });
      const remaining = deadline - Date.now();
      const total = setTimeout(
        () => r.destroy(new OutboundError('timeout', `no answer within ${limits.timeoutMs} ms`)),
        Math.max(0, remaining),
      );
      r.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connect = setTimeout(
          () => r.destroy(new OutboundError('connect-timeout', `no connection within ${limits.connectTimeoutMs} ms`)),
          limits.connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(connect));
        socket.once('close', () => clearTimeout(connect));
      });
      r.on('response', (res) => {
        res.once('end', () => clearTimeout(total));
        res.once('close', () => clearTimeout(total));
        // The total budget goes on covering the body: readBody checks the deadline too.
        resolve(res);
      });
      r.on('error', (err) => {
        clearTimeout(total);
        reject(err instanceof OutboundError ? err : new OutboundError('network', `could not fetch: ${err.message}`));
      });
      r.end(body);
    });
  }
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new OutboundError('bad-url', 'the redirect location is not a valid URL');
  }
}

async function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutboundError('timeout', 'the fetch ran out of time')), deadline - Date.now());
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function decompressed(res: IncomingMessage): Readable {
  switch ((res.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

/** Reads the body, decompressed, failing once it passes `maxBytes` or the deadline (a slow drip cannot hang us). */
function readBody(res: IncomingMessage, maxBytes: number, deadline: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(new OutboundError('too-large', `the body is larger than ${maxBytes} bytes`));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const stream = decompressed(res);
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: OutboundError) => {
      clearTimeout(timer);
      res.destroy();
      stream.destroy();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new OutboundError('timeout', 'the body did not arrive in time')),
      Math.max(0, deadline - Date.now()),
    );
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new OutboundError('too-large', `the body is larger than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    // At the deadline the request's own timer may destroy the socket first: that is a timeout, not a network error.
    const onError = (err: Error) =>
      fail(
        err instanceof OutboundError
          ? err
          : Date.now() >= deadline
            ? new OutboundError('timeout', 'the body did not arrive in time')
            : new OutboundError('network', `could not read the body: ${err.message}`),
      );
    stream.on('error', onError);
    res.on('error', onError);
  });
}
