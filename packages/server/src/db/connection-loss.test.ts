import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./database.js";
import { isDatabaseUnavailable } from "./unavailable.js";

/**
 * On a real PostgreSQL (LUOSHI_TEST_PG_URL): this test's own backend is terminated under it,
 * mid-transaction (while the transaction holds the connection between two statements) and while
 * idle in the pool. A client's "error" event with no listener would crash the process, which
 * Vitest reports as an unhandled error.
 */
const url = process.env.LUOSHI_TEST_PG_URL;
describe.skipIf(!url)("a pool whose connection is cut", () => {
  const schema = `pool_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  let db: Database;
  const terminate = (pid: number) => admin.query("SELECT pg_terminate_backend($1)", [pid]);
  const backendPid = async (on: Database) =>
    (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(on)).rows[0]!.pid;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE TABLE ${schema}.t (id int PRIMARY KEY)`);
    db = await openDatabase({ kind: "postgres", url: url!, schema });
  });
  afterAll(async () => {
    await db?.destroy();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it("fails the transaction with DATABASE_UNAVAILABLE and writes none of it", async () => {
    const attempt = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO t (id) VALUES (1)`.execute(trx);
      await terminate(await backendPid(trx));
      await sql`INSERT INTO t (id) VALUES (2)`.execute(trx);
    });
    const error = await attempt.catch((e: unknown) => e);
    // What the HTTP layer answers as 503 DATABASE_UNAVAILABLE (see db-restart.fault.test.ts).
    expect(isDatabaseUnavailable(error)).toBe(true);
    // The pool connects anew; the first insert died with its connection.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM t`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });

  it("survives an idle connection dying in the pool (no crash) and reconnects", async () => {
    const pid = await backendPid(db);
    await terminate(pid);
    // The idle client sees its socket close and emits "error": without a listener, a crash.
    await new Promise((r) => setTimeout(r, 300));
    expect(await backendPid(db)).not.toBe(pid);
  });

  it("leaves query errors as they are", async () => {
    await sql`INSERT INTO t (id) VALUES (7)`.execute(db);
    const error = await sql`INSERT INTO t (id) VALUES (7)`.execute(db).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect((error as { code?: string }).code).toBe("23505");
  });
});
