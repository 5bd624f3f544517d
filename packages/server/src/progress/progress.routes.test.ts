import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";

let t: TestContext;
let school: Session;
let dept: Session;
let admin: Session;
let plan: { planId: string; taskIds: string[] };

beforeAll(async () => {
  t = await createTestApp();
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  plan = await publishedPlan(t.db, t.fixture.a.bureauId);
}, 120_000);
afterAll(() => t.close());

const report = (s: Session, taskId: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/tasks/${taskId}/reports`, headers: s.headers, payload });

describe("progress", () => {
  it("a school reports with evidence; the bureau downloads it, another school cannot", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9]);
    const body = multipart({ name: "现场照片.png", bytes: png });
    const up = await t.app.inject({
      method: "POST",
      url: "/api/files",
      headers: { ...school.headers, ...body.headers },
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const file = up.json().file;
    expect(file.contentType).toBe("image/png");

    // Task 3 ("各学校") is assigned to every school.
    const res = await report(school, plan.taskIds[2]!, {
      period: "2024-05",
      status: "in_progress",
      narrative: "已组织培训两期",
      percent: 40,
      fileIds: [file.id],
    });
    expect(res.statusCode).toBe(201);
    const again = await report(school, plan.taskIds[2]!, {
      period: "2024-05",
      status: "done",
      narrative: "已完成",
      percent: 100,
      fileIds: [file.id],
    });
    expect(again.statusCode).toBe(201);

    const history = (
      await t.app.inject({ url: `/api/tasks/${plan.taskIds[2]}/reports`, headers: admin.headers })
    ).json().reports;
    expect(history).toHaveLength(1);
    expect(history[0].status).toBe("done");
    expect(history[0].evidence[0].filename).toBe("现场照片.png");

    const download = await t.app.inject({ url: `/api/files/${file.id}`, headers: admin.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(Buffer.from(png))).toBe(true);
    expect((await t.app.inject({ url: `/api/files/${file.id}`, headers: dept.headers })).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity", "=", "progress_report")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "update"]);
  });

  it("indicator actuals are judged against the target's op", async () => {
    const indicators = (
      await t.app.inject({ url: `/api/plans/${plan.planId}/indicators`, headers: admin.headers })
    ).json().indicators;
    const enrolment = indicators.find((i: { subject: string }) => i.subject === "学前三年毛入园率");
    expect(enrolment.attained).toBeNull();
    const res = await report(dept, plan.taskIds[0]!, {
      period: "2024-06",
      status: "done",
      narrative: "达标",
      percent: 100,
      actuals: [{ indicatorId: enrolment.id, value: 96.2 }],
    });
    expect(res.statusCode).toBe(201);
    const after = (await t.app.inject({ url: `/api/plans/${plan.planId}/indicators`, headers: admin.headers })).json()
      .indicators;
    expect(after.find((i: { id: string }) => i.id === enrolment.id)).toMatchObject({ actual: 96.2, attained: true });
  });

  it("queries: my tasks, overdue, per-unit completion", async () => {
    const mine = (await t.app.inject({ url: "/api/tasks/mine", headers: dept.headers })).json().tasks;
    expect(mine.map((x: { no: string }) => x.no)).toEqual(["1", "2"]);
    // Deadlines fall in 2024, before today: unfinished dated tasks are overdue.
    const overdue = (await t.app.inject({ url: "/api/tasks/overdue", headers: admin.headers })).json().tasks;
    expect(overdue.map((x: { no: string }) => x.no)).toContain("2");
    const byStatus = (
      await t.app.inject({ url: `/api/tasks?planId=${plan.planId}&status=done`, headers: admin.headers })
    ).json().tasks;
    expect(byStatus.every((x: { status: string }) => x.status === "done")).toBe(true);
    const units = (await t.app.inject({ url: `/api/plans/${plan.planId}/completion`, headers: admin.headers })).json()
      .units;
    const school1 = units.find((u: { orgId: string }) => u.orgId === t.fixture.a.schoolId);
    expect(school1).toMatchObject({ done: 1 });
  });

  it("my tasks lists the lead units and the reporter's own assignment, not every school", async () => {
    const mine = (await t.app.inject({ url: "/api/tasks/mine", headers: school.headers })).json().tasks;
    const fanned = mine.find((x: { id: string }) => x.id === plan.taskIds[2]);
    const ledger = (await t.app.inject({ url: `/api/tasks?planId=${plan.planId}`, headers: admin.headers })).json()
      .tasks;
    const full = ledger.find((x: { id: string }) => x.id === plan.taskIds[2]);
    const orgs = fanned.assignees.map((a: { orgId: string }) => a.orgId);
    expect(orgs).toContain(t.fixture.a.schoolId);
    expect(orgs).not.toContain(t.fixture.a.middleSchoolId);
    expect(fanned.assignees.filter((a: { role: string }) => a.role !== "lead")).toHaveLength(1);
    expect(fanned.assigneeCount).toBe(full.assignees.length);
    expect(full.assignees.map((a: { orgId: string }) => a.orgId)).toContain(t.fixture.a.middleSchoolId);
  });

  it("submissions that arrive together (one commit on PGlite) are each answered, stored and audited", async () => {
    const taskId = plan.taskIds[2]!;
    const periods = ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"];
    const answers = await Promise.all(
      periods.map((period, i) =>
        report(school, taskId, { period, status: "in_progress", narrative: `第${i + 1}次`, percent: 10 + i }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(periods.map(() => 201));
    const ids = answers.map((a) => a.json().report.id);
    const history = (await t.app.inject({ url: `/api/tasks/${taskId}/reports`, headers: admin.headers })).json()
      .reports as { id: string; period: string; percent: number }[];
    for (const [i, period] of periods.entries())
      expect(history.find((r) => r.period === period)).toMatchObject({ id: ids[i], percent: 10 + i });
    const audited = await t.db.selectFrom("audit_events").select("entity_id").where("entity_id", "in", ids).execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
  });
});
