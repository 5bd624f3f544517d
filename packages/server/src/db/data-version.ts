import { sql } from "kysely";
import { type Database, writeGenerationOf } from "./database.js";

/**
 * A token that changes whenever a write to the database commits: two equal readings mean no
 * write committed in between, so an answer computed between them is still current.
 *
 * - Embedded PGlite: this process's count of committed writes (no query; no other process
 *   can open the data folder).
 * - PostgreSQL: the server's current snapshot (xmin:xmax:in-progress ids), one tiny query. Any
 *   commit anywhere on the cluster changes it: committing a transaction listed in progress
 *   removes it, and committing a later one moves xmax. Other processes' writes are seen too.
 * - With a read replica (DATABASE_REPLICA_URL), the primary's version and the replica's together:
 *   answers read from the replica stand while the replica's data does. A hot standby has no
 *   snapshot of its own to report (pg_current_snapshot() there tells nothing of replayed
 *   commits), so its part is the WAL position replayed so far (pg_last_wal_replay_lsn()), which
 *   moves with every replayed commit; once promoted it reports its snapshot like any primary.
 */
export type DataVersion = () => Promise<string>;

export function dataVersionOf(db: Database, replica?: Database): DataVersion {
  const generation = writeGenerationOf(db);
  if (generation) return async () => `g${generation.value}`;
  const primary = serverVersion(db);
  if (!replica) return primary;
  const replayed = serverVersion(replica);
  return async () => (await Promise.all([primary(), replayed()])).join("|");
}

function serverVersion(db: Database): DataVersion {
  return async () => {
    const { rows } = await sql<{ version: string }>`SELECT CASE WHEN pg_is_in_recovery()
      THEN 'r' || pg_last_wal_replay_lsn()::text ELSE 's' || pg_current_snapshot()::text END AS version`.execute(db);
    return rows[0]!.version;
  };
}

/**
 * Whether an answer is still current. `now()` reads the data version; an answer computed from
 * version `since` and depending on `scopes` (planScope ids; undefined: on anything) is current
 * at version `now` if no write it depends on committed in between.
 *
 * - Embedded PGlite: per scope (db/write-generation.ts): a submission to one plan leaves the
 *   answers about other plans, and other regions, current.
 * - PostgreSQL: any commit by any process moves the snapshot, so every answer goes. Per-scope
 *   versions cannot be read from the snapshot, and a version table bumped in each transaction
 *   would serialise every writer of a plan on one row.
 */
export interface Freshness {
  now(): Promise<string>;
  isCurrent(since: string, scopes: readonly string[] | undefined, now: string): boolean;
}

export function freshnessOf(db: Database, replica?: Database): Freshness {
  const now = dataVersionOf(db, replica);
  const generation = writeGenerationOf(db);
  if (generation)
    return {
      now,
      isCurrent: (since, scopes, at) => since === at || !generation.changedSince(Number(since.slice(1)), scopes),
    };
  return { now, isCurrent: (since, _scopes, at) => since === at };
}
