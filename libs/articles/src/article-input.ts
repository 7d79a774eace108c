import { canonicalUrl } from './canonical-url';
import type { IngestInput } from './articles.service';
import { extractHtmlArticle } from './html-article';

const LIMITS = { body: 200_000, html: 1_000_000, title: 500, url: 2000, source: 200, topic: 100 } as const;
const FIELDS = new Set(['body', 'html', 'title', 'url', 'source', 'publishedAt', 'language', 'topic']);

/**
 * One article of an import or a bulk request, checked like `POST /v1/articles` checks its body (the fields of
 * that body; `html` is read with readability). An error names the field.
 */
export function readArticleInput(raw: unknown): { input: IngestInput } | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'not a JSON object' };
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!FIELDS.has(key)) return { error: `${key}: unknown field` };
  for (const key of FIELDS) {
    if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') return { error: `${key}: not a string` };
  }
  const s = o as Partial<Record<string, string>>;
  for (const [key, max] of Object.entries(LIMITS)) {
    if ((s[key]?.length ?? 0) > max) return { error: `${key}: longer than ${max} characters` };
  }
  if (s.body !== undefined && s.html !== undefined) return { error: 'html: give body or html, not both' };
  let body = s.body?.trim();
  const page = s.html !== undefined ? extractHtmlArticle(s.html, s.url ?? undefined) : null;
  if (page) body = page.text;
  if (!body) return { error: s.html !== undefined ? 'html: no article text found' : 'body: required, not empty' };
  if (body.length > LIMITS.body) return { error: `body: longer than ${LIMITS.body} characters` };
  if (body.includes('\u0000')) return { error: 'body: contains a NUL character' };
  let url: string | undefined;
  if (s.url) {
    const c = canonicalUrl(s.url);
    if (!c || !/^[\x20-\x7e]+$/.test(s.url)) return { error: 'url: not an http(s) URL' };
    url = c;
  }
  if (s.publishedAt && (!/^\d{4}-\d{2}-\d{2}/.test(s.publishedAt) || Number.isNaN(Date.parse(s.publishedAt)))) {
    return { error: 'publishedAt: not an ISO-8601 date' };
  }
  if (s.language && !/^[a-z]{2}$/.test(s.language)) return { error: 'language: not an ISO 639-1 code' };
  return {
    input: {
      body,
      url: url ?? page?.canonicalUrl ?? undefined,
      title: s.title ?? page?.title ?? undefined,
      source: s.source ?? page?.siteName ?? undefined,
      byline: page?.byline ?? undefined,
      publishedAt: s.publishedAt ?? page?.publishedAt?.toISOString(),
      language: s.language ?? page?.language ?? undefined,
      topic: s.topic ?? undefined,
    },
  };
}
