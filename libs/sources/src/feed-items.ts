import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';

/** One item of a feed, whatever its format. */
export interface FeedItem {
  /** The item's own id (RSS guid, Atom id, JSON Feed id), else its link, else a hash of its title and date. */
  guid: string;
  link: string | null;
  title: string | null;
  /** The fullest text the feed gives (content:encoded or Atom content before description or summary); may be HTML. */
  content: string | null;
  publishedAt: string | null;
}

export interface ParsedFeed {
  format: string;
  title: string | null;
  items: FeedItem[];
}

/** The longest guid kept (some feeds put whole URLs with tracking data in it). */
const MAX_GUID = 1000;

/** Reads an RSS, Atom, RDF or JSON feed with feedsmith; throws on anything that is not a feed. */
export function parseFeedItems(text: string): ParsedFeed {
  const parsed = parseFeed(text);
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      const feed = parsed.feed;
      const items = (feed.items ?? []).map((i) =>
        item({
          id: 'guid' in i ? i.guid?.value : undefined,
          link: i.link,
          title: i.title,
          content: i.content?.encoded ?? i.description,
          date: 'pubDate' in i ? i.pubDate : i.dc?.dates?.[0],
        }),
      );
      return { format: parsed.format, title: str(feed.title), items };
    }
    case 'atom': {
      const feed = parsed.feed;
      const items = (feed.entries ?? []).map((e) =>
        item({
          id: e.id,
          link: (e.links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href ?? e.links?.[0]?.href,
          title: textOf(e.title),
          content: textOf(e.content) ?? textOf(e.summary),
          date: e.published ?? e.updated,
        }),
      );
      return { format: 'atom', title: textOf(feed.title), items };
    }
    case 'json': {
      const feed = parsed.feed;
      const items = (feed.items ?? []).map((i) =>
        item({
          id: i.id,
          link: i.url,
          title: i.title,
          content: i.content_html ?? i.content_text ?? i.summary,
          date: i.date_published,
        }),
      );
      return { format: 'json', title: str(feed.title), items };
    }
  }
}

function item(raw: { id?: unknown; link?: unknown; title?: unknown; content?: unknown; date?: unknown }): FeedItem {
  const link = httpUrl(str(raw.link));
  const title = str(raw.title);
  const date = str(raw.date);
  const guid =
    str(raw.id) ??
    link ??
    'sha256:' +
      createHash('sha256')
        .update(`${title ?? ''}\n${date ?? ''}\n${str(raw.content) ?? ''}`)
        .digest('hex');
  const when = date ? new Date(date) : null;
  return {
    guid: guid.slice(0, MAX_GUID),
    link,
    title,
    content: str(raw.content),
    publishedAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : null,
  };
}

/** Atom text constructs come as `{ value }`; plain strings as they are. */
function textOf(v: unknown): string | null {
  if (v && typeof v === 'object' && 'value' in v) return str(v.value);
  return str(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t || null;
}

function httpUrl(v: string | null): string | null {
  if (!v) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The text of an item's content: tags dropped and entities left as they are (only its length is read). */
export function looksLikeHtml(content: string): boolean {
  return /<[a-z][\s\S]*?>/i.test(content);
}

export function plainLength(content: string): number {
  return content
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}
