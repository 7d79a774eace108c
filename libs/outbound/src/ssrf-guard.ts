import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { OutboundError } from './outbound-error';
import { OutboundPolicy } from './outbound-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (injectable: tests answer without DNS). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: HostLookup = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The one address a fetch may connect to, after the guard said yes. */
export interface VettedTarget {
  url: URL;
  hostname: string;
  port: number;
  address: string;
  family: 4 | 6;
}

/**
 * Only globally routable unicast addresses are public: ipaddr.js names every special range (private, loopback,
 * link-local, multicast, broadcast, unspecified, CGNAT, reserved, benchmarking, unique-local, IPv4-mapped,
 * NAT64, 6to4, Teredo, ...), and anything it names other than `unicast` is refused.
 */
export function addressRange(address: string): string {
  return ipaddr.parse(address).range();
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/**
 * Decides whether a URL may be fetched, before any connection: http(s) only, no credentials, and every address
 * the host resolves to must be public, unless the operator allow-list names the host (and port) or a CIDR that
 * holds the address. The caller connects to the returned address only (a second resolution could answer
 * differently: DNS rebinding).
 */
export class SsrfGuard {
  constructor(
    private readonly policy: OutboundPolicy = OutboundPolicy.empty(),
    private readonly lookup: HostLookup = systemLookup,
  ) {}

  async vet(input: string | URL): Promise<VettedTarget> {
    const url = parseUrl(input);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const bare = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: ResolvedAddress[];
    if (isIP(bare)) {
      addresses = [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
    } else {
      try {
        addresses = await this.lookup(bare);
      } catch {
        throw new OutboundError('dns', `could not resolve ${bare}`);
      }
      if (!addresses.length) throw new OutboundError('dns', `could not resolve ${bare}`);
    }
    if (!this.policy.allowsHost(url.hostname, port)) {
      for (const a of addresses) {
        const reason = this.refusal(a.address);
        if (reason) {
          throw new OutboundError('refused', `refused to fetch ${url.host}: it resolves to a ${reason} address`);
        }
      }
    }
    const [first] = addresses;
    return { url, hostname: bare, port, address: first.address, family: first.family };
  }

  /**
   * The same decision without DNS, for URLs stored now and fetched later (webhook endpoints): a bad URL or an
   * address literal outside the allowed ranges is refused; a host name is left to `vet` at each fetch.
   */
  async vetWithoutLookup(input: string | URL): Promise<URL> {
    const url = parseUrl(input);
    if (isIP(url.hostname.replace(/^\[(.*)\]$/, '$1'))) await this.vet(url);
    return url;
  }

  /** Null when the address may be fetched, else the name of its range. */
  refusal(address: string): string | null {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.parse(address);
    } catch {
      return 'malformed';
    }
    const range = parsed.range();
    if (range === 'unicast') return null;
    if (this.policy.allowsAddress(parsed)) return null;
    return range;
  }
}

function parseUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    throw new OutboundError('bad-url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('bad-url', `only http and https URLs are fetched, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) throw new OutboundError('bad-url', 'URLs with credentials are not fetched');
  if (!url.hostname) throw new OutboundError('bad-url', 'the URL has no host');
  return url;
}
