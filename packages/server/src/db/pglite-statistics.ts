import { sql } from "kysely";
import { type Database, pgliteOf } from "./database.js";

/**
 * PGlite runs PostgreSQL as a single-user backend: no autovacuum worker, so no table ever gets
 * planner statistics unless someone runs ANALYZE. Without them every table looks empty and the
 * planner picks nested loops over whole tables (the status facts of 20 tasks on the county bench:
 * about 300 ms unanalysed, 45 ms analysed). This does autovacuum's analyse part in process, by
 * its default rule: a table is analysed when it never was, or when more rows changed since its
 * last analyse than 50 + 10% of its rows. One statement per table, so that requests interleave.
 * (PostgreSQL servers have their own autovacuum; this runs on PGlite only.)
 */

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, PostgreSQL's defaults. */
const THRESHOLD = 50;
const SCALE = 0.1;

/** The user tables due for ANALYZE by autovacuum's rule, as PGlite's statistics count them now. */
export async function tablesDueForAnalyze(db: Database): Promise<string[]> {
  // The backend flushes its counters when idle, which a single-user backend never is: ask for it.
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ name: string }>`
    SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname) AS name
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE c.reltuples < 0 OR s.n_mod_since_analyze > ${THRESHOLD} + ${SCALE} * c.reltuples
    ORDER BY s.relname`.execute(db);
  return rows.map((r) => r.name);
}

/** Analyses the tables due; returns their names. Does nothing on PostgreSQL. */
export async function analyzeDueTables(db: Database): Promise<string[]> {
  if (!pgliteOf(db)) return [];
  const due = await tablesDueForAnalyze(db);
  for (const table of due) await sql`ANALYZE ${sql.raw(table)}`.execute(db);
  return due;
}

/**
 * Checks at once and then every `intervalMs` (default a minute, as autovacuum's naptime) while
 * the server runs. Failures are logged and retried at the next tick.
 */
export function startStatisticsKeeper(
  db: Database,
  log: (msg: string, err?: unknown) => void,
  intervalMs = 60_000,
): { stop(): Promise<void>; ready: Promise<void> } {
  if (!pgliteOf(db)) return { stop: async () => {}, ready: Promise.resolve() };
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= analyzeDueTables(db)
      .then(() => undefined)
      .catch((error) => log("PGlite statistics (ANALYZE) failed", error))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
    ready: tick(),
  };
}
