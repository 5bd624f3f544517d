import type { Database } from "./db/database.js";

export { buildApp } from "./app.js";
export type { BackupRecord } from "./backup/backup-service.js";
export { type LocalAdmin, readLocalAdmin } from "./backup/local-admin.js";
export { restore, verifyBackup } from "./backup/restore.js";
export { type BackupProgress, backup } from "./backup/write-backup.js";
export { type Config, loadConfig } from "./config.js";
export { DataDirLockedError, liveHolder } from "./db/data-dir-lock.js";
export { type Database, openDatabase } from "./db/database.js";
export { migrate } from "./db/migrate.js";
export { isEmpty, seedDemo } from "./demo/seed-demo.js";
export type { FileStore } from "./files/file-store.js";
export { LABELS } from "./messages.js";
export { importPlan } from "./plans/plans.service.js";
export { openRuntime, type Runtime, startServer } from "./server.js";
