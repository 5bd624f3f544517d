import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../app.js";
import { BackupService } from "../backup/backup-service.js";
import { type Config, loadConfig } from "../config.js";
import { type Database, openDatabase, pgliteOf } from "../db/database.js";
import { loadMigrations, migrate } from "../db/migrate.js";
import { diskFileStore, type FileStore } from "../files/file-store.js";
import { CSRF_HEADER } from "../http/auth-hook.js";
import type { App } from "../http/types.js";
import { type Fixture, PASSWORD, seedFixture } from "./fixture.js";

export interface TestContext {
  app: App;
  db: Database;
  files: FileStore;
  dataDir: string;
  fixture: Fixture;
  /** The app's configuration, read per request where it matters (a test may change it). */
  config: Config;
  close(): Promise<void>;
}

/** A fresh database per test file: in-memory PGlite, or a new schema on LUOSHI_TEST_PG_URL. */
export async function freshDatabase(
  /** On PGlite, keep it in this directory on disk (fsync per commit), as a server does, not in memory. */
  onDisk?: string,
): Promise<{ db: Database; drop(): Promise<void> }> {
  const url = process.env.LUOSHI_TEST_PG_URL;
  if (!url) {
    const where = onDisk ? { dataDir: onDisk } : {};
    const db = await openDatabase({ kind: "pglite", ...where, loadDataDir: await migratedTemplate() });
    await migrate(db);
    return { db, drop: () => db.destroy() };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase({ kind: "postgres", url, schema });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.destroy();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * PGlite's first start (initdb in WASM) takes many seconds; loading a dumped data dir
 * takes a few. Test files share one migrated template per migration set, built once.
 */
async function migratedTemplate(): Promise<Blob> {
  const key = createHash("sha256")
    .update(
      loadMigrations()
        .map((m) => m.sql)
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 16);
  const file = join(tmpdir(), `luoshi-pglite-template-${key}.tar`);
  const lock = `${file}.lock`;
  while (!existsSync(file)) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // Another test file is building it; a lock older than two minutes is stale.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true });
    }
    if (mine) {
      try {
        const db = await openDatabase({ kind: "pglite" });
        await migrate(db);
        const dump = await pgliteOf(db)!.dumpDataDir("none");
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
        renameSync(tmp, file);
        await db.destroy();
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return new Blob([readFileSync(file)]);
}

/**
 * Test files log in many times a minute from one address, so the login limit is lifted unless a
 * test asks for it (the rate-limit test does).
 */
export async function createTestApp(
  options: {
    maxUploadBytes?: number;
    loginAttemptsPerMinute?: number;
    config?: Partial<Config>;
    /** The app's clock (supervision/deps.ts clockOf): statuses, reports and queries as of its day. */
    now?: () => Date;
    /**
     * PGlite in the data directory on disk, as `luoshi serve` runs it, rather than in memory (whose
     * files grow by copying, in one step on the event loop: what timing tests must not measure).
     */
    onDisk?: boolean;
  } = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-test-"));
  const { db, drop } = await freshDatabase(options.onDisk ? join(dataDir, "db") : undefined);
  const files = diskFileStore(join(dataDir, "files"));
  // Backups inside the test's own folder, never on a schedule.
  const config = loadConfig(
    { LUOSHI_DATA_DIR: dataDir, LUOSHI_BACKUP_SCHEDULE: "off" },
    {
      dataDir,
      maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
      loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 100_000,
      ...options.config,
    },
  );
  // Test restores of backups go to a fresh database of the same kind (schema on PostgreSQL).
  const backups = new BackupService({ db, files, config: config.backup, scratch: freshDatabase });
  const app = await buildApp({ db, config, files, backups, ...(options.now ? { now: options.now } : {}) });
  await app.ready();
  const fixture = await seedFixture(db);
  return {
    app,
    db,
    files,
    dataDir,
    fixture,
    config,
    async close() {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export async function loginAs(app: App, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, [CSRF_HEADER]: csrf } };
}

/** A multipart body with one file and optional fields, as a browser would send it. */
export function multipart(
  file: { name: string; bytes: Uint8Array | string; type?: string },
  fields: Record<string, string> = {},
) {
  const boundary = `----luoshi${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
    ),
  );
  parts.push(Buffer.from(file.bytes));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Row counts of every table a backup holds (read from the catalog, so a table a later migration adds is
 * counted without a change here), to assert that a rejected request changed nothing.
 */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const { tablesInOrder } = await import("../backup/tables.js");
  const counts: Record<string, number> = {};
  for (const { name } of await tablesInOrder(db)) {
    const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
    counts[name] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}
