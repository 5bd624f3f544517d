import type { StatusBoard } from "@luoshi/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockAt, supervisedPlan } from "../supervision/test-support.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";

/** The warnings board's filters: plan, unit, kind, status and search, and counts that are the rows listed. */

let t: TestContext;
let planId: string;
let admin: Session;
let school: Session;

beforeAll(async () => {
  // Mid-February 2024: the January reports are missing, so assignments are red, indicators behind pace.
  t = await createTestApp({ now: clockAt("2024-02-10") });
  const plan = await publishedPlan(t.db, t.fixture.a.bureauId);
  await supervisedPlan(t.db, t.fixture, plan);
  planId = plan.planId;
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  const run = await t.app.inject({ method: "POST", url: "/api/supervision/status/run", headers: admin.headers });
  expect(run.statusCode).toBe(200);
}, 60_000);
afterAll(() => t.close());

async function board(session: Session, query: Record<string, string> = {}): Promise<StatusBoard> {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/supervision/status?${new URLSearchParams(query)}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const total = (c: StatusBoard["counts"]) => c.normal + c.warning + c.overdue + c.done;

describe("warnings board filters", () => {
  it("counts the rows it lists, and a status's count is the rows listed when that status is picked", async () => {
    const all = await board(admin, { planId });
    expect(all.items.length).toBeGreaterThan(0);
    expect(total(all.counts)).toBe(all.items.length);
    for (const status of ["normal", "warning", "overdue", "done"] as const) {
      const picked = await board(admin, { planId, status });
      expect(picked.items.every((r) => r.status === status)).toBe(true);
      expect(picked.items.length, status).toBe(all.counts[status]);
      expect(picked.counts).toEqual(all.counts);
    }
  });

  it("lists red rows first", async () => {
    const { items } = await board(admin, { planId });
    const rank = ["overdue", "warning", "normal", "done"];
    const ranks = items.map((r) => rank.indexOf(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("names each indicator and milestone row, and finds rows by those names", async () => {
    const { items } = await board(admin, { planId, kind: "indicator" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.entityKind === "indicator" && (r.entityName ?? "").length > 0)).toBe(true);
    const milestones = await board(admin, { planId, kind: "milestone" });
    expect(milestones.items.every((r) => r.entityName !== null)).toBe(true);
    const assignments = await board(admin, { planId, kind: "assignment" });
    expect(assignments.items.every((r) => r.entityName === null)).toBe(true);
    const name = items[0]!.entityName!;
    const found = await board(admin, { planId, q: name });
    expect(found.items.some((r) => r.entityId === items[0]!.entityId)).toBe(true);
    expect(total(found.counts)).toBe(found.items.length);
  });

  it("filters by unit: the rows, the counts and the task counts are that unit's", async () => {
    const orgId = t.fixture.a.deptId;
    const unit = await board(admin, { planId, orgId });
    expect(unit.items.length).toBeGreaterThan(0);
    expect(unit.items.every((r) => r.orgId === orgId)).toBe(true);
    expect(total(unit.counts)).toBe(unit.items.length);
    const tasks = new Set(unit.items.filter((r) => r.entityKind === "assignment").map((r) => r.taskId));
    expect(total(unit.tasks)).toBe(tasks.size);
  });

  it("searches task titles and unit names; no match lists nothing and counts nothing", async () => {
    const byTitle = await board(admin, { planId, q: "教师培训" });
    expect(byTitle.items.length).toBeGreaterThan(0);
    expect(byTitle.items.every((r) => r.taskTitle.includes("教师培训") || (r.orgName ?? "").includes("教师培训"))).toBe(
      true,
    );
    const byUnit = await board(admin, { planId, q: "人事股" });
    expect(byUnit.items.length).toBeGreaterThan(0);
    const none = await board(admin, { planId, q: "没有这样的任务" });
    expect(none.items).toEqual([]);
    expect(total(none.counts)).toBe(0);
    expect(total(none.tasks)).toBe(0);
  });

  it("a school asking for another unit's rows gets none of them", async () => {
    const own = await board(school, { planId });
    expect(own.items.every((r) => r.orgId === t.fixture.a.schoolId)).toBe(true);
    const other = await board(school, { planId, orgId: t.fixture.a.deptId });
    expect(other.items).toEqual([]);
  });
});
