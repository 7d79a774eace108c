import fastifyStatic from '@fastify/static';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorBody } from './error-body';

/** Paths of the API (and the console's files): an unknown one stays a JSON 404 even for a browser. */
const NOT_PAGES = ['/v1/', '/v1?', '/docs', '/health', '/metrics', '/admin/', '/assets/'];

/** dist/web, from the build (dist/apps/api/src/http) or from the sources (apps/api/src/http, tests, dev). */
export function webRoot(): string | null {
  for (const dir of [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')])
    if (existsSync(join(dir, 'index.html'))) return dir;
  return null;
}

/** A browser navigating to a console page: a GET (or HEAD) outside the API that accepts HTML. */
function wantsConsolePage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0];
  if (path === '/v1' || NOT_PAGES.some((p) => req.url.startsWith(p))) return false;
  return /\btext\/html\b/.test(req.headers.accept ?? '');
}

/**
 * The web console (apps/web, built by `npm run build` into dist/web) at `/`: hashed assets under /assets with a
 * year's cache; index.html answers, from the not-found handler, any other GET that accepts HTML outside the API
 * (the console routes in the browser). No catch-all route, so the router's own answers (404, 414 for an over-long
 * id) stand for everything else. The assets route is marked `web`: public, and left out of the route-role table.
 */
export async function registerWebConsole(adapter: FastifyAdapter, root: string | null): Promise<void> {
  const fastify = adapter.getInstance();
  if (root) await fastify.register(fastifyStatic, { root, serve: false });
  fastify.get('/assets/*', { config: { web: true } }, async (req, reply) => {
    if (!root) return reply.status(404).send(errorBody(404, 'the web console is not built', [], req.id));
    return reply.sendFile(req.url.split('?')[0].slice(1), { maxAge: '365d', immutable: true });
  });
  // Nest sets its not-found handler (a JSON 404) when the app starts: the console page goes in front of it.
  const setNotFound = adapter.setNotFoundHandler.bind(adapter);
  adapter.setNotFoundHandler = (handler: (req: FastifyRequest, reply: FastifyReply) => unknown) =>
    setNotFound(async (req: FastifyRequest, reply: FastifyReply) => {
      if (!wantsConsolePage(req)) return handler(req, reply);
      if (!root)
        return reply.status(404).send(errorBody(404, 'the web console is not built: run npm run build', [], req.id));
      return reply.status(200).header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
}

/**
 * Weak ETags on the API's JSON reads, and 304 for a matching If-None-Match: the console polls its lists with
 * `cache: 'no-cache'`, so an unchanged list costs headers only on the wire. Private: answers depend on the caller.
 */
export function registerEtags(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (!req.url.startsWith('/v1/') || typeof payload !== 'string') return payload;
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    // Private unless the handler said otherwise (the public ClaimReview feed).
    void reply.header('etag', etag).header('cache-control', reply.getHeader('cache-control') ?? 'private, no-cache');
    if (req.headers['if-none-match'] === etag) {
      void reply.status(304);
      return '';
    }
    return payload;
  });
}
