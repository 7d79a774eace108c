import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's default security headers (CSP, HSTS, X-Frame-Options, ...) on every response, errors included. They are
 * the same for every request (no CSP nonces), so they are computed once: @fastify/helmet built helmet's middleware
 * again, CSP directives parsed and checked, for each request (2.4% of the api's CPU under upload load, and garbage).
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

/** The headers helmet's middleware sets on a response, read once from a stand-in response. */
export function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet()({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}
