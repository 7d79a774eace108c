import { Article } from './article.entity';

export function toArticleView(a: Article) {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    source: a.source,
    publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    language: a.language,
    topic: a.topic,
    body: a.body,
    status: a.status,
    claimCount: a.claimCount,
    error: a.error,
    createdAt: a.createdAt.toISOString(),
  };
}
export type ArticleView = ReturnType<typeof toArticleView>;
