import { createHash, type Hash } from "node:crypto";

/**
 * A backup is UTF-8 JSON lines:
 *   {"format":"luoshi-backup","version":2,"migrations":[…],"createdAt":…}
 *   {"table":"orgs","row":{…}}            every row of every table, parents before children
 *   {"file":"<sha256>","data":"<base64>"}  every blob a row refers to (blob-registry.ts)
 *   {"manifest":{"tables":[{name,rows,sha256}],"files":[{sha256,size}],"rows":N,"fileCount":M}}
 *   {"end":"luoshi-backup-end","sha256":"<of every byte before this line>","bytes":N}
 * A table's checksum is the SHA-256 of its row lines (each with its newline). A file that stops
 * before the end line is truncated; any changed byte breaks the end line's checksum.
 */
export const FORMAT = "luoshi-backup";
export const FORMAT_VERSION = 2;
export const END_MARK = "luoshi-backup-end";

export interface Header {
  format: typeof FORMAT;
  version: number;
  migrations: string[];
  createdAt: string;
}

export interface TableEntry {
  name: string;
  rows: number;
  sha256: string;
}

export interface FileEntry {
  sha256: string;
  size: number;
}

export interface Manifest {
  tables: TableEntry[];
  files: FileEntry[];
  rows: number;
  fileCount: number;
}

export interface EndLine {
  end: typeof END_MARK;
  sha256: string;
  bytes: number;
}

export type Line =
  | Header
  | { table: string; row: Record<string, unknown> }
  | { file: string; data: string }
  | { manifest: Manifest }
  | EndLine;

/** Checksums of the table sections, fed the exact bytes of each line. */
export class TableDigests {
  private readonly open = new Map<string, { rows: number; hash: Hash }>();

  add(table: string, lineBytes: Buffer): void {
    let entry = this.open.get(table);
    if (!entry) {
      entry = { rows: 0, hash: createHash("sha256") };
      this.open.set(table, entry);
    }
    entry.rows++;
    entry.hash.update(lineBytes);
  }

  /** Declares a table (with or without rows), so an empty table is in the manifest too. */
  touch(table: string): void {
    if (!this.open.has(table)) this.open.set(table, { rows: 0, hash: createHash("sha256") });
  }

  entries(): TableEntry[] {
    return [...this.open].map(([name, e]) => ({ name, rows: e.rows, sha256: e.hash.digest("hex") }));
  }
}

/** What a backup holds, as its manifest says; shown in lists and returned by backup and restore. */
export interface BackupCounts {
  rows: number;
  files: number;
  tables: Record<string, number>;
}

export const countsOf = (manifest: Manifest): BackupCounts => ({
  rows: manifest.rows,
  files: manifest.fileCount,
  tables: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
});
