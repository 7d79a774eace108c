import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
   * briefly for the best one rather than giving up: a claim then never waits for the sweeper. Safe from
   * deadlock because every path locks the claim before the reviewer, and the reviewer-first paths (fill, next)
   * skip locked claims. PostgreSQL re-checks the conditions on the row once the lock is granted.
   */
  async pickAndLock(em: EntityManager, c: EligibilityCriteria): Promise<User | null> {
    const pick = (wait: 'SKIP LOCKED' | '') =>
      em.query(
        `SELECT id FROM users
          WHERE role = 'reviewer' AND active AND load < capacity
            AND (cardinality(languages) = 0 OR $1 = ANY(languages))
            AND ($2::text IS NULL OR cardinality(topics) = 0 OR $2 = ANY(topics))
            AND NOT (id = ANY($3::uuid[]))
          ORDER BY load ASC, last_assigned_at ASC NULLS FIRST, id
          LIMIT 1
          FOR UPDATE ${wait}`,
        [c.language, c.topic, c.exclude],
      ) as Promise<{ id: string }[]>;
    let rows = await pick('SKIP LOCKED');
    if (!rows[0]) {
      await em.query(`SET LOCAL lock_timeout = '${PICK_LOCK_WAIT_MS}ms'`);
      rows = await pick('');
      await em.query(`SET LOCAL lock_timeout TO DEFAULT`);
    }
    return rows[0] ? this.lock(em, rows[0].id) : null;
  }

  lock(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Takes one unit of capacity; false when the reviewer is inactive or full (unless forced). */
  async reserve(em: EntityManager, id: string, force = false): Promise<boolean> {
    const r = await em.query(
      `UPDATE users SET load = load + 1, last_assigned_at = now()
        WHERE id = $1 AND role = 'reviewer' ${force ? '' : 'AND active AND load < capacity'}
        RETURNING id`,
      [id],
    );
    return r[1] === 1 || (Array.isArray(r[0]) && r[0].length === 1);
  }

  async release(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE users SET load = GREATEST(load - 1, 0) WHERE id = $1`, [id]);
  }

  /**
   * Reviewers with spare capacity and at least one queued claim they may take (for the sweeper's wake-ups):
   * when everyone is full, or nothing waiting fits anyone, the sweep enqueues nothing.
   */
  async withSpareCapacity(em: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT u.id FROM users u
        WHERE u.role = 'reviewer' AND u.active AND u.load < u.capacity
          AND EXISTS (SELECT 1 FROM claims c
                       WHERE c.status = 'queued'
                         AND (cardinality(u.languages) = 0 OR c.language = ANY(u.languages))
                         AND (c.topic IS NULL OR cardinality(u.topics) = 0 OR c.topic = ANY(u.topics))
                         AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = c.id AND a.reviewer_id = u.id
                                           AND a.end_reason IN ('deadline_missed', 'unassigned')))
        ORDER BY u.load LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
