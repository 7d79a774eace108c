import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Claimdesk-Signature';
/** Receivers should refuse signatures older than this (replays). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `<t>.<raw body>` with the webhook's secret (Stripe's scheme). */
export function signaturePayload(secret: string, t: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

/** The header value: `t=<unix seconds>,v1=<hex HMAC>`. */
export function signatureHeader(secret: string, body: string | Buffer, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${signaturePayload(secret, t, body)}`;
}

export type SignatureCheck = { ok: true; t: number } | { ok: false; reason: string };

/**
 * What a receiver does: parse the header, refuse a timestamp outside the tolerance, compare the HMAC in
 * constant time. Exported for tests and for receivers written in Node.
 */
export function verifySignature(
  header: string | undefined,
  body: string | Buffer,
  secret: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Date.now(),
): SignatureCheck {
  if (!header) return { ok: false, reason: 'no signature header' };
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed signature header' };
  if (Math.abs(Math.floor(now / 1000) - t) > toleranceSeconds) return { ok: false, reason: 'timestamp too old' };
  const expected = Buffer.from(signaturePayload(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { ok: false, reason: 'signature mismatch' };
  return { ok: true, t };
}
