import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, pgliteOf } from "../db/database.js";
import { tablesDueForAnalyze } from "../db/pglite-statistics.js";
import { clockAt, report, reportAll, type SupervisedPlan, supervisedPlan } from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { runStatusEngine } from "./status.service.js";

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
}, 60_000);
afterAll(() => drop());

const run = (day: string) => runStatusEngine(db, { now: clockAt(day) });
const statusesOn = async (day: string, kind = "assignment") =>
  db
    .selectFrom("status_snapshots")
    .select(["entity_id", "task_id", "status", "reasons"])
    .where("day", "=", day)
    .where("entity_kind", "=", kind as "assignment")
    .execute();
const taskIndex = (taskId: string) => ctx.taskIds.indexOf(taskId);

describe("status engine across the 2024 plan year", () => {
  it("early February, before the report day: everything is on track, indicators behind pace", async () => {
    const result = await run("2024-02-03");
    expect(result.day).toBe("2024-02-03");
    expect(result.counts.assignment.normal).toBe(ctx.assignments.length);
    expect(result.counts.assignment.overdue).toBe(0);
    expect(result.counts.indicator.warning).toBeGreaterThan(0);
    const rows = await statusesOn("2024-02-03");
    expect(rows).toHaveLength(ctx.assignments.length);
  });

  it("on PGlite, a run leaves the planner's statistics of the snapshots current", async () => {
    if (!pgliteOf(db)) return; // PostgreSQL's autovacuum keeps them
    const due = await tablesDueForAnalyze(db);
    expect(due.filter((t) => t.endsWith(".status_snapshots"))).toEqual([]);
  });

  it("after day 5 of February the missing January reports turn every assignment red", async () => {
    await run("2024-02-10");
    const rows = await statusesOn("2024-02-10");
    expect(rows.every((r) => r.status === "overdue")).toBe(true);
    expect(rows[0]?.reasons).toEqual(["missing_report:2024-01"]);
  });

  it("re-running a day changes nothing and keeps one row per entity per day", async () => {
    const again = await run("2024-02-10");
    expect(again.changed).toBe(0);
    const rows = await statusesOn("2024-02-10");
    expect(rows).toHaveLength(ctx.assignments.length);
  });

  it("reports arriving turn them back to normal; history keeps the red day", async () => {
    await reportAll(db, ctx, ["2024-01", "2024-02"], "in_progress", 50);
    await run("2024-03-03");
    expect((await statusesOn("2024-03-03")).every((r) => r.status === "normal")).toBe(true);
    expect((await statusesOn("2024-02-10")).every((r) => r.status === "overdue")).toBe(true);
  });

  it("mid-June: the task due on June 30 at 50% is yellow, the year-end tasks stay normal", async () => {
    await reportAll(db, ctx, ["2024-03", "2024-04", "2024-05"], "in_progress", 50);
    await run("2024-06-20");
    const rows = await statusesOn("2024-06-20");
    const first = rows.filter((r) => taskIndex(r.task_id) === 0);
    const rest = rows.filter((r) => taskIndex(r.task_id) !== 0);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => r.status === "warning" && r.reasons.includes("due_soon"))).toBe(true);
    expect(rest.every((r) => r.status === "normal")).toBe(true);
  });

  it("July: the June task is past due until its units report done", async () => {
    await reportAll(db, ctx, ["2024-06"], "in_progress", 60);
    await run("2024-07-03");
    const first = (await statusesOn("2024-07-03")).filter((r) => taskIndex(r.task_id) === 0);
    expect(first.every((r) => r.status === "overdue" && r.reasons.includes("past_due"))).toBe(true);
    const milestones = (await statusesOn("2024-07-03", "milestone")).filter((r) => taskIndex(r.task_id) === 0);
    expect(milestones.every((r) => r.status === "overdue")).toBe(true);

    const units = ctx.assignments.filter((a) => a.task_id === ctx.taskIds[0]);
    await report(
      db,
      ctx.regionId,
      units.map((a) => ({
        taskId: a.task_id,
        orgId: a.org_id,
        period: "2024-07",
        status: "done" as const,
        percent: 100,
      })),
    );
    const rerun = await run("2024-07-03");
    expect(rerun.changed).toBeGreaterThan(0);
    const after = (await statusesOn("2024-07-03")).filter((r) => taskIndex(r.task_id) === 0);
    expect(after.every((r) => r.status === "done")).toBe(true);
    const ms = (await statusesOn("2024-07-03", "milestone")).filter((r) => taskIndex(r.task_id) === 0);
    expect(ms.every((r) => r.status === "done")).toBe(true);
  });

  it("an indicator meeting its target is done; one far behind the linear pace is yellow", async () => {
    const [rate, seats] = [...ctx.indicators].sort((a, b) => taskIndex(a.task_id) - taskIndex(b.task_id));
    const org = (taskId: string) => ctx.assignments.find((a) => a.task_id === taskId)!.org_id;
    await report(db, ctx.regionId, [
      {
        taskId: rate!.task_id,
        orgId: org(rate!.task_id),
        period: "2024-08",
        status: "done",
        percent: 100,
        actuals: [{ indicatorId: rate!.id, value: 96 }],
      },
      {
        taskId: seats!.task_id,
        orgId: org(seats!.task_id),
        period: "2024-08",
        status: "in_progress",
        percent: 30,
        actuals: [{ indicatorId: seats!.id, value: 100 }],
      },
    ]);
    await run("2024-09-02");
    const rows = await statusesOn("2024-09-02", "indicator");
    expect(rows.find((r) => r.entity_id === rate!.id)?.status).toBe("done");
    expect(rows.find((r) => r.entity_id === seats!.id)).toMatchObject({ status: "warning", reasons: ["behind_pace"] });
  });

  it("after the year end every unfinished assignment is overdue", async () => {
    await reportAll(db, ctx, ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"], "in_progress", 90);
    await run("2025-01-03");
    const rows = await statusesOn("2025-01-03");
    const open = rows.filter((r) => r.status !== "done");
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.status === "overdue")).toBe(true);
    const days = await db.selectFrom("status_snapshots").select("day").distinct().orderBy("day").execute();
    expect(days.map((d) => d.day)).toEqual([
      "2024-02-03",
      "2024-02-10",
      "2024-03-03",
      "2024-06-20",
      "2024-07-03",
      "2024-09-02",
      "2025-01-03",
    ]);
  });
});
