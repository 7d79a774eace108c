/** Query parameters that only say where a click came from: the same article with or without them. */
const TRACKING =
  /^(utm_[a-z0-9_]+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|ocid|cmpid|wt_mc|ref_src|__twitter_impression)$/i;

/**
 * The form under which a URL is stored and compared: http(s) only, no fragment, no tracking parameters, the
 * host lower case and the default port dropped (the WHATWG parser does both). Null when it is not an http(s) URL.
 */
export function canonicalUrl(input: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  if (!url.searchParams.size) url.search = '';
  return url.href;
}
