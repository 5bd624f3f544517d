import { sql } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import type { Database } from "../db/database.js";
import { loadMigrations } from "../db/migrate.js";
import type { FileStore } from "../files/file-store.js";
import { backupError } from "./backup.messages.js";
import { type BackupCounts, countsOf } from "./format.js";
import { type ScanLimits, type Scanned, scanBackup } from "./scan-backup.js";
import { insertRows, tablesInOrder } from "./tables.js";
import type { BackupProgress } from "./write-backup.js";

export type RestoreProgress = { phase: "verified"; rows: number; files: number } | BackupProgress;

export interface RestoreOptions {
  onProgress?: (progress: RestoreProgress) => void;
  /** Who restores, for the audit trail (null: the command line). */
  actorId?: string | null;
}

/** Rows go in by the batch: one statement per at most this many rows or characters. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

async function limitsFor(db: Database): Promise<ScanLimits> {
  return {
    migrations: loadMigrations().map((m) => m.name),
    tables: new Set((await tablesInOrder(db)).map((t) => t.name)),
  };
}

/** Checks a backup from end to end without writing anything; throws an AppError on any fault. */
export async function verifyBackup(path: string, db?: Database): Promise<Scanned & { counts: BackupCounts }> {
  const limits = db ? await limitsFor(db) : { migrations: loadMigrations().map((m) => m.name) };
  const scanned = await scanBackup(path, limits);
  return { ...scanned, counts: countsOf(scanned.manifest) };
}

async function assertEmpty(db: Database): Promise<void> {
  for (const { name } of await tablesInOrder(db)) {
    const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(name)}) AS any`.execute(db);
    if (rows[0]?.any) {
      throw backupError("BACKUP_TARGET_NOT_EMPTY", 409, { table: name });
    }
  }
}

/**
 * Restores a backup into an empty, migrated database. The whole file is verified first (scanBackup):
 * a truncated, altered or incomplete backup is refused before anything is written. Then a second pass
 * writes the blobs and, in one transaction, the rows, and checks that the file it read this time is
 * the one it verified (else the transaction is rolled back). An audit event per region records it.
 */
export async function restore(
  db: Database,
  files: FileStore,
  inPath: string,
  options: RestoreOptions = {},
): Promise<BackupCounts & { sha256: string }> {
  await assertEmpty(db);
  const limits = await limitsFor(db);
  const verified = await scanBackup(inPath, limits);
  options.onProgress?.({ phase: "verified", rows: verified.manifest.rows, files: verified.manifest.fileCount });
  await db.transaction().execute(async (trx) => {
    let batch: { table: string; rows: string[]; chars: number } | undefined;
    const flush = async () => {
      if (batch) await insertRows(trx, batch.table, batch.rows);
      batch = undefined;
    };
    let filesDone = 0;
    const again = await scanBackup(inPath, limits, {
      async row(table, rowText) {
        if (batch && (batch.table !== table || batch.rows.length >= BATCH_ROWS || batch.chars >= BATCH_CHARS)) {
          await flush();
        }
        batch ??= { table, rows: [], chars: 0 };
        batch.rows.push(rowText);
        batch.chars += rowText.length;
      },
      async tableDone(table, rows) {
        await flush();
        options.onProgress?.({ phase: "table", table, rows });
      },
      async file(_sha, bytes) {
        await files.put(bytes);
        filesDone++;
        if (filesDone % 100 === 0 || filesDone === verified.manifest.fileCount) {
          options.onProgress?.({ phase: "files", done: filesDone, total: verified.manifest.fileCount });
        }
      },
    });
    await flush();
    if (again.end.sha256 !== verified.end.sha256) {
      throw backupError("BACKUP_CHANGED_DURING_RESTORE", 409);
    }
    const regions = await trx.selectFrom("orgs").select("region_id").distinct().execute();
    for (const { region_id } of regions) {
      await recordAudit(trx, {
        regionId: region_id,
        actorId: options.actorId ?? null,
        entity: "backup",
        entityId: verified.end.sha256,
        action: "restore",
        after: { createdAt: verified.header.createdAt, ...countsOf(verified.manifest) },
      });
    }
  });
  return { ...countsOf(verified.manifest), sha256: verified.end.sha256 };
}
