import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { indicatorsAt } from "../bulletins/records.repository.js";
import { loadConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { diskFileStore } from "../files/file-store.js";
import { freshDatabase } from "../test/app.js";
import { seedDemo } from "./seed-demo.js";

let target: Awaited<ReturnType<typeof freshDatabase>>;
let db: Database;
beforeAll(async () => {
  target = await freshDatabase();
  db = target.db;
}, 120_000);
afterAll(() => target.drop());

describe("demo seed", () => {
  it("creates a county bureau, its plan through the parser, and progress history", async () => {
    const files = diskFileStore(mkdtempSync(join(tmpdir(), "luoshi-demo-files-")));
    const { logins, planId } = await seedDemo(db, new Date("2024-05-15T08:00:00Z"), files);
    const count = async (kind: "department" | "school") =>
      (await db.selectFrom("orgs").select("id").where("kind", "=", kind).execute()).length;
    expect(await count("department")).toBe(12);
    expect(await count("school")).toBe(40);
    expect(logins.map((l) => l.role).sort()).toEqual([
      "admin",
      "dept_head",
      "leader",
      "school_reporter",
      "school_reporter",
      "school_reporter",
      "supervisor",
    ]);
    // Two weeks of 晨午检 history at three schools: most on time, some late or missing.
    const returns = await db.selectFrom("ledger_returns").selectAll().execute();
    expect(returns.length).toBeGreaterThan(100);
    expect(returns.some((r) => !r.zero)).toBe(true);
    const tasks = await db.selectFrom("plan_tasks").select("id").where("plan_id", "=", planId).execute();
    expect(tasks.length).toBe(15);
    const reports = await db.selectFrom("progress_reports").select("period").execute();
    expect(new Set(reports.map((r) => r.period))).toEqual(new Set(["2024-01", "2024-02", "2024-03", "2024-04"]));

    // The campus-safety ledger: hazards in every state, zero reports, the safety targets bound.
    const hazards = await db.selectFrom("ledger_records").select(["state", "fields"]).orderBy("created_at").execute();
    expect(hazards.map((h) => h.state).sort()).toEqual(
      ["closed", "closed", "found", "rectifying", "rectifying", "reviewing"].sort(),
    );
    const overdue = hazards.filter((h) => h.state === "rectifying" && String(h.fields.deadline) < "2024-05-15");
    expect(overdue).toHaveLength(1);
    expect(hazards.filter((h) => h.fields.grade === "major")).toHaveLength(1);
    const zero = await db.selectFrom("ledger_rounds").select("id").where("hazard_count", "=", 0).execute();
    expect(zero).toHaveLength(9);
    const { rows: bound } = await sql<{ metric: string }>`SELECT metric FROM ledger_bindings`.execute(db);
    expect(bound.map((b) => b.metric)).toContain("hazard_fix_rate");
    // 动态清零 and 应助尽助 of the plan's task 6 are computed from the dropout and aid ledgers.
    expect(bound.map((b) => b.metric)).toEqual(expect.arrayContaining(["dropout_count", "aid_coverage"]));

    const app = await buildApp({ db, config: loadConfig({}), files: diskFileStore("/nonexistent") });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "jijiao", password: logins[0]!.password },
    });
    expect(login.statusCode).toBe(200);

    // Student health screening (issue 17): two years of results, the 近视率 and 优良率 targets bound and
    // computed; the task page, the dashboard and the bulletins show the same values.
    const years = await db.selectFrom("screening_results").select("year").distinct().orderBy("year").execute();
    expect(years.map((y) => Number(y.year))).toEqual([2023, 2024]);
    expect(bound.length).toBeGreaterThan(0);
    const { rows: screeningBound } = await sql<{ metric: string; indicator_id: string; task_id: string }>`
      SELECT b.metric, b.indicator_id, i.task_id FROM ledger_bindings b JOIN indicators i ON i.id = b.indicator_id
       WHERE b.metric IN ('myopia_rate', 'fitness_good_rate')`.execute(db);
    expect(screeningBound.map((b) => b.metric).sort()).toEqual(["fitness_good_rate", "myopia_rate"]);
    const ducha = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "ducha", password: logins[0]!.password },
    });
    const headers = { cookie: ducha.cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    const dashboard = (await app.inject({ url: `/api/dashboard?planId=${planId}`, headers })).json();
    const bulletin = await indicatorsAt(db, await regionOf(db), [planId], "2024-05-16T00:00:00+08:00");
    for (const b of screeningBound) {
      const task = (await app.inject({ url: `/api/tasks/${b.task_id}`, headers })).json();
      const onTask = task.indicators.find((i: { id: string }) => i.id === b.indicator_id);
      const onDashboard = dashboard.indicators.items.find((i: { id: string }) => i.id === b.indicator_id);
      const inBulletin = bulletin.find((i) => i.id === b.indicator_id);
      expect(onTask.actual).toBeGreaterThan(b.metric === "myopia_rate" ? 20 : 40);
      expect(onTask.actual).toBeLessThan(b.metric === "myopia_rate" ? 70 : 75);
      expect(onDashboard.actual).toBe(onTask.actual);
      expect(inBulletin?.actual).toBe(onTask.actual);
      // With its arithmetic, the same everywhere.
      expect(onTask.derivation).toMatch(
        /^2024年 .+人 ÷ .+人 = [\d.]+%；2023年 [\d.]+%（\d+\/\d+）；较上年 [+-]?[\d.]+个百分点$/,
      );
      expect(onDashboard.derivation).toBe(onTask.derivation);
      expect((inBulletin as { derivation?: string } | undefined)?.derivation).toBe(onTask.derivation);
      expect(onTask.attained).toBe(onDashboard.attained);
    }
    await app.close();
  }, 120_000);
});

const regionOf = async (db: Database) =>
  (await db.selectFrom("orgs").select("region_id").where("kind", "=", "bureau").executeTakeFirstOrThrow()).region_id;
