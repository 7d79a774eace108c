import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `fetching`: posted as a URL, the worker has not stored the page yet (body empty, bodyHash null). */
export type ArticleStatus = 'fetching' | 'received' | 'extracted' | 'failed';

@Entity('articles')
export class Article {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) url: string | null;
  @Column('text', { nullable: true }) source: string | null;
  /** The URL the page declares as canonical (tracking parameters stripped); unique like `url`. */
  @Column('text', { name: 'canonical_url', nullable: true }) canonicalUrl: string | null;
  @Column('text', { nullable: true }) byline: string | null;
  @Column('int', { name: 'fetch_attempts', select: false }) fetchAttempts: number;
  @Column('timestamptz', { name: 'fetched_at', nullable: true }) fetchedAt: Date | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('text') language: string;
  @Column('text', { nullable: true }) topic: string | null;
  @Column('text') body: string;
  @Column('text', { name: 'body_hash', nullable: true }) bodyHash: string | null;
  @Column('text') status: ArticleStatus;
  @Column('int', { name: 'claim_count' }) claimCount: number;
  /** A generic reason shown through the API; the details are in the worker's log. */
  @Column('text', { nullable: true }) error: string | null;
  /** Set while an extraction runs; found still set by the next run, it means the last one never ended. */
  @Column('timestamptz', { name: 'extraction_started_at', nullable: true, select: false })
  extractionStartedAt: Date | null;
  @Column('int', { name: 'extraction_stalls', select: false }) extractionStalls: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date; // ms: keyset cursors carry it as a Date
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** An article read without its body (the body can be a megabyte; most views need only the header). */
export type ArticleHeader = Omit<Article, 'body'>;

/** An article's header and a part of its body that starts at UTF-16 offset `excerptStart`. */
export interface ArticleExcerpt {
  article: ArticleHeader;
  excerpt: string;
  excerptStart: number;
}
