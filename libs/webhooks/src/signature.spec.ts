import { createHmac } from 'node:crypto';
import { signatureHeader, signaturePayload, verifySignature } from './signature';

describe('webhook signature', () => {
  const secret = 'whsec_test_0123456789';
  const body = '{"event":"claim.queued","id":"e1"}';
  const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const header = signatureHeader(secret, body, now);
    const t = Math.floor(now / 1000);
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
    expect(signaturePayload(secret, t, Buffer.from(body))).toBe(hex);
  });

  it('verifies a fresh signature and refuses a changed body, another secret, an old timestamp and garbage', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(header, body, secret, 300, now + 10_000)).toEqual({ ok: true, t: Math.floor(now / 1000) });
    expect(verifySignature(header, body + ' ', secret, 300, now)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifySignature(header, body, 'other', 300, now)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifySignature(header, body, secret, 300, now + 301_000)).toEqual({
      ok: false,
      reason: 'timestamp too old',
    });
    expect(verifySignature('t=1,v1=zz', body, secret, 300, now).ok).toBe(false);
    expect(verifySignature(undefined, body, secret, 300, now).ok).toBe(false);
  });
});
