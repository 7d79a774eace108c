import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A `RETURNING *` row as an entity, through the entity's own column map: `pg` has already parsed the types
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
