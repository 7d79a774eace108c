import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rawQuery } from '@claimdesk/database';
import { User } from './user.entity';

/** How long an assignment waits for a reviewer row another transaction holds (those hold it for milliseconds). */
const PICK_LOCK_WAIT_MS = 2000;

export interface EligibilityCriteria {
  language: string;
  topic: string | null;
  /** Reviewers who must not get this claim (e.g. the one who missed its deadline). */
  exclude: string[];
}

/**
 * Reviewer capacity, enforced in PostgreSQL. Every method runs in the caller's transaction and
 * takes the reviewer's row lock, so any number of workers and editors assigning at once can never
 * push `load` over `capacity`. Callers lock the claim first, then the reviewer (one lock order).
 */
@Injectable()
export class ReviewerPoolService {
  /**
   * The least-loaded eligible reviewer with spare capacity (ties: idle longest), locked. First among the rows no
   * one holds; when every eligible row is locked (concurrent assignments to the same few reviewers), it waits
   * briefly for the best one rather than giving up: a claim then never waits for the sweeper.
   * The wait locks that one row by id. Waiting with `ORDER BY ... LIMIT 1 FOR UPDATE` could lock a row that no
   * longer qualified once granted and go on to wait for the next one, holding the first: two such waits
   * deadlocked. So a waiting transaction holds no reviewer, and the holders (which lock the claim first, or skip
   * locked claims on the reviewer-first paths) never wait for one: no cycle.
   */
  async pickAndLock(em: EntityManager, c: EligibilityCriteria): Promise<User | null> {
    const pick = async (lock: '' | 'FOR UPDATE' | 'FOR UPDATE SKIP LOCKED', only: string | null = null) =>
      (
        await rawQuery<{ id: string }>(
          em,
          `SELECT id FROM users
            WHERE role = 'reviewer' AND active AND load < capacity
              AND (cardinality(languages) = 0 OR $1 = ANY(languages))
              AND ($2::text IS NULL OR cardinality(topics) = 0 OR $2 = ANY(topics))
              AND NOT (id = ANY($3::uuid[]))
              AND ($4::uuid IS NULL OR id = $4)
            ORDER BY load ASC, last_assigned_at ASC NULLS FIRST, id
            LIMIT 1
            ${lock}`,
          [c.language, c.topic, c.exclude, only],
        )
      ).rows;
    let rows = await pick('FOR UPDATE SKIP LOCKED');
    if (!rows[0]) {
      const [best] = await pick('');
      if (!best) return null;
      await rawQuery(em, `SET LOCAL lock_timeout = '${PICK_LOCK_WAIT_MS}ms'`);
      rows = await pick('FOR UPDATE', best.id); // empty when it no longer qualifies once granted
      await rawQuery(em, `SET LOCAL lock_timeout TO DEFAULT`);
    }
    return rows[0] ? this.lock(em, rows[0].id) : null;
  }

  lock(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Takes one unit of capacity; false when the reviewer is inactive or full (unless forced). */
  async reserve(em: EntityManager, id: string, force = false): Promise<boolean> {
    const { affected } = await rawQuery(
      em,
      `UPDATE users SET load = load + 1, last_assigned_at = now()
        WHERE id = $1 AND role = 'reviewer' ${force ? '' : 'AND active AND load < capacity'}`,
      [id],
    );
    return affected === 1;
  }

  async release(em: EntityManager, id: string): Promise<void> {
    await rawQuery(em, `UPDATE users SET load = GREATEST(load - 1, 0) WHERE id = $1`, [id]);
  }

  /** Active reviewers with spare capacity, least loaded first, with what makes a claim eligible for them. */
  /** Whether any active reviewer has room for one more claim (one indexless look at the few reviewer rows). */
  async anyWithRoom(em: EntityManager): Promise<boolean> {
    const { rows } = await rawQuery<{ room: boolean }>(
      em,
      `SELECT EXISTS (SELECT 1 FROM users WHERE role = 'reviewer' AND active AND load < capacity) AS room`,
    );
    return rows[0].room;
  }

  async withSpareCapacity(
    em: EntityManager,
    limit: number,
  ): Promise<{ id: string; languages: string[]; topics: string[] }[]> {
    const { rows } = await rawQuery<{ id: string; languages: string[]; topics: string[] }>(
      em,
      `SELECT id, languages, topics FROM users
        WHERE role = 'reviewer' AND active AND load < capacity
        ORDER BY load LIMIT $1`,
      [limit],
    );
    return rows;
  }
}
