import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Cursor } from '@claimdesk/common';
import { rawQuery, rowToEntity, selectColumns } from '@claimdesk/database';
import { Article, ArticleExcerpt, ArticleHeader } from './article.entity';

/**
 * A new article with its text at hand: a single upload (coalesced), a bulk item or an imported row. It is inserted
 * only while its author (`createdBy`, null for the CLI) is still active and, when `tokenHash` is set, still holds
 * the token the upload came with.
 */
export interface NewArticle {
  title: string | null;
  url: string | null;
  source: string | null;
  byline: string | null;
  publishedAt: Date | null;
  language: string;
  topic: string | null;
  body: string;
  bodyHash: string;
  createdBy: string | null;
  tokenHash: string | null;
}

/** What an insert reads back of a new row: what the input does not already say. */
export interface InsertedArticle {
  id: string;
  bodyHash: string;
  url: string | null;
  createdBy: string | null;
  createdAt: Date;
}

@Injectable()
export class ArticlesRepository {
  constructor(@InjectRepository(Article) private readonly repo: Repository<Article>) {}

  findById(id: string): Promise<Article | null> {
    return this.repo.findOneBy({ id });
  }

  /** The article without its body. */
  async findHeader(id: string): Promise<ArticleHeader | null> {
    const em = this.repo.manager;
    const { rows } = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT ${this.headerColumns()} FROM articles a WHERE a.id = $1`,
      [id],
    );
    return rows[0] ? rowToEntity(em, Article, rows[0]) : null;
  }

  /**
   * The article without its body, and the part of the body from `margin` characters before the UTF-16 range
   * [start, end) to `margin` after it. `excerptStart` is the UTF-16 offset in the body where the excerpt begins.
   * PostgreSQL counts code points, so the astral characters (two UTF-16 units each) before it are counted in SQL.
   */
  async findWithExcerpt(id: string, start: number, end: number, margin: number): Promise<ArticleExcerpt | null> {
    const astral = `'[\\U00010000-\\U0010FFFF]'`;
    // First code point to read: at least `margin` code points before the claim, whatever precedes it.
    const from = `greatest(0, $2::int - regexp_count(left(a.body, $2::int), ${astral}) - $4::int)`;
    // Plain SQL: on GET /v1/claims/:id, TypeORM's query building and hydration cost more than the read.
    const { rows } = await rawQuery<Record<string, unknown> & { excerpt: string; excerpt_start: number }>(
      this.repo.manager,
      `SELECT ${this.headerColumns()}, substr(a.body, ${from} + 1, $3::int - ${from} + $4::int) AS excerpt,
              ${from} + regexp_count(left(a.body, ${from}), ${astral}) AS excerpt_start
         FROM articles a WHERE a.id = $1`,
      [id, start, end, margin],
    );
    if (!rows[0]) return null;
    const article = rowToEntity(this.repo.manager, Article, rows[0]);
    return { article, excerpt: rows[0].excerpt, excerptStart: Number(rows[0].excerpt_start) };
  }

  /** Every column a read of an article selects but its body, for plain SQL read back through rowToEntity. */
  private headerColumns(): string {
    return selectColumns(this.repo.manager, Article, 'a', ['body']).join(', ');
  }

  /** Inserts unless the url or normalized body exists (a URL to fetch); returns the new row, or null on a duplicate. */
  async insertUnlessDuplicate(values: Partial<Article>): Promise<Article | null> {
    const r = await this.repo
      .createQueryBuilder()
      .insert()
      .into(Article)
      .values(values)
      .orIgnore()
      .returning('*')
      .execute();
    const row = (r.raw as Record<string, unknown>[])[0];
    return row ? rowToEntity(this.repo.manager, Article, row) : null;
  }

  findDuplicate(url: string | null, bodyHash: string): Promise<Article | null> {
    const qb = this.repo.createQueryBuilder('a').where('a.body_hash = :bodyHash', { bodyHash });
    if (url) qb.orWhere('(a.url = :url OR a.canonical_url = :url)', { url });
    return qb.getOne();
  }

  /** Locks the articles still `received` among `ids` (in id order, so concurrent batches cannot deadlock). */
  async lockReceived(
    em: EntityManager,
    ids: string[],
  ): Promise<{ id: string; language: string; topic: string | null; publishedAt: Date | null }[]> {
    const { rows } = await rawQuery<{ id: string; language: string; topic: string | null; published_at: Date | null }>(
      em,
      `SELECT id, language, topic, published_at FROM articles
        WHERE id = ANY($1::uuid[]) AND status = 'received'
        ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, language: r.language, topic: r.topic, publishedAt: r.published_at }));
  }

  /** Marks the articles extracted with their claim counts, in one statement. */
  async markExtracted(em: EntityManager, counts: { id: string; claimCount: number }[]): Promise<void> {
    if (!counts.length) return;
    await rawQuery(
      em,
      `UPDATE articles a
          SET status = 'extracted', claim_count = v.n, error = NULL, extraction_started_at = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
        WHERE a.id = v.id`,
      [counts.map((c) => c.id), counts.map((c) => c.claimCount)],
    );
  }

  /**
   * New articles in one statement (columns as arrays, unnested in PostgreSQL: a fixed number of bind parameters
   * whatever the count), each only while `current` (SQL over the input's `created_by` and `token_hash`) holds.
   * The url, canonical URL and body-hash indexes skip duplicates, of the table or of an earlier row of `rows`.
   * Returns the inserted rows (their keys and creation time: no body read back); a row left out was a duplicate or its
   * author is no longer current.
   */
  async insertMany(
    rows: NewArticle[],
    current: (idExpr: string, tokenHashExpr: string) => string,
  ): Promise<InsertedArticle[]> {
    if (!rows.length) return [];
    const col = <K extends keyof NewArticle>(k: K) => rows.map((r) => r[k]);
    const { rows: inserted } = await rawQuery<{
      id: string;
      body_hash: string;
      url: string | null;
      created_by: string | null;
      created_at: Date;
    }>(
      this.repo.manager,
      `INSERT INTO articles (title, url, canonical_url, source, byline, published_at, language, topic, body, body_hash,
                             status, created_by)
       SELECT i.title, i.url, i.url, i.source, i.byline, i.published_at, i.language, i.topic, i.body, i.body_hash,
              'received', i.created_by
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::uuid[], $11::text[])
              WITH ORDINALITY AS i(title, url, source, byline, published_at, language, topic, body, body_hash,
                                   created_by, token_hash, ord)
        WHERE i.created_by IS NULL OR ${current('i.created_by', 'i.token_hash')}
        ORDER BY i.ord
       ON CONFLICT DO NOTHING
       RETURNING id, body_hash, url, created_by, created_at`,
      [
        col('title'),
        col('url'),
        col('source'),
        col('byline'),
        col('publishedAt'),
        col('language'),
        col('topic'),
        col('body'),
        col('bodyHash'),
        col('createdBy'),
        col('tokenHash'),
      ],
    );
    return inserted.map((r) => ({
      id: r.id,
      bodyHash: r.body_hash,
      url: r.url,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  /** The stored articles among these hashes and URLs (to name the article a duplicate repeats). */
  async findExisting(
    hashes: string[],
    urls: string[],
  ): Promise<{ id: string; body_hash: string; url: string | null; canonical_url: string | null }[]> {
    const { rows } = await rawQuery<{
      id: string;
      body_hash: string;
      url: string | null;
      canonical_url: string | null;
    }>(
      this.repo.manager,
      `SELECT id, body_hash, url, canonical_url FROM articles
        WHERE body_hash = ANY($1::text[]) OR url = ANY($2::text[]) OR canonical_url = ANY($2::text[])`,
      [hashes, urls],
    );
    return rows;
  }

  /** The article stored under this URL, as posted or as its page's canonical URL. */
  findByUrl(url: string): Promise<Article | null> {
    return this.repo
      .createQueryBuilder('a')
      .where('a.url = :url OR a.canonical_url = :url', { url })
      .orderBy('a.created_at', 'ASC')
      .getOne();
  }

  /** Counts a fetch run and reads the article, in one statement; null when it is no longer `fetching`. */
  async beginFetch(id: string): Promise<{ article: Article; attempts: number } | null> {
    const { rows } = await rawQuery<Record<string, unknown>>(
      this.repo.manager,
      `UPDATE articles SET fetch_attempts = fetch_attempts + 1 WHERE id = $1 AND status = 'fetching' RETURNING *`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return { article: rowToEntity(this.repo.manager, Article, row), attempts: Number(row.fetch_attempts) };
  }

  /**
   * Stores the fetched page and makes the article `received`. Returns false when it is no longer `fetching`;
   * throws PostgreSQL's unique violation when the text or the canonical URL is another article's.
   */
  async storeFetched(id: string, values: Partial<Article>): Promise<boolean> {
    const r = await this.repo
      .createQueryBuilder()
      .update(Article)
      .set({ ...values, status: 'received', fetchedAt: () => 'now()' })
      .where(`id = :id AND status = 'fetching'`, { id })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async markFetchFailed(id: string, error: string): Promise<void> {
    await this.repo.update({ id, status: 'fetching' }, { status: 'failed', error: error.slice(0, 2000) });
  }

  /** Articles still waiting for their page (the sweeper re-enqueues them). */
  async findFetchingIds(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where(`a.status = 'fetching' AND a.created_at < :olderThan`, { olderThan })
      .orderBy('a.created_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.repo.update(
      { id, status: 'received' },
      { status: 'failed', error: error.slice(0, 2000), extractionStartedAt: null },
    );
  }

  /**
   * Marks a run on each article (counting a stall when its last run never ended) and reads them, in one statement.
   * Returns, by id, the article and its stalls so far; an article not `received` is absent.
   */
  async beginRuns(ids: string[]): Promise<Map<string, { article: Article; stalls: number }>> {
    const { rows } = await rawQuery<Record<string, unknown>>(
      this.repo.manager,
      `UPDATE articles
          SET extraction_stalls = extraction_stalls + (extraction_started_at IS NOT NULL)::int,
              extraction_started_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'received'
        RETURNING *`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id as string,
        { article: rowToEntity(this.repo.manager, Article, row), stalls: Number(row.extraction_stalls) },
      ]),
    );
  }

  async endRun(id: string): Promise<void> {
    await this.repo.update({ id, status: 'received' }, { extractionStartedAt: null });
  }

  findPage(after: Cursor | null, limit: number, status?: string): Promise<Article[]> {
    const qb = this.repo
      .createQueryBuilder('a')
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit + 1);
    if (after) qb.andWhere('(a.created_at, a.id) > (:at, :aid)', { at: after.createdAt, aid: after.id });
    if (status) qb.andWhere('a.status = :status', { status });
    return qb.getMany();
  }

  /** Articles still waiting for extraction (the sweeper re-enqueues them). */
  async findReceivedIds(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where(`a.status = 'received' AND a.created_at < :olderThan`, { olderThan })
      .orderBy('a.created_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
