import type { Actor } from '@claimdesk/common';
import type { Article } from './article.entity';
import type { InsertedArticle, NewArticle } from './articles.repository';
import type { IngestInput } from './articles.service';
import { detectLanguage } from './language';
import { bodyHash } from './normalize';

/**
 * The row of an article with its text at hand (a single upload, a bulk item, an imported row). `input.url` is
 * already canonical; `actor` is null for the CLI.
 */
export function newArticle(input: IngestInput, actor: Actor | null): NewArticle {
  const body = input.body.trim();
  return {
    title: input.title?.trim() || null,
    url: input.url ?? null,
    source: input.source?.trim() || null,
    byline: input.byline ?? null,
    publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
    language: input.language ?? detectLanguage(body),
    topic: input.topic?.trim().toLowerCase() || null,
    body,
    bodyHash: bodyHash(body),
    createdBy: actor?.id ?? null,
    tokenHash: actor && actor.role !== 'system' ? (actor.tokenHash ?? null) : null,
  };
}

/** The stored article, from what was sent and what the insert read back (so the insert need not return the body). */
export function storedArticle(row: NewArticle, inserted: InsertedArticle): Article {
  const { tokenHash: _tokenHash, ...values } = row;
  return {
    ...values,
    id: inserted.id,
    canonicalUrl: row.url,
    status: 'received',
    claimCount: 0,
    error: null,
    fetchAttempts: 0,
    fetchedAt: null,
    extractionStartedAt: null,
    extractionStalls: 0,
    createdAt: inserted.createdAt,
    updatedAt: inserted.createdAt,
  };
}
