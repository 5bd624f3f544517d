import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { BACKUP_KINDS, BACKUP_STATUSES, BACKUP_VERIFIES } from "./vocabulary.js";

/** A backup the server made (GET /api/admin/backups). */
export const BackupRecord = Type.Object({
  id: Type.String(),
  kind: OneOf(BACKUP_KINDS),
  status: OneOf(BACKUP_STATUSES),
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  requestedBy: Nullable(Type.String()),
  /** While running: what is being read. */
  progress: Nullable(Type.String()),
  bytes: Nullable(Type.Integer()),
  rows: Nullable(Type.Integer()),
  files: Nullable(Type.Integer()),
  tables: Nullable(Type.Record(Type.String(), Type.Integer())),
  sha256: Nullable(Type.String()),
  /** The test restore into a scratch database, checked against the manifest. */
  verify: Type.Object({ status: OneOf(BACKUP_VERIFIES), at: Nullable(Timestamp), message: Nullable(Type.String()) }),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type BackupRecord = Static<typeof BackupRecord>;

export const BackupPolicy = Type.Object({
  schedule: Nullable(Type.String()),
  keepDaily: Type.Integer(),
  keepWeekly: Type.Integer(),
});

export const BackupList = Type.Object({ backups: Type.Array(BackupRecord), policy: BackupPolicy });
export type BackupList = Static<typeof BackupList>;
