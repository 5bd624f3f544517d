import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database.js";
import { BUSINESS_TABLES } from "../db/schema.js";
import type { FileStore } from "../files/file-store.js";

/**
 * A backup is JSON lines: a header, then every row of every business table (in
 * dependency order, soft-deleted rows included), then every stored file as base64.
 */
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
  for (const table of BUSINESS_TABLES) {
    const all = await anyDb
      .selectFrom(table)
      .selectAll()
      .orderBy("region_id")
      .orderBy(table === "report_evidence" ? "report_id" : "id")
      .execute();
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
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const lines = createInterface({ input: createReadStream(inPath, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let rows = 0;
  let fileCount = 0;
  let header: Header | undefined;
  await db.transaction().execute(async (trx) => {
    const tx = trx as unknown as typeof anyDb;
    for await (const text of lines) {
      if (text.trim() === "") continue;
      const line = JSON.parse(text) as Line;
      if ("format" in line) {
        header = line;
      } else if ("table" in line) {
        if (!header) throw new Error("not a luoshi backup");
        if (!(BUSINESS_TABLES as readonly string[]).includes(line.table))
          throw new Error(`unknown table ${line.table}`);
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
