import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@claimdesk/common';
import { rawQuery } from '@claimdesk/database';

export interface SessionUser {
  userId: string;
  role: Role;
  expiresAt: Date;
}

/** The sessions table and the sign-in columns of users (both belong to this feature). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The one query a cookie-authenticated request makes: a current session of an active user. */
  async findCurrent(idHash: string): Promise<SessionUser | null> {
    const { rows } = await rawQuery<{ user_id: string; role: Role; expires_at: Date }>(
      this.db.manager,
      `SELECT s.user_id, u.role, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND u.active`,
      [idHash],
    );
    return rows[0] ? { userId: rows[0].user_id, role: rows[0].role, expiresAt: rows[0].expires_at } : null;
  }

  async insert(em: EntityManager, idHash: string, userId: string, ttlSeconds: number): Promise<Date> {
    const { rows } = await rawQuery<{ expires_at: Date }>(
      em,
      `INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       RETURNING expires_at`,
      [idHash, userId, ttlSeconds],
    );
    // Expired sessions of this user go as a new one starts: the table holds live sessions only.
    await rawQuery(em, `DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()`, [userId]);
    return rows[0].expires_at;
  }

  async delete(idHash: string): Promise<void> {
    await rawQuery(this.db.manager, `DELETE FROM sessions WHERE id_hash = $1`, [idHash]);
  }

  async deleteForUser(em: EntityManager, userId: string): Promise<number> {
    return (await rawQuery(em, `DELETE FROM sessions WHERE user_id = $1`, [userId])).affected;
  }

  async passwordHashByEmail(email: string): Promise<{ id: string; active: boolean; hash: string | null } | null> {
    const { rows } = await rawQuery<{ id: string; active: boolean; password_hash: string | null }>(
      this.db.manager,
      `SELECT id, active, password_hash FROM users WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    return rows[0] ? { id: rows[0].id, active: rows[0].active, hash: rows[0].password_hash } : null;
  }

  async setPassword(em: EntityManager, userId: string, hash: string): Promise<boolean> {
    const r = await rawQuery(
      em,
      `UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [userId, hash],
    );
    return r.affected === 1;
  }

  async setInvite(em: EntityManager, userId: string, inviteHash: string, ttlSeconds: number): Promise<Date | null> {
    const { rows } = await rawQuery<{ invite_expires_at: Date }>(
      em,
      `UPDATE users SET invite_hash = $2, invite_expires_at = now() + make_interval(secs => $3)
        WHERE id = $1 AND active RETURNING invite_expires_at`,
      [userId, inviteHash, ttlSeconds],
    );
    return rows[0]?.invite_expires_at ?? null;
  }

  /** Uses up a current invite (one time): the user it was for, or null. */
  async consumeInvite(em: EntityManager, inviteHash: string): Promise<string | null> {
    const { rows } = await rawQuery<{ id: string }>(
      em,
      `UPDATE users SET invite_hash = NULL, invite_expires_at = NULL
        WHERE invite_hash = $1 AND invite_expires_at > now() AND active RETURNING id`,
      [inviteHash],
    );
    return rows[0]?.id ?? null;
  }

  async exists(userId: string): Promise<boolean> {
    const { rows } = await rawQuery(this.db.manager, `SELECT 1 AS one FROM users WHERE id = $1`, [userId]);
    return rows.length > 0;
  }
}
