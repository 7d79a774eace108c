import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  it("reads helmet's default headers once: CSP, HSTS, framing and sniffing rules, and no X-Powered-By", () => {
    const h = helmetHeaders();
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-powered-by']).toBeUndefined();
    expect(helmetHeaders()).toEqual(h);
  });
});
