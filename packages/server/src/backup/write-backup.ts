import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import type { Database } from "../db/database.js";
import { diskFull } from "../errors.js";
import { type FileStore, sha256Hex } from "../files/file-store.js";
import { fileMissing } from "./backup.messages.js";
import { BLOB_COLUMNS, collectBlobKeys } from "./blob-registry.js";
import {
  type BackupCounts,
  countsOf,
  END_MARK,
  type FileEntry,
  FORMAT,
  FORMAT_VERSION,
  type Header,
  type Manifest,
  TableDigests,
} from "./format.js";
import { tableRows, tablesInOrder } from "./tables.js";

export type BackupProgress =
  | { phase: "table"; table: string; rows: number }
  | { phase: "files"; done: number; total: number };

export interface BackupOptions {
  onProgress?: (progress: BackupProgress) => void;
  /** Runs inside the snapshot after the rows are read (tests compare the snapshot with the restore). */
  inSnapshot?: (trx: Database) => Promise<void>;
}

export interface BackupResult extends BackupCounts {
  bytes: number;
  /** The end line's checksum: the SHA-256 of the file up to it. */
  sha256: string;
  createdAt: string;
}

/** Writes lines to a stream, hashing the exact bytes and counting them. */
class LineWriter {
  readonly hash = createHash("sha256");
  bytes = 0;
  /**
   * A failed write (a full disk) is emitted once, maybe while no one waits for "drain": the next
   * line throws it, or the backup would wait for a drain that never comes, holding its database
   * connection and snapshot open for ever.
   */
  private failure: unknown;
  /** The stream's own error, once it has emitted one. */
  get failed(): unknown {
    return this.failure;
  }
  constructor(private readonly out: NodeJS.WritableStream) {
    out.on("error", (error) => {
      this.failure = error;
    });
  }

  /** Many lines in one write; returns each line's bytes (for the table checksums). */
  async lines(texts: string[]): Promise<Buffer[]> {
    const bufs = texts.map((t) => Buffer.from(`${t}\n`, "utf8"));
    for (const buf of bufs) {
      this.hash.update(buf);
      this.bytes += buf.length;
    }
    await this.write(Buffer.concat(bufs));
    return bufs;
  }

  /** The end line is not hashed: it carries the hash of everything before it. */
  async raw(text: string, hashed = true): Promise<Buffer> {
    const buf = Buffer.from(`${text}\n`, "utf8");
    if (hashed) this.hash.update(buf);
    this.bytes += buf.length;
    await this.write(buf);
    return buf;
  }

  /**
   * Writes, then waits for "drain" when the stream asks for it — or for the error or close that
   * means no drain will come (a full disk, or the stream destroyed by the backup's failure path).
   */
  private async write(buf: Buffer): Promise<void> {
    const out = this.out as NodeJS.WritableStream & { destroyed?: boolean };
    if (this.failure) throw this.failure;
    if (out.destroyed) throw new Error("backup stream closed");
    if (out.write(buf)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => {
        out.off("drain", onDrain);
        out.off("error", onError);
        out.off("close", onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = () => done();
      const onError = (error: unknown) => done(error);
      const onClose = () => done(this.failure ?? new Error("backup stream closed"));
      out.on("drain", onDrain);
      out.on("error", onError);
      out.on("close", onClose);
    });
  }
}

/**
 * Writes a backup of the database and the blobs its rows name to `outPath`. The rows are read in one
 * REPEATABLE READ, read-only transaction: one snapshot, while other connections (PostgreSQL) keep
 * writing; on PGlite, one connection, other statements wait for this read. Blobs are read after the
 * commit: they are content-addressed and written before the rows that name them, so each key of the
 * snapshot is already in the store. The file is written as `outPath.partial`, synced, then renamed.
 */
export async function backup(
  db: Database,
  files: FileStore,
  outPath: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const partial = `${outPath}.partial`;
  const stream = createWriteStream(partial);
  const failed = new Promise<never>((_, reject) => stream.once("error", reject));
  failed.catch(() => {});
  const w = new LineWriter(stream);
  const createdAt = new Date().toISOString();
  let work: Promise<{ manifest: Manifest; sha256: string }> | undefined;
  try {
    work = (async () => {
      const tables = new TableDigests();
      const keys = new Set<string>();
      await db
        .transaction()
        .setIsolationLevel("repeatable read")
        .setAccessMode("read only")
        .execute(async (trx) => {
          const migrations = (
            await trx.selectFrom("schema_migrations").select("name").orderBy("version").execute()
          ).map((m) => m.name);
          const header: Header = { format: FORMAT, version: FORMAT_VERSION, migrations, createdAt };
          await w.raw(JSON.stringify(header));
          for (const plan of await tablesInOrder(trx)) {
            tables.touch(plan.name);
            const prefix = `{"table":${JSON.stringify(plan.name)},"row":`;
            let count = 0;
            const holdsBlobs = plan.name in BLOB_COLUMNS;
            for await (const batch of tableRows(trx, plan)) {
              const lines = batch.map((row) => `${prefix}${row}}`);
              for (const buf of await w.lines(lines)) tables.add(plan.name, buf);
              if (holdsBlobs) {
                for (const row of batch) collectBlobKeys(plan.name, JSON.parse(row) as Record<string, unknown>, keys);
              }
              count += batch.length;
            }
            options.onProgress?.({ phase: "table", table: plan.name, rows: count });
          }
          await options.inSnapshot?.(trx);
        });
      const fileEntries = await writeBlobs(w, files, [...keys].sort(), options);
      const tableEntries = tables.entries();
      const manifest: Manifest = {
        tables: tableEntries,
        files: fileEntries,
        rows: tableEntries.reduce((n, t) => n + t.rows, 0),
        fileCount: fileEntries.length,
      };
      await w.raw(JSON.stringify({ manifest }));
      const sha256 = w.hash.digest("hex");
      const endBytes = w.bytes;
      await w.raw(JSON.stringify({ end: END_MARK, sha256, bytes: endBytes }), false);
      stream.end();
      await once(stream, "finish");
      return { manifest, sha256 };
    })();
    const { manifest, sha256 } = await Promise.race([work, failed]);
    await syncFile(partial);
    await rename(partial, outPath);
    return { ...countsOf(manifest), bytes: w.bytes, sha256, createdAt };
  } catch (error) {
    stream.destroy();
    // Let the reading side stop (its next write throws) so its transaction ends and its
    // connection returns to the pool before the caller goes on (a PostgreSQL DROP DATABASE
    // would otherwise wait on it for ever).
    await work?.catch(() => {});
    await rm(partial, { force: true });
    // A write can find the stream destroyed a tick before its error (a full disk) is emitted:
    // the stream's own error, once known, is the cause to report, not "backup stream closed".
    throw diskFull(w.failed ?? error);
  }
}

async function writeBlobs(
  w: LineWriter,
  files: FileStore,
  keys: string[],
  options: BackupOptions,
): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const [i, sha] of keys.entries()) {
    const bytes = await files.get(sha).catch(() => undefined);
    // A blob missing or not matching its name would make a backup that cannot be trusted: refuse it.
    if (!bytes || sha256Hex(bytes) !== sha) {
      throw fileMissing(sha);
    }
    await w.raw(JSON.stringify({ file: sha, data: bytes.toString("base64") }));
    entries.push({ sha256: sha, size: bytes.length });
    if ((i + 1) % 100 === 0 || i + 1 === keys.length) {
      options.onProgress?.({ phase: "files", done: i + 1, total: keys.length });
    }
  }
  return entries;
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
