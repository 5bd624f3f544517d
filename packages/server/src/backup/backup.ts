import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";

/**
 * A backup is JSON lines: a header, then every row of every table (in foreign-key dependency
 * order, soft-deleted rows included), then every stored file as base64. The tables are read from
 * the catalog, so a table a later migration adds is backed up without a change here. Sessions are
 * not kept, nor the read model task_unit_status, which triggers rebuild as the reports come back.
 */
const NOT_BACKED_UP = new Set(["schema_migrations", "sessions", "task_unit_status"]);

interface TablePlan {
  name: string;
  /** Primary-key columns, for a stable row order. */
  key: string[];
}

/** Every table of the schema in an order where referenced tables come first. */
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
interface Header {
  format: "luoshi-backup";
  version: 1;
  migrations: string[];
  createdAt: string;
}
type Line = Header | { table: string; row: Record<string, unknown> } | { file: string; data: string };

export async function backup(
  db: Database,
  files: FileStore,
  outPath: string,
): Promise<{ rows: number; files: number }> {
  const out = createWriteStream(outPath);
  const write = async (line: Line) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, "drain");
  };
  const migrations = (await db.selectFrom("schema_migrations").select("name").orderBy("version").execute()).map(
    (m) => m.name,
  );
  await write({ format: "luoshi-backup", version: 1, migrations, createdAt: new Date().toISOString() });
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let rows = 0;
  for (const { name: table, key } of await tablesInOrder(db)) {
    let query = anyDb.selectFrom(table).selectAll();
    for (const column of key) query = query.orderBy(column);
    const all = await query.execute();
    for (const row of all) await write({ table, row });
    rows += all.length;
  }
  const hashes = [...new Set((await db.selectFrom("files").select("sha256").execute()).map((f) => f.sha256))].sort();
  for (const sha of hashes) await write({ file: sha, data: (await files.get(sha)).toString("base64") });
  out.end();
  await once(out, "finish");
  return { rows, files: hashes.length };
}

/** jsonb columns take their values as JSON text (both drivers would mangle arrays otherwise). */
async function jsonColumns(db: Database): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE data_type = 'jsonb' AND table_schema = current_schema()`.execute(db);
  const map = new Map<string, Set<string>>();
  for (const r of rows) map.set(r.table_name, (map.get(r.table_name) ?? new Set()).add(r.column_name));
  return map;
}

/** Restores a backup into an empty, migrated database. */
export async function restore(
  db: Database,
  files: FileStore,
  inPath: string,
): Promise<{ rows: number; files: number }> {
  const existing = await db.selectFrom("orgs").select("id").limit(1).execute();
  if (existing.length > 0) throw new Error("restore needs an empty database (run it on a fresh data dir)");
  const json = await jsonColumns(db);
  const known = new Set((await tablesInOrder(db)).map((t) => t.name));
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let rows = 0;
  let fileCount = 0;
  let header: Header | undefined;
  await db.transaction().execute(async (trx) => {
    const tx = trx as unknown as typeof anyDb;
    // Opened right before it is read: readline drops the lines it emits while nobody iterates yet
    // (an await between the two, such as BEGIN on a PostgreSQL server, lost the whole file).
    const lines = createInterface({ input: createReadStream(inPath, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const text of lines) {
      if (text.trim() === "") continue;
      const line = JSON.parse(text) as Line;
      if ("format" in line) {
        header = line;
      } else if ("table" in line) {
        if (!header) throw new Error("not a luoshi backup");
        if (!known.has(line.table)) throw new Error(`unknown table ${line.table}`);
        const jsonCols = json.get(line.table) ?? new Set();
        const row = Object.fromEntries(
          Object.entries(line.row).map(([k, v]) => [k, jsonCols.has(k) && v !== null ? JSON.stringify(v) : v]),
        );
        await tx.insertInto(line.table).values(row).execute();
        rows++;
      } else if ("file" in line) {
        const sha = await files.put(Buffer.from(line.data, "base64"));
        if (sha !== line.file) throw new Error(`file ${line.file} does not match its content`);
        fileCount++;
      }
    }
  });
  if (!header) throw new Error("not a luoshi backup");
  return { rows, files: fileCount };
}
