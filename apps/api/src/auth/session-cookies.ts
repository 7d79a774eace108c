import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'cd_session';
export const CSRF_COOKIE = 'cd_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The cookies of a request (RFC 6265 pairs; the first of a repeated name wins). */
export function readCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed value is ignored
    }
  }
  return out;
}

function cookie(name: string, value: string, attrs: string[]): string {
  return [`${name}=${encodeURIComponent(value)}`, 'Path=/', ...attrs].join('; ');
}

/**
 * The session cookie is httpOnly and SameSite=Lax; the CSRF cookie is readable by the console's script (it sends
 * it back in X-CSRF-Token) and SameSite=Strict. Both are Secure when the request came over TLS.
 */
export function setSessionCookies(
  req: FastifyRequest,
  reply: FastifyReply,
  s: { token: string; csrfToken: string; expiresAt: Date },
): void {
  const maxAge = Math.max(0, Math.floor((s.expiresAt.getTime() - Date.now()) / 1000));
  const secure = req.protocol === 'https' ? ['Secure'] : [];
  void reply.header('set-cookie', [
    cookie(SESSION_COOKIE, s.token, [`Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax', ...secure]),
    cookie(CSRF_COOKIE, s.csrfToken, [`Max-Age=${maxAge}`, 'SameSite=Strict', ...secure]),
  ]);
}

export function clearSessionCookies(req: FastifyRequest, reply: FastifyReply): void {
  const secure = req.protocol === 'https' ? ['Secure'] : [];
  void reply.header('set-cookie', [
    cookie(SESSION_COOKIE, '', ['Max-Age=0', 'HttpOnly', 'SameSite=Lax', ...secure]),
    cookie(CSRF_COOKIE, '', ['Max-Age=0', 'SameSite=Strict', ...secure]),
  ]);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF for cookie-authenticated requests: a state change must carry X-CSRF-Token equal to the session's token
 * (which a page on another origin can neither read nor derive), and when the browser names an Origin it must be
 * this host. Returns the reason to refuse, or null.
 */
export function csrfProblem(req: FastifyRequest, expected: string): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return 'the Origin header is malformed';
    }
    if (host !== req.host) return `cross-origin request from ${origin} refused`;
  } else if (origin === 'null') return 'cross-origin request from an opaque origin refused';
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent !== expected) return `missing or wrong ${CSRF_HEADER} header`;
  return null;
}
