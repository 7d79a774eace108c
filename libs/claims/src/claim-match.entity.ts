import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MATCH_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** A link between a claim and an earlier one that may state the same thing (`claimId` is the later claim). */
@Entity('claim_matches')
export class ClaimMatch {
  @PrimaryColumn('uuid', { name: 'claim_id' }) claimId: string;
  @PrimaryColumn('uuid', { name: 'other_id' }) otherId: string;
  @Column('real') score: number;
  @Column('text') status: MatchStatus;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
