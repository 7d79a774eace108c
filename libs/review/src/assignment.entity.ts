import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AssignmentEndReason =
  'submitted' | 'unassigned' | 'reassigned' | 'deadline_missed' | 'deactivated' | 'dismissed';

/** Who held a claim, from when, until when and why it ended: the assignment history. */
@Entity('assignments')
export class Assignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'claim_id' }) claimId: string;
  @Column('uuid', { name: 'reviewer_id' }) reviewerId: string;
  @Column('uuid', { name: 'assigned_by', nullable: true }) assignedBy: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('timestamptz', { name: 'assigned_at', default: () => 'now()' }) assignedAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason: AssignmentEndReason | null;
}
