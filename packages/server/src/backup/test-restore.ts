import { sql } from "kysely";
import { type Database, openDatabase, pgliteOf } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { type FileStore, sha256Hex } from "../files/file-store.js";
import { withoutNothingWritten } from "./backup.messages.js";
import type { BackupCounts } from "./format.js";
import { restore } from "./restore.js";

/** A store that keeps nothing: a test restore checks each blob's hash and drops the bytes. */
const discardingStore: FileStore = {
  put: async (bytes) => sha256Hex(bytes),
  get: async () => {
    throw new Error("a scratch store holds no files");
  },
  has: async () => false,
};

/** A scratch database to restore into, and how to throw it away. */
export type ScratchDatabase = () => Promise<{ db: Database; drop(): Promise<void> }>;

let template: Promise<Blob> | undefined;

/**
 * An empty, migrated in-memory PGlite. Creating one (initdb in WASM) takes seconds, so the first is
 * dumped and later ones load the dump.
 */
export const inMemoryScratch: ScratchDatabase = async () => {
  template ??= (async () => {
    const db = await openDatabase({ kind: "pglite" });
    try {
      await migrate(db);
      return await pgliteOf(db)!.dumpDataDir("none");
    } finally {
      await db.destroy();
    }
  })();
  template.catch(() => {
    template = undefined;
  });
  const db = await openDatabase({ kind: "pglite", loadDataDir: await template });
  await migrate(db);
  return { db, drop: () => db.destroy() };
};

export interface VerifyOutcome {
  status: "ok" | "failed";
  at: string;
  message: string | null;
}

/**
 * Restores a backup into a scratch in-memory PGlite and compares every table's row count with the
 * manifest (restore has checked the checksums): the proof that the file restores, not only parses.
 * The file must also be the one `expected` describes: a valid backup put in its place fails.
 */
export async function testRestore(
  path: string,
  expected: BackupCounts & { sha256: string },
  openScratch: ScratchDatabase = inMemoryScratch,
): Promise<VerifyOutcome> {
  const at = () => new Date().toISOString();
  const { db: scratch, drop } = await openScratch();
  try {
    const restored = await restore(scratch, discardingStore, path);
    if (restored.sha256 !== expected.sha256)
      return { status: "failed", at: at(), message: "备份文件与备份记录的校验值不符：文件已被替换或改动" };
    for (const [table, rows] of Object.entries(expected.tables)) {
      // The restore's own audit rows (entity "backup", this file's checksum) are not in the file.
      const added =
        table === "audit_events"
          ? sql`WHERE NOT (entity = 'backup' AND action = 'restore' AND entity_id = ${expected.sha256})`
          : sql``;
      const { rows: counted } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.id(table)} ${added}`.execute(scratch);
      const n = Number(counted[0]?.n);
      if (n !== rows)
        return { status: "failed", at: at(), message: `数据表 ${table} 恢复出 ${n} 行，清单为 ${rows} 行` };
    }
    return { status: "ok", at: at(), message: null };
  } catch (error) {
    const message = error instanceof Error ? withoutNothingWritten(error.message) : String(error);
    return { status: "failed", at: at(), message };
  } finally {
    await drop();
  }
}
