import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { diskFileStore } from "../files/file-store.js";
import { CACHE_HEADER } from "../http/read-cache.js";
import type { App } from "../http/types.js";
import { loginAs, type Session } from "../test/app.js";
import { type Fixture, seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { dataVersionOf } from "./data-version.js";
import { type Database, openDatabase } from "./database.js";
import { migrate } from "./migrate.js";
import { caughtUpReader } from "./replica.js";

/**
 * Heavy read views served from a hot standby, against a real primary/standby pair
 * (scripts/pg-standby.sh up; .ci/run sets these variables). The pair runs synchronous_commit =
 * remote_apply, as docs/postgresql-ha.md advises with replica reads.
 */
const primaryUrl = process.env.LUOSHI_TEST_PG_PRIMARY_URL;
const replicaUrl = process.env.LUOSHI_TEST_PG_REPLICA_URL;

describe.skipIf(!primaryUrl || !replicaUrl)("reads from a hot standby", () => {
  const schema = `r_${randomBytes(6).toString("hex")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-replica-"));
  let admin: pg.Client;
  let db: Database;
  let replica: Database;
  let withReplica: App;
  let primaryOnly: App;
  let fixture: Fixture;
  let plan: { planId: string; taskIds: string[] };
  let supervisor: Session;
  let school: Session;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: primaryUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    db = await openDatabase({ kind: "postgres", url: primaryUrl!, schema });
    replica = await openDatabase({ kind: "postgres", url: replicaUrl!, schema });
    await migrate(db);
    fixture = await seedFixture(db);
    plan = await publishedPlan(db, fixture.a.bureauId);
    // The 2024 plan was in force that year: its bulletins are computed from records as of then.
    await db.updateTable("plans").set({ published_at: "2024-01-15T02:00:00Z" }).where("id", "=", plan.planId).execute();
    const config = loadConfig({}, { dataDir, loginAttemptsPerMinute: 100_000 });
    const files = diskFileStore(join(dataDir, "files"));
    withReplica = await buildApp({ db, replica, config, files });
    primaryOnly = await buildApp({ db, config, files });
    supervisor = await loginAs(withReplica, fixture.a.users.supervisor);
    school = await loginAs(withReplica, fixture.a.users.school_reporter);
  }, 120_000);

  afterAll(async () => {
    await sql`SELECT pg_wal_replay_resume()`.execute(replica).catch(() => {});
    await withReplica?.close();
    await primaryOnly?.close();
    await replica?.destroy();
    await db?.destroy();
    await admin?.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (app: App, url: string) => app.inject({ url, headers: supervisor.headers });
  const completion = () => `/api/plans/${plan.planId}/completion`;

  it("runs on a standby that replays synchronously (remote_apply) and reports its replayed position", async () => {
    const { rows } = await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(replica);
    expect(rows[0]?.r).toBe(true);
    const mode = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db);
    expect(mode.rows[0]?.synchronous_commit).toBe("remote_apply");
    expect(await dataVersionOf(db, replica)()).toMatch(/^s\d+:\d+:[\d,]*\|r[0-9A-F]+\/[0-9A-F]+$/);
    expect(await caughtUpReader({ db, replica })).toBe(replica);
  });

  it("answers the dashboard, plan completion and indicators from the standby as the primary would", async () => {
    for (const url of ["/api/dashboard", completion(), `/api/plans/${plan.planId}/indicators`]) {
      const [fromReplica, fromPrimary] = [await get(withReplica, url), await get(primaryOnly, url)];
      expect(fromReplica.statusCode, url).toBe(200);
      expect(fromReplica.json(), url).toEqual(fromPrimary.json());
    }
  });

  it("shows a user their acknowledged write at once", async () => {
    const before = (await get(withReplica, completion())).json();
    const res = await withReplica.inject({
      method: "POST",
      url: `/api/tasks/${plan.taskIds[2]}/reports`,
      headers: school.headers,
      payload: { period: "2024-05", status: "in_progress", narrative: "已组织培训", percent: 40 },
    });
    expect(res.statusCode).toBe(201);
    const after = (await get(withReplica, completion())).json();
    expect(after).not.toEqual(before);
    expect(after).toEqual((await get(primaryOnly, completion())).json());
  });

  it("keeps a cached answer while the standby stands still and drops it once the standby replays a write", async () => {
    await sql`SELECT pg_wal_replay_pause()`.execute(replica);
    try {
      // A write the paused standby has not replayed (committed without waiting for it).
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = local`.execute(trx);
        await sql`UPDATE progress_reports SET percent = 90, status = 'done' WHERE task_id = ${plan.taskIds[2]!}`.execute(
          trx,
        );
      });
      // A read that must miss nothing goes to the primary while the standby is behind.
      expect(await caughtUpReader({ db, replica }, 200)).toBe(db);
      const stale = await get(withReplica, completion());
      expect(stale.json()).not.toEqual((await get(primaryOnly, completion())).json()); // read on the standby
      const again = await get(withReplica, completion());
      expect(again.headers[CACHE_HEADER]).toBe("hit");
      expect(again.json()).toEqual(stale.json());
    } finally {
      await sql`SELECT pg_wal_replay_resume()`.execute(replica);
    }
    expect(await caughtUpReader({ db, replica })).toBe(replica);
    const fresh = await get(withReplica, completion());
    expect(fresh.headers[CACHE_HEADER]).toBe("miss");
    expect(fresh.json()).toEqual((await get(primaryOnly, completion())).json());
  });

  it("generates a bulletin with its figures read on the caught-up standby", async () => {
    const res = await withReplica.inject({
      method: "POST",
      url: "/api/supervision/bulletins",
      headers: supervisor.headers,
      payload: { period: "2024-05" },
    });
    expect(res.statusCode).toBe(201);
  });
});
