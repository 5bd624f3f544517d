import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.js";
import { clockAt, report, type SupervisedPlan } from "../supervision/test-support.js";
import { supervisedDatabase } from "../test/plans.js";
import { StatusRefreshQueue } from "./refresh-queue.js";
import { runStatusEngine, statusesAsOf } from "./status.service.js";

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan;
let day = "2024-03-12";
const now = () => clockAt(day)();

beforeAll(async () => {
  ({ db, drop, ctx } = await supervisedDatabase());
}, 60_000);
afterAll(() => drop());

/** The stored rows of a day, as the engine's output is compared: kind, id, status, reasons, progress. */
async function storedOn(on: string) {
  const rows = await db
    .selectFrom("status_snapshots")
    .select(["entity_kind", "entity_id", "status", "reasons", "progress"])
    .where("region_id", "=", ctx.regionId)
    .where("day", "=", on)
    .execute();
  return rows.map((r) => `${r.entity_kind}:${r.entity_id}:${r.status}:${r.reasons.join(",")}:${r.progress}`).sort();
}

async function computedOn(on: string) {
  const all = await statusesAsOf(db, { regionIds: [ctx.regionId], asOf: on });
  return all.map((s) => `${s.kind}:${s.id}:${s.status}:${s.reasons.join(",")}:${s.progress}`).sort();
}

/** One report per assignment of these tasks for the month, submitted now. */
const reportTasks = (taskIds: string[], period: string, percent: number) =>
  report(
    db,
    ctx.regionId,
    ctx.assignments
      .filter((a) => taskIds.includes(a.task_id))
      .map((a) => ({
        taskId: a.task_id,
        orgId: a.org_id,
        period,
        status: "in_progress" as const,
        percent,
        submittedAt: now().toISOString(),
      })),
  );

describe("status refreshes after reports, batched", () => {
  it("refreshes asked for while one runs share the next batch; every task ends as a fresh computation says", async () => {
    await runStatusEngine(db, { now });
    const queue = new StatusRefreshQueue(db, now);
    const tasks = ctx.taskIds.slice(0, 3);
    await reportTasks(tasks, "2024-02", 40);
    const first = queue.refresh(ctx.regionId, [tasks[0]!], null);
    const second = queue.refresh(ctx.regionId, [tasks[1]!], null);
    const third = queue.refresh(ctx.regionId, [tasks[2]!, tasks[1]!], null);
    // The first started at once; the two asked for meanwhile wait for one batch after it.
    expect(second).toBe(third);
    expect(first).not.toBe(second);
    await Promise.all([first, second, third]);
    expect(await storedOn(day)).toEqual(await computedOn(day));
  });

  it("a report committed while a batch runs is seen by the batch its refresh joins", async () => {
    const queue = new StatusRefreshQueue(db, now);
    const [a, b] = ctx.taskIds;
    await reportTasks([a!], "2024-03", 60);
    const running = queue.refresh(ctx.regionId, [a!], null);
    // Committed after the running batch began reading: its refresh waits for the next one.
    await reportTasks([b!], "2024-03", 70);
    const next = queue.refresh(ctx.regionId, [b!], null);
    await Promise.all([running, next]);
    expect(await storedOn(day)).toEqual(await computedOn(day));
  });

  it("a region last computed on an earlier day gets the whole run, never a part of the day", async () => {
    day = "2024-03-13";
    const queue = new StatusRefreshQueue(db, now);
    await queue.refresh(ctx.regionId, [ctx.taskIds[0]!], null);
    const stored = await storedOn(day);
    expect(stored.length).toBeGreaterThan(ctx.taskIds.length);
    expect(stored).toEqual(await computedOn(day));
  });

  it("a failed batch fails its own waiters only; the next batch runs", async () => {
    let broken = true;
    const queue = new StatusRefreshQueue(db, () => {
      if (broken) {
        broken = false;
        throw new Error("clock unavailable");
      }
      return now();
    });
    await expect(queue.refresh(ctx.regionId, [ctx.taskIds[0]!], null)).rejects.toThrow("clock unavailable");
    await reportTasks([ctx.taskIds[0]!], "2024-03", 90);
    await queue.refresh(ctx.regionId, [ctx.taskIds[0]!], null);
    expect(await storedOn(day)).toEqual(await computedOn(day));
  });

  it("a refresh of the reporting units recomputes their assignments only, and stores what a fresh computation says", async () => {
    const queue = new StatusRefreshQueue(db, now);
    const task = ctx.taskIds[1]!;
    const units = ctx.assignments.filter((a) => a.task_id === task);
    expect(units.length).toBeGreaterThan(1);
    const [reporter, other] = units;
    const progressOf = async (a: { id: string }) =>
      (
        await db
          .selectFrom("status_snapshots")
          .select("progress")
          .where("entity_kind", "=", "assignment")
          .where("entity_id", "=", a.id)
          .where("day", "=", day)
          .executeTakeFirstOrThrow()
      ).progress;
    // Done by one unit moves its assignment, and the task's milestones through its progress.
    for (const [percent, status] of [
      [55, "in_progress"],
      [100, "done"],
    ] as const) {
      await report(db, ctx.regionId, [
        { taskId: task, orgId: reporter!.org_id, period: "2024-03", status, percent, submittedAt: now().toISOString() },
      ]);
      await queue.refresh(ctx.regionId, [task], null, [reporter!.org_id]);
      expect(await storedOn(day)).toEqual(await computedOn(day));
    }
    // The other unit's assignment is not recomputed: its stored status stands in for it. Marked,
    // the mark survives a refresh of the reporter and goes with one of every unit.
    const mark = async () =>
      db
        .updateTable("status_snapshots")
        .set({ progress: 7 })
        .where("entity_kind", "=", "assignment")
        .where("entity_id", "=", other!.id)
        .where("day", "=", day)
        .execute();
    await mark();
    await report(db, ctx.regionId, [
      {
        taskId: task,
        orgId: reporter!.org_id,
        period: "2024-03",
        status: "in_progress",
        percent: 80,
        submittedAt: now().toISOString(),
      },
    ]);
    await queue.refresh(ctx.regionId, [task], null, [reporter!.org_id]);
    expect(await progressOf(other!)).toBe(7);
    await queue.refresh(ctx.regionId, [task], null);
    expect(await progressOf(other!)).not.toBe(7);
    expect(await storedOn(day)).toEqual(await computedOn(day));
  });

  it("recomputes every assignment of the task when another one has no status stored for the day", async () => {
    const queue = new StatusRefreshQueue(db, now);
    const task = ctx.taskIds[2]!;
    const [reporter, other] = ctx.assignments.filter((a) => a.task_id === task);
    await db
      .deleteFrom("status_snapshots")
      .where("entity_kind", "=", "assignment")
      .where("entity_id", "=", other!.id)
      .where("day", "=", day)
      .execute();
    await report(db, ctx.regionId, [
      {
        taskId: task,
        orgId: reporter!.org_id,
        period: "2024-03",
        status: "in_progress",
        percent: 35,
        submittedAt: now().toISOString(),
      },
    ]);
    await queue.refresh(ctx.regionId, [task], null, [reporter!.org_id]);
    expect(await storedOn(day)).toEqual(await computedOn(day));
  });
});
