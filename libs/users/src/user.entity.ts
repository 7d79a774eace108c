import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@claimdesk/common';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text') name: string;
  @Column('text') role: Role;
  @Column('text', { array: true }) languages: string[];
  @Column('text', { array: true }) topics: string[];
  @Column('int') capacity: number;
  /** Claims held in `assigned` or `in_review`; changed only together with an assignment row. */
  @Column('int') load: number;
  @Column('boolean') active: boolean;
  @Column('text', { name: 'token_hash', nullable: true, select: false }) tokenHash: string | null;
  @Column('text', { name: 'password_hash', nullable: true, select: false }) passwordHash: string | null;
  @Column('text', { name: 'invite_hash', nullable: true, select: false }) inviteHash: string | null;
  @Column('timestamptz', { name: 'invite_expires_at', nullable: true }) inviteExpiresAt: Date | null;
  @Column('timestamptz', { name: 'last_assigned_at', nullable: true }) lastAssignedAt: Date | null;
  @Column('int') version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date; // ms: keyset cursors carry it as a Date
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
