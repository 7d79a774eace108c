import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Cursor } from '@claimdesk/common';
import { rawQuery, rowToEntity, selectColumns } from '@claimdesk/database';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  /** A user by id, in plain SQL: `GET /v1/me` makes this its one query, and TypeORM's building was a sixth of it. */
  async findById(id: string): Promise<User | null> {
    const em = this.repo.manager;
    const { rows } = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT ${selectColumns(em, User, 'u').join(', ')} FROM users u WHERE u.id = $1`,
      [id],
    );
    return rows[0] ? rowToEntity(em, User, rows[0]) : null;
  }

  /** The one query every authenticated request makes: an index lookup on the token hash. */
  findByTokenHash(tokenHash: string): Promise<User | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  async emailTaken(email: string, exceptId?: string): Promise<boolean> {
    const qb = this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (exceptId) qb.andWhere('u.id <> :exceptId', { exceptId });
    return (await qb.getCount()) > 0;
  }

  /** Display names by id (one query, whatever the number of ids). */
  async names(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const { rows } = await rawQuery<{ id: string; name: string }>(
      this.repo.manager,
      'SELECT id, name FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  insert(values: Partial<User>): Promise<User> {
    return this.repo.save(this.repo.create(values));
  }

  lockById(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Active, and (when a token hash is given) still holding that token: read in the caller's transaction. */
  async isCurrent(em: EntityManager, id: string, tokenHash?: string, sessionHash?: string): Promise<boolean> {
    const { rows } = await rawQuery<{ one: number }>(
      em,
      `SELECT 1 AS one FROM users u WHERE id = $1 AND active AND ($2::text IS NULL OR token_hash = $2)
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM sessions s WHERE s.id_hash = $3 AND s.user_id = u.id
                                             AND s.expires_at > now()))`,
      [id, tokenHash ?? null, sessionHash ?? null],
    );
    return rows.length > 0;
  }

  /** Writes only the given columns: `load` and `last_assigned_at` belong to the assignment flow. */
  async updateFields(
    em: EntityManager,
    id: string,
    set: Partial<Pick<User, 'capacity' | 'active' | 'topics' | 'languages' | 'role' | 'tokenHash'>>,
  ) {
    await em.update(User, { id }, { ...set, version: () => 'version + 1' });
  }

  async setTokenHash(em: EntityManager, id: string, tokenHash: string | null): Promise<boolean> {
    const r = await em.update(User, { id }, { tokenHash, version: () => 'version + 1' });
    return (r.affected ?? 0) > 0;
  }

  /** Deactivation ends every console session of the user, in the deactivating transaction. */
  async deleteSessions(em: EntityManager, userId: string): Promise<void> {
    await rawQuery(em, `DELETE FROM sessions WHERE user_id = $1`, [userId]);
  }

  findPageByCreated(after: Cursor | null, limit: number, role?: string): Promise<User[]> {
    const qb = this.repo
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    if (after) qb.where('(u.created_at, u.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    if (role) qb.andWhere('u.role = :role', { role });
    return qb.getMany();
  }
}
