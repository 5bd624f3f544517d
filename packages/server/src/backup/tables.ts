import { sql } from "kysely";
import type { Database } from "../db/database.js";

/**
 * Tables a backup leaves out: the migration ledger (the target has its own), sessions, login throttles
 * and remembered login devices (logins do not survive a restore), and the read model task_unit_status, which triggers rebuild as reports come back.
 * ledger_versions (migration 0024) is derived too: its triggers fill it as the ledger records go back in.
 */
export const NOT_BACKED_UP = new Set([
  "schema_migrations",
  "sessions",
  "task_unit_status",
  "login_throttles",
  "login_devices",
  "ledger_versions",
]);

export interface TablePlan {
  name: string;
  /** Primary-key columns, for a stable row order and batched reads. */
  key: string[];
}

/**
 * Every table of the schema, read from the catalog (so a table a later migration adds is backed up
 * without a change here), in an order where referenced tables come first.
 */
export async function tablesInOrder(db: Database): Promise<TablePlan[]> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
    JOIN information_schema.key_column_usage k
      ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY'
    ORDER BY k.table_name, k.ordinal_position`.execute(db);
  const refs = await sql<{ child: string; parent: string }>`
    SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint con
    JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class pl ON pl.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema()`.execute(db);
  const names = tables.rows.map((t) => t.table_name).filter((t) => !NOT_BACKED_UP.has(t));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of refs.rows) if (r.child !== r.parent) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && [...(parents.get(n) ?? [])].every((p) => placed.has(p) || !parents.has(p)),
    );
    if (ready.length === 0) throw new Error("foreign keys form a cycle; cannot order the backup");
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered.map((name) => ({
    name,
    key: keys.rows.filter((k) => k.table_name === name).map((k) => k.column_name),
  }));
}

/**
 * Rows of one table as PostgreSQL's own JSON text (row_to_json: full timestamp precision, jsonb as
 * JSON, exact floats), in primary-key order, a batch at a time (keyset, so each batch is one index range).
 */
export async function* tableRows(db: Database, table: TablePlan, batch = 2000): AsyncGenerator<string[]> {
  const ident = sql.id(table.name);
  const order = table.key.length > 0 ? sql.join(table.key.map((k) => sql.ref(`t.${k}`))) : sql.lit(1);
  let after: unknown[] | undefined;
  for (;;) {
    const where =
      after && table.key.length > 0 ? sql`WHERE (${order}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const keyCols =
      table.key.length > 0
        ? sql`, ${sql.join(table.key.map((k, i) => sql`t.${sql.id(k)}::text AS ${sql.id(`k${i}`)}`))}`
        : sql``;
    const { rows } = await sql<Record<string, string>>`
      SELECT row_to_json(t)::text AS r ${keyCols} FROM ${ident} t ${where} ORDER BY ${order}
      ${table.key.length > 0 ? sql`LIMIT ${batch}` : sql``}`.execute(db);
    if (rows.length === 0) return;
    yield rows.map((r) => r.r as string);
    if (table.key.length === 0 || rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    after = table.key.map((_, i) => last[`k${i}`]);
  }
}

/** Inserts rows given as row_to_json text, in one statement (a single parameter, so no parameter limit). */
export async function insertRows(db: Database, table: string, rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const ident = sql.id(table);
  await sql`INSERT INTO ${ident} SELECT * FROM json_populate_recordset(NULL::${ident}, ${`[${rows.join(",")}]`}::json)`.execute(
    db,
  );
}
