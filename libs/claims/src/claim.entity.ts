import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ClaimSection, ClaimType, Quantity } from '@claimdesk/extraction';
import type { ClaimStatus } from './claim-status';

@Entity('claims')
export class Claim {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'article_id' }) articleId: string;
  @Column('text') text: string;
  @Column('text') sentence: string;
  @Column('int', { name: 'span_start', nullable: true }) spanStart: number | null;
  @Column('int', { name: 'span_end', nullable: true }) spanEnd: number | null;
  @Column('text') section: ClaimSection;
  @Column('text', { nullable: true }) claimant: string | null;
  @Column('text') type: ClaimType;
  @Column('real') score: number;
  /** Stages that scored it: 'fast' (the linear model), 'encoder' (stage 2). */
  @Column('text', { name: 'scored_by', array: true }) scoredBy: string[];
  /** The encoder's sentence vector, packed (libs/encoder); null when stage 2 did not run. Not in the views. */
  @Column('bytea', { nullable: true, select: false }) embedding: Buffer | null;
  @Column('jsonb') quantities: Quantity[];
  @Column('text') language: string;
  @Column('text', { nullable: true }) topic: string | null;
  @Column('text') status: ClaimStatus;
  @Column('real') priority: number;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId: string | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('int') version: number;
  /** libs/matching's fingerprint of `text`: equal for exact repeats. */
  @Column('text', { nullable: true }) fingerprint: string | null;
  /** For a `duplicate`: the claim it repeats. */
  @Column('uuid', { name: 'original_id', nullable: true }) originalId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date; // ms: keyset cursors carry it as a Date
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
