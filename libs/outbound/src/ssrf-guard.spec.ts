import { OutboundError } from './outbound-error';
import { OutboundPolicy } from './outbound-policy';
import { HostLookup, isPublicAddress, SsrfGuard } from './ssrf-guard';

/** A lookup that answers from a table and records what it was asked: no DNS, no connection. */
function fakeLookup(table: Record<string, string[]>): HostLookup & { asked: string[] } {
  const asked: string[] = [];
  const fn = (async (host: string) => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw new Error('ENOTFOUND');
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as HostLookup & { asked: string[] };
  fn.asked = asked;
  return fn;
}

async function refusal(guard: SsrfGuard, url: string): Promise<OutboundError> {
  const err = await guard.vet(url).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundError);
  return err as OutboundError;
}

describe(SsrfGuard.name, () => {
  describe('isPublicAddress', () => {
    it.each([
      ['10.0.0.1', 'private'],
      ['172.16.5.4', 'private'],
      ['192.168.1.1', 'private'],
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['169.254.169.254', 'linkLocal'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['0.0.0.0', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'broadcast'],
      ['192.0.2.1', 'reserved'],
      ['240.0.0.1', 'reserved'],
      ['198.18.0.1', 'reserved'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1', 'linkLocal'],
      ['fc00::1', 'uniqueLocal'],
      ['fd12:3456::1', 'uniqueLocal'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'ipv4Mapped'],
      ['::ffff:10.0.0.1', 'ipv4Mapped'],
      ['::ffff:8.8.8.8', 'ipv4Mapped'],
      ['64:ff9b::a00:1', 'rfc6052'],
      ['2002:a00:1::1', '6to4'],
      ['2001:db8::1', 'reserved'],
    ])('refuses %s (%s)', (address, range) => {
      expect(isPublicAddress(address)).toBe(false);
      expect(new SsrfGuard().refusal(address)).toBe(range);
    });

    it.each(['8.8.8.8', '93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e'])(
      'accepts the public address %s',
      (address) => {
        expect(isPublicAddress(address)).toBe(true);
        expect(new SsrfGuard().refusal(address)).toBeNull();
      },
    );
  });

  describe('vet', () => {
    it('refuses a name that resolves to a private address, deciding from the lookup alone', async () => {
      const lookup = fakeLookup({ 'intranet.example': ['10.1.2.3'] });
      const err = await refusal(new SsrfGuard(OutboundPolicy.empty(), lookup), 'http://intranet.example/page');
      expect(err.code).toBe('refused');
      expect(err.message).toContain('private');
      expect(lookup.asked).toEqual(['intranet.example']);
    });

    it('refuses a name when any of its addresses is private', async () => {
      const lookup = fakeLookup({ 'mixed.example': ['93.184.216.34', '192.168.0.10'] });
      expect((await refusal(new SsrfGuard(OutboundPolicy.empty(), lookup), 'https://mixed.example/')).code).toBe(
        'refused',
      );
    });

    it('accepts a name with public addresses and returns the address to connect to', async () => {
      const lookup = fakeLookup({ 'news.example': ['93.184.216.34', '2606:2800:220:1::1'] });
      const target = await new SsrfGuard(OutboundPolicy.empty(), lookup).vet('https://news.example/a?b=1');
      expect(target).toMatchObject({ hostname: 'news.example', port: 443, address: '93.184.216.34', family: 4 });
    });

    it.each([
      ['http://127.0.0.1/', 'loopback'],
      ['http://2130706433/', 'loopback'],
      ['http://0x7f.0.0.1/', 'loopback'],
      ['http://[::1]:8080/', 'loopback'],
      ['http://[::ffff:127.0.0.1]/', 'ipv4Mapped'],
      ['http://[::ffff:a9fe:a9fe]/', 'ipv4Mapped'],
      ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
      ['http://0.0.0.0:3000/', 'unspecified'],
    ])('refuses the literal address in %s without a lookup', async (url, range) => {
      const lookup = fakeLookup({});
      const err = await refusal(new SsrfGuard(OutboundPolicy.empty(), lookup), url);
      expect(err.code).toBe('refused');
      expect(err.message).toContain(range);
      expect(lookup.asked).toEqual([]);
    });

    it.each(['file:///etc/passwd', 'ftp://example.org/', 'gopher://127.0.0.1/', 'http://user:pw@example.org/', 'nope'])(
      'refuses %s as a bad URL',
      async (url) => {
        expect((await refusal(new SsrfGuard(OutboundPolicy.empty(), fakeLookup({})), url)).code).toBe('bad-url');
      },
    );

    it('fails on a name that does not resolve', async () => {
      expect(
        (await refusal(new SsrfGuard(OutboundPolicy.empty(), fakeLookup({})), 'http://nowhere.example/')).code,
      ).toBe('dns');
    });
  });

  describe('allow-list', () => {
    it('allows a host:port entry on that port only', async () => {
      const guard = new SsrfGuard(new OutboundPolicy('127.0.0.1:8081'), fakeLookup({}));
      await expect(guard.vet('http://127.0.0.1:8081/x')).resolves.toMatchObject({ address: '127.0.0.1', port: 8081 });
      expect((await refusal(guard, 'http://127.0.0.1:8082/x')).code).toBe('refused');
      expect((await refusal(guard, 'http://127.0.0.1/x')).code).toBe('refused');
      expect((await refusal(guard, 'http://[::ffff:127.0.0.1]:8081/x')).code).toBe('refused');
    });

    it('allows a bare host on every port, by name, whatever it resolves to', async () => {
      const guard = new SsrfGuard(
        new OutboundPolicy('wiki.internal, [::1]'),
        fakeLookup({ 'wiki.internal': ['10.0.0.7'], 'other.internal': ['10.0.0.8'] }),
      );
      await expect(guard.vet('https://WIKI.internal:8443/')).resolves.toMatchObject({ address: '10.0.0.7' });
      await expect(guard.vet('http://[::1]:9/')).resolves.toMatchObject({ address: '::1', family: 6 });
      expect((await refusal(guard, 'http://other.internal/')).code).toBe('refused');
    });

    it('allows addresses inside FETCH_ALLOW_CIDRS and nothing next to them', async () => {
      const guard = new SsrfGuard(
        new OutboundPolicy('', '10.20.0.0/16, fd00:1::/32'),
        fakeLookup({ 'a.corp': ['10.20.3.4'], 'b.corp': ['10.21.0.1'], 'c.corp': ['fd00:1::5'] }),
      );
      await expect(guard.vet('http://a.corp/')).resolves.toMatchObject({ address: '10.20.3.4' });
      await expect(guard.vet('http://c.corp/')).resolves.toMatchObject({ address: 'fd00:1::5' });
      expect((await refusal(guard, 'http://b.corp/')).code).toBe('refused');
    });
  });

  describe('vetWithoutLookup (endpoints stored now, fetched later)', () => {
    it('refuses address literals outside the allow-list and bad URLs, and never resolves a name', async () => {
      const lookup = fakeLookup({});
      const guard = new SsrfGuard(new OutboundPolicy('127.0.0.1:8080'), lookup);
      await expect(guard.vetWithoutLookup('http://127.0.0.1:8080/hook')).resolves.toBeInstanceOf(URL);
      await expect(guard.vetWithoutLookup('http://127.0.0.1:8081/hook')).rejects.toMatchObject({ code: 'refused' });
      await expect(guard.vetWithoutLookup('http://[::1]/hook')).rejects.toMatchObject({ code: 'refused' });
      await expect(guard.vetWithoutLookup('http://169.254.169.254/')).rejects.toMatchObject({ code: 'refused' });
      await expect(guard.vetWithoutLookup('ftp://example.org/')).rejects.toMatchObject({ code: 'bad-url' });
      await expect(guard.vetWithoutLookup('https://hooks.example.org/x')).resolves.toBeInstanceOf(URL);
      expect(lookup.asked).toEqual([]);
    });
  });
});
