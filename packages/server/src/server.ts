import { join } from "node:path";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { diskFileStore, type FileStore } from "./files/file-store.js";
import type { App } from "./http/types.js";
import { startSupervisionScheduler } from "./supervision/scheduler.js";

export interface Runtime {
  db: Database;
  files: FileStore;
  config: Config;
  close(): Promise<void>;
}

/** Opens the configured database, applies pending migrations (throwing on failure) and the file store. */
export async function openRuntime(config: Config): Promise<Runtime & { applied: string[] }> {
  const db = await openDatabase(config.database);
  try {
    const applied = await migrate(db);
    const files = diskFileStore(join(config.dataDir, "files"));
    return { db, files, config, applied, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

export async function startServer(runtime: Runtime): Promise<{ app: App; url: string }> {
  // The read replica serves the server's heavy read views only; commands never need it.
  const replica = runtime.config.replica ? await openDatabase(runtime.config.replica) : undefined;
  const app = await buildApp({ ...runtime, replica }, { logger: { level: runtime.config.logLevel } });
  if (replica) app.addHook("onClose", async () => replica.destroy());
  const scheduler = startSupervisionScheduler({ ...runtime, log: (msg, err) => app.log.error({ err }, msg) });
  app.addHook("onClose", async () => scheduler.stop());
  const address = await app.listen({ port: runtime.config.port, host: runtime.config.host });
  return { app, url: address };
}
