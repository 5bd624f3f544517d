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
 */
export type DataVersion = () => Promise<string>;

export function dataVersionOf(db: Database): DataVersion {
  const generation = writeGenerationOf(db);
  if (generation) return async () => `g${generation.value}`;
  return async () => {
    const { rows } = await sql<{ snapshot: string }>`SELECT pg_current_snapshot()::text AS snapshot`.execute(db);
    return `s${rows[0]?.snapshot}`;
  };
}
