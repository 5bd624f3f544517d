import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";
import { draftPlan, publishedPlan } from "../test/plans.js";

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
}, 120_000);
afterAll(() => t.close());

const addTask = (planId: string, payload: object) =>
  t.app.inject({ method: "POST", url: `/api/plans/${planId}/tasks`, headers: admin.headers, payload });

describe("adding a task to a draft plan", () => {
  it("appends it after the last task, audits it, and publishing assigns it", async () => {
    const draft = await draftPlan(t.db, t.fixture.a.bureauId);
    const res = await addTask(draft.planId, {
      no: "4",
      title: "加强校园安全管理",
      path: ["二、加强教师队伍建设"],
      units: ["基教股", "各学校"],
      deadlines: [{ text: "9月底前", date: "2024-09-30", kind: "by" }],
    });
    expect(res.statusCode).toBe(201);
    const task = res.json().task;
    expect(task).toMatchObject({ no: "4", seq: 3, leadCount: 1, span: null });

    const detail = (await t.app.inject({ url: `/api/plans/${draft.planId}`, headers: admin.headers })).json();
    expect(detail.tasks.map((x: { no: string }) => x.no)).toEqual(["1", "2", "3", "4"]);
    const events = await t.db.selectFrom("audit_events").selectAll().where("entity_id", "=", task.id).execute();
    expect(events.map((e) => e.action)).toEqual(["create"]);

    const published = await t.app.inject({
      method: "POST",
      url: `/api/plans/${draft.planId}/publish`,
      headers: admin.headers,
    });
    expect(published.statusCode).toBe(200);
    const assigned = await t.db
      .selectFrom("assignments")
      .select(["org_id", "role"])
      .where("task_id", "=", task.id)
      .execute();
    expect(assigned).toContainEqual({ org_id: t.fixture.a.deptId, role: "lead" });
    expect(assigned.filter((a) => a.role === "co").length).toBeGreaterThan(1);
  });

  it("a published plan, a missing title or another bureau's plan changes nothing", async () => {
    const pub = await publishedPlan(t.db, t.fixture.a.bureauId);
    const other = await draftPlan(t.db, t.fixture.b.bureauId);
    const before = await rowCounts(t.db);
    const notDraft = await addTask(pub.planId, { no: "4", title: "新任务" });
    expect(notDraft.statusCode).toBe(409);
    expect(notDraft.json().error.code).toBe("PLAN_NOT_DRAFT");
    expect((await addTask(pub.planId, { no: "4" })).statusCode).toBe(400);
    expect((await addTask(other.planId, { no: "4", title: "新任务" })).statusCode).toBe(404);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
