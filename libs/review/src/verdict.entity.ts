import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'misleading', 'unverifiable'] as const;
export type Rating = (typeof RATINGS)[number];
export type VerdictStatus = 'submitted' | 'approved' | 'rejected' | 'superseded';

export interface VerdictSource {
  url: string;
  title?: string;
}

@Entity('verdicts')
export class Verdict {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'claim_id' }) claimId: string;
  /** 1 for the first verdict of a claim; a correction or a resubmission is the next version. */
  @Column('int') version: number;
  @Column('text') rating: Rating;
  @Column('text') summary: string;
  @Column('jsonb') sources: VerdictSource[];
  @Column('text') status: VerdictStatus;
  @Column('uuid', { name: 'author_id' }) authorId: string;
  @Column('uuid', { name: 'reviewer_id', nullable: true }) reviewerId: string | null;
  @Column('text', { name: 'review_comment', nullable: true }) reviewComment: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export function toVerdictView(v: Verdict) {
  return {
    id: v.id,
    claimId: v.claimId,
    version: v.version,
    rating: v.rating,
    summary: v.summary,
    sources: v.sources,
    status: v.status,
    authorId: v.authorId,
    reviewerId: v.reviewerId,
    reviewComment: v.reviewComment,
    reviewedAt: v.reviewedAt ? v.reviewedAt.toISOString() : null,
    createdAt: v.createdAt.toISOString(),
  };
}
export type VerdictView = ReturnType<typeof toVerdictView>;
