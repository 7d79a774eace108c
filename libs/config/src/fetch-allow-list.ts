import ipaddr from 'ipaddr.js';

/** Validation and parsing of FETCH_ALLOW_HOSTS and FETCH_ALLOW_CIDRS (libs/outbound applies them). */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `host`, `host:port`, `[v6]` or `[v6]:port`, read the way a URL's host is, so the names compare equal. */
export function parseHostEntry(entry: string): { host: string; port: number | null } {
  let url: URL;
  try {
    url = new URL(`http://${entry}`);
  } catch {
    throw new Error(`not a host or host:port: ${entry}`);
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || !url.hostname) {
    throw new Error(`not a host or host:port: ${entry}`);
  }
  // URL drops the default port 80; an explicit ":80" entry still means port 80.
  const explicit = /:(\d+)$/.exec(entry);
  return { host: url.hostname.toLowerCase(), port: explicit ? Number(explicit[1]) : null };
}

/** Null when the value is fine, else a message naming the bad entry. */
export function allowHostsError(value: string): string | null {
  try {
    for (const e of splitList(value)) {
      const { port } = parseHostEntry(e);
      if (port !== null && (port < 1 || port > 65535)) throw new Error(`bad port in ${e}`);
    }
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export function allowCidrsError(value: string): string | null {
  for (const e of splitList(value)) {
    if (!ipaddr.isValidCIDR(e)) return `not a CIDR range: ${e}`;
  }
  return null;
}
