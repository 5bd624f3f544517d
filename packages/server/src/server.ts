import { join } from "node:path";
import { buildApp } from "./app.js";
import { startBackupScheduler } from "./backup/backup-scheduler.js";
import { BackupService } from "./backup/backup-service.js";
import { newLocalToken, writeLocalAdmin } from "./backup/local-admin.js";
import type { Config } from "./config.js";
import { acquireDataDirLock, type DataDirLock } from "./db/data-dir-lock.js";
import { type Database, openDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { startStatisticsKeeper } from "./db/pglite-statistics.js";
import { diskFileStore, type FileStore } from "./files/file-store.js";
import type { App } from "./http/types.js";
import { configuredClock } from "./supervision/deps.js";
import { startSupervisionScheduler, startupRun } from "./supervision/scheduler.js";
import { type HeavyWork, workPool } from "./work/work-pool.js";

export interface Runtime {
  db: Database;
  files: FileStore;
  config: Config;
  /** Held while an embedded database is open: no other process may open the data directory. */
  lock?: DataDirLock;
  work: HeavyWork;
  close(): Promise<void>;
}

/**
 * Opens the configured database, applies pending migrations (throwing on failure) and the file store.
 * On PGlite the data directory is locked first (DataDirLockedError when another process holds it);
 * `command` names this process in the lock, for the message another one prints.
 */
export async function openRuntime(
  config: Config,
  options: { command?: string } = {},
): Promise<Runtime & { applied: string[] }> {
  const lock =
    config.database.kind === "pglite" && config.database.dataDir
      ? acquireDataDirLock(config.dataDir, options.command ?? "serve")
      : undefined;
  let db: Database | undefined;
  try {
    db = await openDatabase(config.database);
    const applied = await migrate(db);
    const files = diskFileStore(join(config.dataDir, "files"));
    const opened = db;
    const work = workPool(config.work, (msg, err) => console.error(msg, err));
    const close = async () => {
      try {
        await work.close();
        await opened.destroy();
      } finally {
        lock?.release();
      }
    };
    return { db, files, config, work, applied, close, ...(lock ? { lock } : {}) };
  } catch (error) {
    await db?.destroy();
    lock?.release();
    throw error;
  }
}

export async function startServer(runtime: Runtime): Promise<{ app: App; url: string }> {
  const log = (app: App) => (msg: string, err?: unknown) => app.log.error({ err }, msg);
  // The read replica serves the server's heavy read views only; commands never need it.
  const replica = runtime.config.replica ? await openDatabase(runtime.config.replica) : undefined;
  const localAdminToken = newLocalToken();
  const backups = new BackupService({ db: runtime.db, files: runtime.files, config: runtime.config.backup });
  const app = await buildApp(
    { ...runtime, replica, backups, localAdminToken },
    { logger: { level: runtime.config.logLevel } },
  );
  if (replica) app.addHook("onClose", async () => replica.destroy());
  // Planner statistics on PGlite (no autovacuum there) before the first query plans are kept; vacuum at night.
  const statistics = startStatisticsKeeper(runtime.db, log(app));
  await statistics.ready;
  // The scheduled jobs keep the app's clock (LUOSHI_NOW, clock.ts) when one is set.
  const jobs = runtime.config.clock ? { ...runtime, now: configuredClock(runtime.config.clock) } : runtime;
  // Today's statuses before the first request, so that the board and the dashboard agree on first load.
  await startupRun(jobs).catch((error) => log(app)("supervision status job failed at start", error));
  if (runtime.config.webhooks.sink)
    app.log.warn("LUOSHI_WEBHOOK_TEST_SINK is set: robot messages go to the local recording server, not to robots");
  const scheduler = startSupervisionScheduler({ ...jobs, log: log(app) });
  const backupScheduler = startBackupScheduler(backups, runtime.config.backup.schedule, log(app));
  let forgetLocalAdmin = () => {};
  app.addHook("onClose", async () => {
    scheduler.stop();
    backupScheduler.stop();
    await statistics.stop();
    forgetLocalAdmin();
  });
  const address = await app.listen({ port: runtime.config.port, host: runtime.config.host });
  // Where `luoshi backup` finds this server: only when this process owns the data directory.
  if (runtime.lock) {
    const admin = { pid: process.pid, url: address, token: localAdminToken };
    forgetLocalAdmin = writeLocalAdmin(runtime.config.dataDir, admin);
  }
  return { app, url: address };
}
