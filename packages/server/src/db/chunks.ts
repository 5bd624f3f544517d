/** PostgreSQL numbers a statement's bind parameters in 16 bits: one statement takes at most 65,535. */
const MAX_PARAMETERS = 65_535;
/**
 * Rows per statement at most: on embedded PGlite a statement holds the event loop while it runs
 * (a 6,000-task import: 100 plan tasks a statement took 15-45 ms, 25 take under 10).
 */
export const ROWS_PER_INSERT = 25;

/**
 * Splits rows for a multi-row INSERT into statements under the parameter limit (a 5,400-task plan
 * was one INSERT of 81,000 parameters and failed). Run them in one transaction to keep it atomic.
 */
export function insertChunks<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, ...rows.slice(0, 10).map((r) => Object.keys(r).length));
  const size = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
