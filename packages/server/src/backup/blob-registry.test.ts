import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.js";
import { createTestApp, freshDatabase, type TestContext } from "../test/app.js";
import { populateWithBlobs, storedBlobs } from "../test/backup.js";
import { BLOB_COLUMNS, collectBlobKeys, KEY_LIKE_COLUMN, NOT_BLOB_COLUMNS } from "./blob-registry.js";
import { NOT_BACKED_UP, tableRows, tablesInOrder } from "./tables.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await populateWithBlobs(t);
}, 120_000);
afterAll(() => t.close());

async function columns(db: Database) {
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db);
  return rows.filter((r) => !NOT_BACKED_UP.has(r.table_name));
}

const declared = (table: string, column: string) =>
  (BLOB_COLUMNS[table] ?? []).includes(column) || (NOT_BLOB_COLUMNS[table] ?? []).includes(column);

/** Columns named like content keys that neither list declares. */
async function undeclaredKeyColumns(db: Database): Promise<string[]> {
  return (await columns(db))
    .filter((c) => KEY_LIKE_COLUMN.test(c.column_name) && !declared(c.table_name, c.column_name))
    .map((c) => `${c.table_name}.${c.column_name}`);
}

describe("the blob registry covers every column that names a stored blob", () => {
  it("every column named like a key is declared, and every declared column exists", async () => {
    expect(await undeclaredKeyColumns(t.db)).toEqual([]);
    const present = new Set((await columns(t.db)).map((c) => `${c.table_name}.${c.column_name}`));
    for (const list of [BLOB_COLUMNS, NOT_BLOB_COLUMNS])
      for (const [table, cols] of Object.entries(list))
        for (const c of cols) expect(present).toContain(`${table}.${c}`);
  });

  it("a new table with a key column is reported until it is declared", async () => {
    const { db, drop } = await freshDatabase();
    try {
      await sql`CREATE TABLE meeting_minutes (region_id text, id text, docx_sha256 text, PRIMARY KEY (region_id, id))`.execute(
        db,
      );
      expect(await undeclaredKeyColumns(db)).toEqual(["meeting_minutes.docx_sha256"]);
    } finally {
      await drop();
    }
  });

  it("in a database holding every kind of blob, only declared columns hold store keys, and they name every blob", async () => {
    const blobs = new Set(storedBlobs(join(t.dataDir, "files")));
    expect(blobs.size).toBeGreaterThanOrEqual(7);
    const holders = new Set<string>();
    const named = new Set<string>();
    const types = new Map((await columns(t.db)).map((c) => [`${c.table_name}.${c.column_name}`, c.data_type]));
    for (const plan of await tablesInOrder(t.db)) {
      for await (const batch of tableRows(t.db, plan)) {
        for (const text of batch) {
          const row = JSON.parse(text) as Record<string, unknown>;
          collectBlobKeys(plan.name, row, named);
          for (const [column, value] of Object.entries(row)) {
            // Keys anywhere in a value: text columns and inside JSON documents.
            const found = JSON.stringify(value ?? null).match(/[0-9a-f]{64}/g) ?? [];
            if (found.some((k) => blobs.has(k))) holders.add(`${plan.name}.${column}`);
          }
        }
      }
    }
    const allowed = new Set(Object.entries(BLOB_COLUMNS).flatMap(([table, cols]) => cols.map((c) => `${table}.${c}`)));
    // The audit trail copies rows (after/before), keys included; it is not where a key lives.
    const stray = [...holders].filter((h) => !allowed.has(h) && !h.startsWith("audit_events."));
    expect(stray, `columns holding store keys: ${[...holders].join(", ")} (${types.size} columns)`).toEqual([]);
    expect([...blobs].filter((b) => !named.has(b))).toEqual([]);
  });
});
