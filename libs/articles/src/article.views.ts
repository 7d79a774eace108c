import type { Actor } from '@claimdesk/common';
import { Article } from './article.entity';
import { extractionSupport } from './language';

export function toArticleView(a: Article) {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    canonicalUrl: a.canonicalUrl,
    source: a.source,
    byline: a.byline,
    publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    language: a.language,
    extraction: extractionSupport(a.language),
    topic: a.topic,
    body: a.body,
    status: a.status,
    claimCount: a.claimCount,
    error: a.error,
    failureReason: a.status === 'failed' ? a.error : null,
    createdAt: a.createdAt.toISOString(),
  };
}
export type ArticleView = ReturnType<typeof toArticleView>;

/**
 * Least privilege: a reviewer sees an article's metadata, but its body only through the claims they hold or
 * held (each claim's context window), never the whole text.
 */
export function articleViewFor(viewer: Actor | undefined, a: Article): ArticleView | Omit<ArticleView, 'body'> {
  const view = toArticleView(a);
  if (viewer?.role !== 'reviewer') return view;
  const { body: _body, ...metadata } = view;
  return metadata;
}
