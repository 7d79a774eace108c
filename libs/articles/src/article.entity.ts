import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ArticleStatus = 'received' | 'extracted' | 'failed';

@Entity('articles')
export class Article {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) url: string | null;
  @Column('text', { nullable: true }) source: string | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('text') language: string;
  @Column('text', { nullable: true }) topic: string | null;
  @Column('text') body: string;
  @Column('text', { name: 'body_hash' }) bodyHash: string;
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
