import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a claim's audit trail. Append-only (a trigger refuses updates and deletes). */
@Entity('claim_events')
export class ClaimEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'claim_id' }) claimId: string;
  @Column('text') type: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status', nullable: true }) toStatus: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}
