import { sql } from "kysely";
import { type Database, pgliteOf } from "./database.js";

/**
 * PGlite runs PostgreSQL as a single-user backend: no autovacuum worker. So no table ever gets
 * planner statistics unless someone runs ANALYZE (without them every table looks empty and the
 * planner picks nested loops over whole tables: the status facts of 20 tasks on the county bench
 * took about 300 ms unanalysed, 45 ms analysed), and no table is ever vacuumed: the old versions
 * of updated and deleted rows (every report's status row, every status snapshot retired) stay in
 * tables and indexes, which only grow. This does autovacuum's work in process, by its default
 * rules: a table is analysed when it never was, or when more rows changed since its last analyse
 * than 50 + 10% of its rows; vacuumed when it holds more dead rows than 50 + 20% of its rows, or
 * had more rows inserted since its last vacuum than 1,000 + 20% (which keeps the visibility map,
 * for index-only scans, and freezes old rows). One statement per table, so that requests
 * interleave. (PostgreSQL servers have their own autovacuum; this runs on PGlite only.)
 */

/** PostgreSQL's defaults for autovacuum's thresholds and scale factors. */
const ANALYZE = { threshold: 50, scale: 0.1 };
const VACUUM = { threshold: 50, scale: 0.2 };
const VACUUM_INSERTS = { threshold: 1000, scale: 0.2 };

export interface DueTable {
  name: string;
  vacuum: boolean;
  analyze: boolean;
}

/** The user tables due for VACUUM or ANALYZE by autovacuum's rules, as PGlite's statistics count them now. */
export async function tablesDue(db: Database): Promise<DueTable[]> {
  // The backend flushes its counters when idle, which a single-user backend never is: ask for it.
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<DueTable>`
    SELECT name, "vacuum", "analyze" FROM (
      SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname) AS name, s.relname,
        s.n_dead_tup > ${VACUUM.threshold} + ${VACUUM.scale} * greatest(c.reltuples, 0)
          OR s.n_ins_since_vacuum > ${VACUUM_INSERTS.threshold} + ${VACUUM_INSERTS.scale} * greatest(c.reltuples, 0)
          AS "vacuum",
        c.reltuples < 0 OR s.n_mod_since_analyze > ${ANALYZE.threshold} + ${ANALYZE.scale} * c.reltuples AS "analyze"
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    ) t
    WHERE "vacuum" OR "analyze"
    ORDER BY relname`.execute(db);
  return rows;
}

/** The user tables due for ANALYZE by autovacuum's rule. */
export async function tablesDueForAnalyze(db: Database): Promise<string[]> {
  return (await tablesDue(db)).filter((t) => t.analyze).map((t) => t.name);
}

/** Analyses the tables due; returns their names. Does nothing on PostgreSQL. */
export async function analyzeDueTables(db: Database): Promise<string[]> {
  return (await maintainDueTables(db, { vacuum: false })).map((t) => t.name);
}

/**
 * Vacuums (with `vacuum`) and analyses the tables due, as autovacuum would; returns what it did to
 * each table. Nothing on PostgreSQL.
 */
export async function maintainDueTables(db: Database, { vacuum }: { vacuum: boolean }): Promise<DueTable[]> {
  if (!pgliteOf(db)) return [];
  const done: DueTable[] = [];
  for (const t of await tablesDue(db)) {
    const table = sql.raw(t.name);
    if (vacuum && t.vacuum) {
      await (t.analyze ? sql`VACUUM (ANALYZE) ${table}` : sql`VACUUM ${table}`).execute(db);
      done.push(t);
    } else if (t.analyze) {
      await sql`ANALYZE ${table}`.execute(db);
      done.push({ ...t, vacuum: false });
    }
  }
  return done;
}

/**
 * Where vacuuming waits for: 01:00-05:00 in China. A VACUUM is one statement, and on PGlite a
 * statement holds the event loop while it runs (a large table's, seconds): so tables are vacuumed
 * when no one is working, and only analysed (short, sampled) during the day.
 */
export function quietHours(now: Date): boolean {
  const hour = (now.getUTCHours() + 8) % 24;
  return hour >= 1 && hour < 5;
}

/**
 * Checks at once (analysing only, before the first request) and then every `intervalMs` (default
 * a minute, autovacuum's naptime) while the server runs, vacuuming too in the quiet hours.
 * Failures are logged and retried at the next tick.
 */
export function startStatisticsKeeper(
  db: Database,
  log: (msg: string, err?: unknown) => void,
  { intervalMs = 60_000, quiet = () => quietHours(new Date()) }: { intervalMs?: number; quiet?: () => boolean } = {},
): { stop(): Promise<void>; ready: Promise<void> } {
  if (!pgliteOf(db)) return { stop: async () => {}, ready: Promise.resolve() };
  let running: Promise<void> | undefined;
  const tick = (vacuum: boolean) => {
    running ??= maintainDueTables(db, { vacuum })
      .then(() => undefined)
      .catch((error) => log("PGlite maintenance (VACUUM, ANALYZE) failed", error))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => tick(quiet()), intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
    ready: tick(false),
  };
}
