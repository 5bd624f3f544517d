import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * Hot statements kept prepared on PostgreSQL. node-postgres sends every statement unnamed, so the
 * server parses and plans it anew each time; for the class check's short statements (issue 16
 * bench: a county's 18,000 checks a morning) that was most of the server's CPU per statement
 * (the class read: 0.4 ms planning, 0.1 ms executing). A statement whose text begins with
 * PREPARED runs as a named prepared statement (named by its text), parsed once per connection;
 * PostgreSQL's plan cache then skips planning once it settles on a generic plan. Only marked
 * statements are kept, a handful of fixed texts, so a connection holds few (no eviction). The
 * embedded PGlite keeps every statement prepared already (pglite-statements.ts); there the mark
 * binds it with a generic plan from its first call (its planner, in WebAssembly, is slow enough
 * that a custom plan per call was a quarter of a unit's task list). Marked statements name their columns (no `*`, no `RETURNING *`): a column added
 * by a migration while a server runs (another process's, in a rolling deployment) then leaves
 * their result as it was, where PostgreSQL would refuse a kept `*` ("cached plan must not change
 * result type"); it re-plans them itself after any change of the tables.
 */
export const PREPARED = "/* prepared */";

const names = new Map<string, string>();

/** The statement's name: the same text gets the same name on every connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `luoshi_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

const wrapped = new WeakSet<pg.PoolClient>();

/** Makes the client run marked statements as named prepared statements (once per client). */
export function prepareMarked(client: pg.PoolClient): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === "string" && config.startsWith(PREPARED) && Array.isArray(values))
      return query({ name: nameOf(config), text: config, values }, callback);
    return query(config, values, callback);
  }) as typeof client.query;
}
