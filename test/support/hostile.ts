/** Seeded generators of hostile HTTP input for the fuzz test: reproducible from the seed alone. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    // mulberry32
    let t = (this.s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE claims; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '\u202e\u0041\u0301',
  '😀'.repeat(50),
  '\ud800',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  'admin',
  'published',
];

export function hostileString(r: Rng): string {
  const k = r.int(10);
  if (k < 6) return r.pick(STRINGS);
  if (k < 8) return 'x'.repeat(r.pick([256, 5_000, 70_000]));
  if (k < 9) return r.pick(STRINGS).repeat(r.int(500) + 1);
  return Array.from({ length: r.int(40) }, () => String.fromCharCode(r.int(0xffff))).join('');
}

export function hostileValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 31, 201]);
    case 2:
      return r.chance(0.5);
    case 3:
    case 4:
    case 5:
      return hostileString(r);
    case 6:
      return r.pick(['true', 'mostly_true', 'false', 'admin', 'reviewer', 'queued', 'en', 'https://example.org/x']);
    case 7:
      return Array.from({ length: r.int(5) }, () => hostileValue(r, depth + 1));
    default:
      return hostileObject(r, depth + 1);
  }
}

const FIELDS = [
  'body',
  'title',
  'url',
  'source',
  'publishedAt',
  'language',
  'email',
  'name',
  'role',
  'capacity',
  'active',
  'languages',
  'topics',
  'reason',
  'reviewerId',
  'version',
  'rating',
  'summary',
  'sources',
  'comment',
  'ids',
  // Mass-assignment attempts.
  'status',
  'authorId',
  'assigneeId',
  'load',
  'tokenHash',
  'id',
  'createdAt',
  'score',
  '__proto__',
  'constructor',
];

export function hostileObject(r: Rng, depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = r.int(6); i >= 0; i--) o[r.pick(FIELDS)] = hostileValue(r, depth);
  return o;
}

const OVERSIZED = '{"body":"' + 'y'.repeat(1_100_000) + '"}';

/** A request body as raw bytes and its content type (sometimes lying, sometimes missing). */
export function hostileBody(r: Rng, valid?: () => unknown): { payload?: string | Buffer; contentType?: string } {
  switch (r.int(12)) {
    case 0:
      return {};
    case 1:
      return {
        payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
        contentType: 'application/json',
      };
    case 2:
      return { payload: '{"a":' + '['.repeat(r.pick([40, 5000])), contentType: 'application/json' };
    case 3:
      return { payload: '{"body": "unterminated', contentType: 'application/json' };
    case 4:
      return {
        payload: hostileString(r),
        contentType: r.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded']),
      };
    case 5:
      return { payload: JSON.stringify(hostileValue(r)), contentType: 'application/json' };
    case 6:
      return { payload: OVERSIZED, contentType: 'application/json' };
    case 7:
    case 8:
      return {
        payload: JSON.stringify({ ...(valid?.() as object), ...hostileObject(r) }),
        contentType: 'application/json',
      };
    default:
      return { payload: JSON.stringify(hostileObject(r)), contentType: 'application/json' };
  }
}
