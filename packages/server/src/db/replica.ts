import { sql } from "kysely";
import type { Database } from "./database.js";

/** What a route needs to choose where its reads go. */
export interface ReadTargets {
  db: Database;
  /** A hot standby (DATABASE_REPLICA_URL); unset, everything reads the primary. */
  replica?: Database;
}

/**
 * Where the heavy read views (dashboard, plan completion and indicators, warnings board, evaluation)
 * read: the replica when one is configured. A synchronous standby with synchronous_commit =
 * remote_apply has every acknowledged write before the writer hears back, so a user sees their own
 * change; another replica may lag by its replay delay (docs/postgresql-ha.md).
 */
export const readerOf = (targets: ReadTargets): Database => targets.replica ?? targets.db;

/**
 * The replica once it has replayed everything the primary had written when this was called, for
 * reads that must miss nothing committed before the request (a bulletin, an official document);
 * the primary if the replica does not catch up within `waitMs` or cannot be asked.
 */
export async function caughtUpReader(targets: ReadTargets, waitMs = 2000): Promise<Database> {
  const { db, replica } = targets;
  if (!replica) return db;
  try {
    const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db);
    const target = rows[0]!.lsn;
    const until = Date.now() + waitMs;
    for (;;) {
      const { rows: done } = await sql<{ ok: boolean }>`SELECT NOT pg_is_in_recovery()
        OR pg_last_wal_replay_lsn() >= ${target}::pg_lsn AS ok`.execute(replica);
      if (done[0]?.ok) return replica;
      if (Date.now() >= until) return db;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch {
    return db;
  }
}
