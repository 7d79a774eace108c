import type { EntityManager } from 'typeorm';

export interface RawResult<T> {
  rows: T[];
  /** Rows inserted, updated or deleted (for a SELECT, the rows returned). */
  affected: number;
}

/**
 * Raw SQL with a declared row type, in the caller's transaction when `em` belongs to one. TypeORM's
 * `em.query` returns `rows` for a SELECT but `[rows, count]` for an UPDATE or DELETE; the structured
 * result used here has one shape for every statement.
 */
export async function rawQuery<T extends object>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<RawResult<T>> {
  const own = !em.queryRunner;
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const r = await runner.query(sql, params, true);
    return { rows: r.records as T[], affected: r.affected ?? r.records.length };
  } finally {
    if (own) await runner.release();
  }
}
