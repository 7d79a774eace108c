import { Readability } from '@mozilla/readability';
import { parseHTML as linkedomParse } from 'linkedom';
import { canonicalUrl } from './canonical-url';

export interface HtmlArticle {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedAt: Date | null;
  /** The article's text, paragraphs separated by blank lines. */
  text: string;
  /** From `<link rel=canonical>` (or og:url), made absolute and stripped of tracking parameters. */
  canonicalUrl: string | null;
  /** The page's `<html lang>` as ISO 639-1, when it says. */
  language: string | null;
}

/** The little of the DOM read here (the project compiles without the DOM library's types). */
interface DomElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
const parseHTML = linkedomParse as unknown as (html: string) => { document: DomDocument };

/** Where pages state their publication time, most specific first. */
const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

const BLOCK_END = /<\/(p|div|h[1-6]|li|blockquote|pre|tr|section|article|header|footer|figcaption|dd|dt)>/gi;

/**
 * The article in an HTML page: Mozilla's Readability (Firefox's reader view) on a linkedom document, plus the
 * metadata it does not read (canonical URL, publication date from meta tags, JSON-LD or `<time>`, language).
 */
export function extractHtmlArticle(html: string, pageUrl?: string): HtmlArticle {
  const { document } = parseHTML(html);
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const canonicalHref =
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? meta('meta[property="og:url"]');
  const canonical = canonicalHref ? canonicalUrl(canonicalHref, pageUrl) : null;
  const lang = /^([a-z]{2})\b/i.exec(document.documentElement?.getAttribute('lang') ?? '')?.[1].toLowerCase() ?? null;
  let publishedAt = firstDate([
    ...DATE_META.map(meta),
    ...jsonLdDates(document.querySelectorAll('script[type="application/ld+json"]')),
    document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null,
  ]);

  // Readability changes the document it reads: it runs last.
  const parsed = new Readability(document, {
    charThreshold: 100,
  }).parse();
  publishedAt ??= firstDate([parsed?.publishedTime ?? null]);
  const text = parsed?.content ? htmlToText(parsed.content) : '';
  return {
    title: clean(parsed?.title) ?? clean(meta('meta[property="og:title"]')),
    byline: (clean(parsed?.byline) ?? clean(meta('meta[name="author"]')))?.replace(/^by\s+/i, '') ?? null,
    siteName: clean(parsed?.siteName) ?? clean(meta('meta[property="og:site_name"]')),
    publishedAt,
    text,
    canonicalUrl: canonical,
    language: lang,
  };
}

/** Readability's HTML as text: one paragraph per block, blank lines between them, spaces collapsed. */
function htmlToText(content: string): string {
  const marked = content.replace(BLOCK_END, '$&\n\n').replace(/<br\s*\/?>/gi, '\n');
  const { document } = parseHTML(`<!doctype html><html><body>${marked}</body></html>`);
  const raw: string = document.body?.textContent ?? '';
  return raw
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/[ \t\f\v\u00a0]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 500) : null;
}

function firstDate(candidates: (string | null)[]): Date | null {
  for (const c of candidates) {
    if (!c) continue;
    const d = new Date(c);
    if (!Number.isNaN(d.getTime()) && d.getFullYear() > 1900 && d.getFullYear() < 2200) return d;
  }
  return null;
}

function jsonLdDates(scripts: Iterable<DomElement>): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.datePublished === 'string') found.push(o.datePublished);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const s of scripts) {
    try {
      visit(JSON.parse(s.textContent ?? ''));
    } catch {
      // Broken JSON-LD is common: ignore it.
    }
  }
  return found;
}
