import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorBody } from './error-body';

/** API paths the console's fallback never answers with index.html: an unknown one stays a JSON 404. */
const API_PREFIXES = ['/v1/', '/v1?', '/docs', '/health', '/metrics', '/admin/'];
/** Fastify's default maxParamLength: longer ids never reach a route. */
const MAX_PARAM_LENGTH = 100;

/** dist/web, from the build (dist/apps/api/src/http) or from the sources (apps/api/src/http, tests, dev). */
export function webRoot(): string | null {
  for (const dir of [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')])
    if (existsSync(join(dir, 'index.html'))) return dir;
  return null;
}

/**
 * The web console (apps/web, built by `npm run build` into dist/web) at `/`: hashed assets with a year's cache,
 * any other path not under the API answers index.html (the console routes in the browser). Its routes are marked
 * `web`: public, and left out of the route-role table.
 */
export async function registerWebConsole(fastify: FastifyInstance, root: string | null): Promise<void> {
  if (root) await fastify.register(fastifyStatic, { root, serve: false });
  fastify.get('/*', { config: { web: true } }, async (req, reply) => {
    const path = req.url.split('?')[0];
    if (path === '/v1' || API_PREFIXES.some((p) => req.url.startsWith(p))) {
      // This catch-all route keeps the router from refusing an over-long id itself: refuse it as it would (414).
      if (path.split('/').some((s) => s.length > MAX_PARAM_LENGTH)) {
        const message = `a path segment is longer than ${MAX_PARAM_LENGTH} characters`;
        return reply.status(414).send(errorBody(414, `malformed URL: ${message}`, [{ field: 'url', message }], req.id));
      }
      return reply.status(404).send(errorBody(404, `no route ${req.method} ${path}`, [], req.id));
    }
    if (!root)
      return reply.status(404).send(errorBody(404, 'the web console is not built: run npm run build', [], req.id));
    if (path.startsWith('/assets/')) {
      return reply.sendFile(path.slice(1), { maxAge: '365d', immutable: true });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
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
