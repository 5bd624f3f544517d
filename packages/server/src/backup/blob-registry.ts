/**
 * Every column that holds a file-store key (the SHA-256 of bytes kept in the content-addressed store).
 * A backup carries each blob these columns name, in every row, soft-deleted ones included. A table
 * that references stored bytes through `files.id` (evidence, notice replies, bulletins) is covered
 * by `files.sha256`. blob-registry.test.ts fails when a column that looks like a key, or holds one
 * in a populated database, is missing here.
 */
export const BLOB_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  files: ["sha256"],
  placement_runs: ["roster_sha256", "teachers_sha256", "result_hash", "classes_sha256", "notice_sha256"],
  placement_commitments: ["roster_sha256", "teachers_sha256", "notice_sha256"],
};

/** Columns named like keys that are not: digests of canonical inputs and password hashes, never blobs. */
export const NOT_BLOB_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  placement_runs: ["roster_hash", "params_hash"],
  placement_commitments: ["commitment_hash", "roster_hash", "params_hash"],
  placement_draws: ["draw_hash"],
  users: ["password_hash"],
};

/** Column names that suggest a content key; each must be declared in one of the two lists above. */
export const KEY_LIKE_COLUMN = /sha|hash|digest|blob|file_key|content_key/i;

/** Adds the blob keys a row of `table` refers to. */
export function collectBlobKeys(table: string, row: Record<string, unknown>, into: Set<string>): void {
  for (const column of BLOB_COLUMNS[table] ?? []) {
    const value = row[column];
    if (typeof value === "string" && value !== "") into.add(value);
  }
}
