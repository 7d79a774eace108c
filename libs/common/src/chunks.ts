/** PostgreSQL accepts at most this many bind parameters in one statement. */
export const PG_MAX_PARAMS = 65_535;

/**
 * Splits rows for multi-row statements so each stays within PG_MAX_PARAMS at `paramsPerRow` parameters a row
 * (pass the table's column count: TypeORM binds every column it writes).
 */
export function chunksWithinParams<T>(rows: T[], paramsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(PG_MAX_PARAMS / Math.max(1, paramsPerRow)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
