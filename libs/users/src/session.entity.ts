import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in browser: only the SHA-256 of its cookie's token is stored. */
@Entity('sessions')
export class Session {
  @PrimaryColumn('text', { name: 'id_hash' }) idHash: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
}
