import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, rowCounts, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";

let t: TestContext;
let school: Session;
let admin: Session;
let plan: { planId: string; taskIds: string[] };

beforeAll(async () => {
  t = await createTestApp();
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  plan = await publishedPlan(t.db, t.fixture.a.bureauId);
}, 120_000);
afterAll(() => t.close());

const report = (taskId: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/tasks/${taskId}/reports`, headers: school.headers, payload });

const uploadFile = (name: string, bytes: Uint8Array) => {
  const body = multipart({ name, bytes });
  return t.app.inject({
    method: "POST",
    url: "/api/files",
    headers: { ...school.headers, ...body.headers },
    payload: body.payload,
  });
};

describe("honest reports", () => {
  it("an untouched form is refused with a stable code and nothing is written", async () => {
    const before = await rowCounts(t.db);
    const res = await report(plan.taskIds[2]!, { period: "2024-05", status: "in_progress", narrative: "", percent: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("REPORT_NARRATIVE_REQUIRED");
    expect(res.json().error.message).toContain("进展情况");
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("a plan's rules may ask for evidence when done", async () => {
    const set = await t.app.inject({
      method: "PATCH",
      url: `/api/plans/${plan.planId}`,
      headers: admin.headers,
      payload: { reportRules: { narrative: "always", evidence: "when_done" } },
    });
    expect(set.statusCode).toBe(200);
    const done = { period: "2024-06", status: "done", narrative: "全部完成", percent: 100 };
    const refused = await report(plan.taskIds[2]!, done);
    expect(refused.json().error.code).toBe("REPORT_EVIDENCE_REQUIRED");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const file = (await uploadFile("完成照片.png", png)).json().file;
    expect((await report(plan.taskIds[2]!, { ...done, fileIds: [file.id] })).statusCode).toBe(201);
  });

  it("the form's periods are the due ones, each marked reported or not", async () => {
    const res = await t.app.inject({ url: `/api/tasks/${plan.taskIds[2]}/periods`, headers: school.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.cadence).toBe("monthly");
    expect(body.rules).toEqual({ narrative: "always", evidence: "when_done" });
    // The fixture's plan is of 2024, a past year: its twelve months, December first.
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2024-${String(12 - i).padStart(2, "0")}`),
    );
    const june = body.periods.find((p: { period: string }) => p.period === "2024-06");
    expect(june).toEqual({ period: "2024-06", label: "2024年6月", reported: true });
    expect(body.periods.find((p: { period: string }) => p.period === "2024-05").reported).toBe(false);
    const foreign = await t.app.inject({
      url: `/api/tasks/${plan.taskIds[2]}/periods?orgId=${t.fixture.b.schoolId}`,
      headers: school.headers,
    });
    expect(foreign.statusCode).toBe(403);
  });

  it("my tasks say whether this period's report is in", async () => {
    const before = (await t.app.inject({ url: "/api/tasks/mine/reporting", headers: school.headers })).json();
    const row = before.tasks.find((x: { taskId: string }) => x.taskId === plan.taskIds[2]);
    expect(row).toMatchObject({ planId: plan.planId, cadence: "monthly", reported: false, units: 1 });
    expect(row.period).toBe(before.periods.monthly);
    // Reporting the current period (the plan made current-year so the period is reportable).
    await t.db
      .updateTable("plans")
      .set({ year: Number(row.period.slice(0, 4)) })
      .where("id", "=", plan.planId)
      .execute();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 4, 5, 6]);
    const file = (await uploadFile("本月.png", png)).json().file;
    const saved = await report(plan.taskIds[2]!, {
      period: row.period,
      status: "in_progress",
      narrative: "本月已开展两次培训",
      percent: 30,
      fileIds: [file.id],
    });
    expect(saved.statusCode).toBe(201);
    const after = (await t.app.inject({ url: "/api/tasks/mine/reporting", headers: school.headers })).json();
    expect(after.tasks.find((x: { taskId: string }) => x.taskId === plan.taskIds[2]).reported).toBe(true);
  });

  it("a refused file says why: its type, or what its content really is", async () => {
    const exe = await uploadFile("setup.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error).toMatchObject({ code: "FILE_TYPE_NOT_ALLOWED", details: { extension: "exe" } });
    expect(exe.json().error.message).toContain("可执行程序");
    const fake = await uploadFile("照片.pdf", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(fake.json().error.message).toContain("PNG 图片");
    expect(fake.json().error.message).toContain("可上传");
  });
});
