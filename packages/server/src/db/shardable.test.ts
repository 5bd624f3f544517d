import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import type { Database } from "./database.js";

/**
 * The schema stays distributable by region (Citus, docs/postgresql-ha.md): every table carries
 * region_id, and every primary key, unique key or index and foreign key includes it, a foreign key
 * pairing region_id with region_id, so that rows of one region and everything they refer to live on
 * one shard. Read from the catalog after every migration ran, so a new table or key is checked too.
 */
const REGION = "region_id";

/**
 * Tables that are not region data, each with its reason. Keep it short and explained: a table
 * listed here would be a Citus reference table (copied to every node) or stay on the coordinator.
 */
const GLOBAL_TABLES: Record<string, string> = {
  // The migration runner's bookkeeping: one row per applied migration file, for the whole database.
  schema_migrations: "migration bookkeeping, not business data; stays on the coordinator",
  // Sign-in throttling is decided before the region is known: an unknown user name and a client
  // address have none. Short-lived security state, not business data, left out of backups.
  login_throttles: "keyed by account name or client address before any region is known; stays on the coordinator",
  // A remembered browser is looked up by its cookie's hash on the way in, with the login throttles.
  login_devices: "looked up by cookie hash at sign-in beside login_throttles; stays on the coordinator",
};

interface KeyRow {
  table: string;
  name: string;
  kind: "primary key" | "unique" | "foreign key";
  columns: string[];
  /** For a foreign key: the referenced table and columns, in the same order as `columns`. */
  refTable: string | null;
  refColumns: string[] | null;
}

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
}, 60_000);
afterAll(() => drop());

async function tables(): Promise<{ table: string; hasRegion: boolean }[]> {
  const { rows } = await sql<{ table: string; has_region: boolean }>`
    SELECT c.relname AS table,
           EXISTS (SELECT 1 FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attname = ${REGION} AND NOT a.attisdropped) AS has_region
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
    ORDER BY 1`.execute(db);
  return rows.map((r) => ({ table: r.table, hasRegion: r.has_region }));
}

/** Primary keys and every unique index (constraint or not), then foreign keys, from the catalog. */
async function keys(): Promise<KeyRow[]> {
  const unique = await sql<{ table: string; name: string; primary: boolean; columns: string[] }>`
    SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary,
           array(SELECT coalesce(a.attname::text, '(expression)')
                 FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                 LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                 ORDER BY k.ord) AS columns
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE x.indisunique AND n.nspname = current_schema()`.execute(db);
  const foreign = await sql<{
    table: string;
    name: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
  }>`
    SELECT t.relname AS table, c.conname AS name, r.relname AS ref_table,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`.execute(db);
  return [
    ...unique.rows.map(
      (r): KeyRow => ({
        table: r.table,
        name: r.name,
        kind: r.primary ? "primary key" : "unique",
        columns: r.columns,
        refTable: null,
        refColumns: null,
      }),
    ),
    ...foreign.rows.map(
      (r): KeyRow => ({
        table: r.table,
        name: r.name,
        kind: "foreign key",
        columns: r.columns,
        refTable: r.ref_table,
        refColumns: r.ref_columns,
      }),
    ),
  ];
}

/** What keeps a key from being distributed by region, or null when it is fine. */
function regionProblem(key: KeyRow): string | null {
  const at = key.columns.indexOf(REGION);
  if (at < 0) return `${key.kind} ${key.name} on ${key.table} (${key.columns.join(", ")}) lacks ${REGION}`;
  if (key.kind === "foreign key" && key.refColumns?.[at] !== REGION) {
    return `foreign key ${key.name} on ${key.table} pairs ${REGION} with ${key.refTable}.${key.refColumns?.[at]}, not ${REGION}`;
  }
  return null;
}

describe("the schema is shardable by region", () => {
  it("has region_id on every table but the explained global ones, and no stale allow-list entry", async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThan(20);
    const missing = all.filter((t) => !t.hasRegion && !(t.table in GLOBAL_TABLES)).map((t) => t.table);
    expect(missing, "tables without region_id (add it, or list the table in GLOBAL_TABLES with a reason)").toEqual([]);
    const names = new Set(all.map((t) => t.table));
    const stale = Object.keys(GLOBAL_TABLES).filter((t) => !names.has(t));
    expect(stale, "GLOBAL_TABLES lists tables that no longer exist").toEqual([]);
  });

  it("includes region_id in every primary key, unique key or index and foreign key", async () => {
    const found = await keys();
    // The catalog query sees keys at all (so an empty result cannot pass by accident).
    expect(found.filter((k) => k.kind === "primary key").length).toBeGreaterThan(20);
    expect(found.filter((k) => k.kind === "foreign key").length).toBeGreaterThan(10);
    expect(found.filter((k) => k.kind === "unique").length).toBeGreaterThan(5);
    const problems = found
      .filter((k) => !(k.table in GLOBAL_TABLES))
      .map(regionProblem)
      .filter((p): p is string => p !== null)
      .sort();
    expect(problems).toEqual([]);
  });

  it("catches a new table's keys that leave region_id out, read from the catalog", async () => {
    await sql`CREATE TABLE shard_probe (region_id text NOT NULL, id text NOT NULL, org_id text, code text,
      PRIMARY KEY (id), FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id))`.execute(db);
    await sql`CREATE UNIQUE INDEX shard_probe_code_uq ON shard_probe (code)`.execute(db);
    try {
      const problems = (await keys()).filter((k) => k.table === "shard_probe").map(regionProblem);
      expect(problems.sort()).toEqual([
        null,
        "primary key shard_probe_pkey on shard_probe (id) lacks region_id",
        "unique shard_probe_code_uq on shard_probe (code) lacks region_id",
      ]);
    } finally {
      await sql`DROP TABLE shard_probe`.execute(db);
    }
  });

  it("catches a key without region_id and a foreign key pairing region_id with another column", () => {
    const base = { table: "t", name: "k", refTable: null, refColumns: null };
    expect(regionProblem({ ...base, kind: "unique", columns: ["org_id", "alias"] })).toMatch(/lacks region_id/);
    expect(regionProblem({ ...base, kind: "primary key", columns: ["region_id", "id"] })).toBeNull();
    expect(
      regionProblem({
        ...base,
        kind: "foreign key",
        columns: ["region_id", "org_id"],
        refTable: "orgs",
        refColumns: ["id", "region_id"],
      }),
    ).toMatch(/pairs region_id with orgs.id/);
    expect(
      regionProblem({
        ...base,
        kind: "foreign key",
        columns: ["region_id", "org_id"],
        refTable: "orgs",
        refColumns: ["region_id", "id"],
      }),
    ).toBeNull();
  });
});
