import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Database, openDatabase, pgliteOf } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { freshDatabase } from "./app.js";
import { PASSWORD } from "./fixture.js";
import { publishedPlan } from "./plans.js";

/**
 * The real built server as a child process, for tests that kill it or its database: start,
 * kill, log in, stream progress reports, and the database targets it runs on.
 */

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const cli = join(root, "packages/cli/dist/index.js");

/** CI builds before testing; locally a missing build is made once, or the test says why it skips. */
export function ensureBuilt(): string | undefined {
  if (existsSync(cli)) return undefined;
  try {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe", timeout: 180_000 });
    return existsSync(cli) ? undefined : `${cli} still missing after npm run build`;
  } catch (error) {
    return `packages/cli/dist is missing and "npm run build" failed: ${(error as Error).message.slice(0, 300)}`;
  }
}

export interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [cli, "serve", "--port", "0"], {
    env: { ...process.env, LOG_LEVEL: "warn", LUOSHI_DEMO: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}

export function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once("exit", () => resolve());
    server.child.kill("SIGKILL");
  });
}

export async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken };
}

export interface Ack {
  taskId: string;
  period: string;
  narrative: string;
}

/**
 * Workers submit distinct (task, period) reports until `stop` is set; every 2xx is kept.
 * Periods counting back from last year keep each submission an insert of its own row; the plan
 * must have no year (streamPlan) so that every past period is reportable.
 */
const LAST_YEAR = new Date().getFullYear() - 1;

/** The fixture plan, published and without a year: the plan stream() reports on. */
export async function streamPlan(db: Database, bureauId: string) {
  const plan = await publishedPlan(db, bureauId);
  await db.updateTable("plans").set({ year: null }).where("id", "=", plan.planId).execute();
  return plan;
}

export async function stream(
  url: string,
  headers: Record<string, string>,
  taskIds: string[],
  acks: Ack[],
  stop: () => boolean,
) {
  let next = 0;
  const worker = async () => {
    while (!stop()) {
      const n = next++;
      const taskId = taskIds[n % taskIds.length]!;
      const k = Math.floor(n / taskIds.length);
      const period = `${LAST_YEAR - Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
      const narrative = `durability ${n}`;
      try {
        const res = await fetch(`${url}/api/tasks/${taskId}/reports`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ period, status: "in_progress", narrative, percent: n % 100 }),
        });
        if (res.status >= 200 && res.status < 300) acks.push({ taskId, period, narrative });
        else if (!stop()) throw new Error(`submission refused: ${res.status} ${await res.text()}`);
      } catch (error) {
        if (!stop()) throw error;
        return; // the server died mid-request: that submission was never acknowledged
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** The acknowledged reports a server no longer shows (each task's report history, read back). */
export async function missingReports(
  url: string,
  headers: Record<string, string>,
  taskIds: string[],
  acks: Ack[],
): Promise<Ack[]> {
  const stored = new Set<string>();
  for (const taskId of taskIds) {
    const res = await fetch(`${url}/api/tasks/${taskId}/reports`, { headers });
    if (res.status !== 200) throw new Error(`reading reports failed: ${res.status} ${await res.text()}`);
    const { reports } = (await res.json()) as { reports: { period: string; narrative: string }[] };
    for (const r of reports) stored.add(`${taskId} ${r.period} ${r.narrative}`);
  }
  return acks.filter((a) => !stored.has(`${a.taskId} ${a.period} ${a.narrative}`));
}

export interface Target {
  env: NodeJS.ProcessEnv;
  /** Seeds the database the server will use. */
  seed: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
  cleanup: () => Promise<void>;
}

export function pgliteTarget(): Target {
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-durability-"));
  return {
    env: { LUOSHI_DATA_DIR: dataDir, DATABASE_URL: "" },
    seed: async (fn) => {
      // initdb in WASM is slow; seed the shared migrated template in memory, then write it to the folder.
      const saved = process.env.LUOSHI_TEST_PG_URL;
      delete process.env.LUOSHI_TEST_PG_URL;
      const fresh = freshDatabase();
      if (saved !== undefined) process.env.LUOSHI_TEST_PG_URL = saved;
      const { db, drop } = await fresh;
      const result = await fn(db);
      const dump = await pgliteOf(db)!.dumpDataDir("none");
      await drop();
      const onDisk = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "db"), loadDataDir: dump });
      await onDisk.destroy();
      return result;
    },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export function postgresTarget(url: string): Target {
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-durability-"));
  const schema = `dur_${randomBytes(6).toString("hex")}`;
  const withSchema = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const admin = () => new pg.Client({ connectionString: url });
  return {
    env: { LUOSHI_DATA_DIR: dataDir, DATABASE_URL: withSchema },
    seed: async (fn) => {
      const c = admin();
      await c.connect();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.end();
      const db = await openDatabase({ kind: "postgres", url, schema });
      try {
        await migrate(db);
        return await fn(db);
      } finally {
        await db.destroy();
      }
    },
    cleanup: async () => {
      const c = admin();
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
