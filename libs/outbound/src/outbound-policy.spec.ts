import { allowCidrsError, allowHostsError, loadConfig } from '@claimdesk/config';
import { OutboundPolicy } from './outbound-policy';

describe(OutboundPolicy.name, () => {
  it('reads host, host:port and bracketed IPv6 entries', () => {
    const p = new OutboundPolicy(' feeds.example.org , 127.0.0.1:8080,[::1]:9000');
    expect(p.allowsHost('feeds.example.org', 443)).toBe(true);
    expect(p.allowsHost('127.0.0.1', 8080)).toBe(true);
    expect(p.allowsHost('127.0.0.1', 8081)).toBe(false);
    expect(p.allowsHost('[::1]', 9000)).toBe(true);
    expect(p.allowsHost('[::1]', 9001)).toBe(false);
  });

  it('is validated by the config, naming the bad entry', () => {
    expect(allowHostsError('a.example,b.example:81,[::1]:80')).toBeNull();
    expect(allowHostsError('a.example,http://b/')).toContain('http://b/');
    expect(allowCidrsError('10.0.0.0/8,fd00::/8')).toBeNull();
    expect(allowCidrsError('10.0.0.0/8,10.0.0.300/8')).toContain('10.0.0.300/8');
    expect(() => loadConfig({ FETCH_ALLOW_CIDRS: '10.0.0.0/33' })).toThrow(/FETCH_ALLOW_CIDRS.*10\.0\.0\.0\/33/);
    expect(() => loadConfig({ FETCH_ALLOW_HOSTS: 'a b' })).toThrow(/FETCH_ALLOW_HOSTS/);
    expect(loadConfig({ FETCH_ALLOW_HOSTS: '127.0.0.1:8080' }).FETCH_ALLOW_HOSTS).toBe('127.0.0.1:8080');
  });
});
