import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';

const MAX_DEPTH = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A 400 that Fastify's error handler turns into API.md's shape, naming the body. */
function bad(message: string) {
  return Object.assign(new Error(message), { statusCode: 400, details: [{ field: 'body', message }] });
}

function decode(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw bad('body is not valid UTF-8');
  }
}

/** Nesting depth of a JSON text, counted without parsing, so a hostile document is refused before it is built. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Keys that would reach object internals in class-transformer and class-validator. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkValue(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw bad(`field ${key} is not allowed`);
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw bad('strings must not contain NUL characters');
    // A lone surrogate (a JSON escape such as "\udcab") has no UTF-8 form: PostgreSQL would refuse it.
    if (LONE_SURROGATE.test(value)) throw bad('strings must not contain unpaired surrogate escapes');
  }
  return value;
}

/** The same rule for query strings, before validation builds DTOs from them. */
export function registerForbiddenKeysCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req) => {
    for (const key of Object.keys((req.query as object) ?? {})) {
      if (FORBIDDEN_KEYS.has(key))
        throw Object.assign(new Error(`query parameter ${key} is not allowed`), { statusCode: 400 });
    }
  });
}

/**
 * JSON and text bodies are checked before any handler sees them: strict UTF-8, no NUL characters
 * (PostgreSQL cannot store them), bounded nesting, and no prototype poisoning (__proto__, constructor).
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (_req: FastifyRequest, body: Buffer, done) => {
      try {
        const text = decode(body);
        if (!text.trim()) return done(null, undefined);
        if (jsonDepth(text) > MAX_DEPTH) throw bad(`JSON must not nest deeper than ${MAX_DEPTH} levels`);
        let parsed: unknown;
        try {
          parsed = sjson.parse(text, checkValue, { protoAction: 'error', constructorAction: 'error' });
        } catch (err) {
          throw (err as { statusCode?: number }).statusCode ? err : bad('body is not valid JSON');
        }
        done(null, parsed);
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
  fastify.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_req: FastifyRequest, body: Buffer, done) => {
    try {
      const text = decode(body);
      if (text.includes('\u0000')) throw bad('text must not contain NUL characters');
      done(null, text);
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
