import ipaddr from 'ipaddr.js';
import { parseHostEntry, splitList } from '@claimdesk/config';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * The operator's allow-list: `FETCH_ALLOW_HOSTS` (comma-separated `host` or `host:port`; a bare host allows every
 * port, `[::1]:8080` for IPv6) and `FETCH_ALLOW_CIDRS` (comma-separated CIDR ranges, e.g. `10.1.0.0/16,fd00::/8`).
 */
export class OutboundPolicy {
  private readonly hosts = new Set<string>();
  private readonly cidrs: Cidr[] = [];

  constructor(allowHosts = '', allowCidrs = '') {
    for (const entry of splitList(allowHosts)) {
      const { host, port } = parseHostEntry(entry);
      this.hosts.add(port === null ? host : `${host}:${port}`);
    }
    for (const entry of splitList(allowCidrs)) this.cidrs.push(ipaddr.parseCIDR(entry));
  }

  static empty(): OutboundPolicy {
    return new OutboundPolicy();
  }

  /** The host (as `URL.hostname` gives it, lower case, IPv6 in brackets) is allowed on this port by name. */
  allowsHost(hostname: string, port: number): boolean {
    const host = hostname.toLowerCase();
    return this.hosts.has(host) || this.hosts.has(`${host}:${port}`);
  }

  /** The address lies in one of the operator's CIDR ranges. */
  allowsAddress(addr: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    return this.cidrs.some(([range, bits]) => addr.kind() === range.kind() && addr.match([range, bits] as never));
  }
}
