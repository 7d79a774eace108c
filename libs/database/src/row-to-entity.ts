import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A row read in plain SQL (`RETURNING *`, or `selectColumns`) as an entity, through the entity's own column map: `pg` has already parsed the types
 * (numbers, dates, JSON), so only the names change. Saves the second round trip of insert-then-select.
 */
export function rowToEntity<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = em.connection.getMetadata(target);
  const entity = metadata.create() as Record<string, unknown>;
  for (const c of metadata.columns) entity[c.propertyName] = row[c.databaseName];
  return entity as T;
}

const selections = new Map<string, string[]>();

/**
 * The columns an entity reads by default (not its `select: false` ones), as `alias.column AS "column"`, for plain
 * SQL whose rows go back through rowToEntity; `except` leaves properties out (an article's body). Hot reads use it
 * where TypeORM's query building and hydration cost more than the read itself; the list is built once.
 */
export function selectColumns<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  alias: string,
  except: string[] = [],
): string[] {
  const metadata = em.connection.getMetadata(target);
  const key = `${metadata.name} ${alias} ${except.join(',')}`;
  let columns = selections.get(key);
  if (!columns) {
    columns = metadata.columns
      .filter((c) => c.isSelect && !except.includes(c.propertyName))
      .map((c) => `${alias}.${c.databaseName} AS "${c.databaseName}"`);
    selections.set(key, columns);
  }
  return columns;
}
