import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, rowCounts, type Session, type TestContext } from "../test/app.js";

let t: TestContext;
let admin: Session;
let school: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
}, 120_000);
afterAll(() => t.close());

/** A plan naming no unit for two tasks and no deadline for one; a third names a group and 各股室. */
const GAPPY = `城关县教育和体育局2024年党建工作要点
一、加强党的建设
1.开展主题教育。全面完成学习任务。（6月底前完成）
2.加强师德师风建设。开展师德专题培训。
3.推进基层组织标准化建设。达标率达到100%。（责任单位：各基层党组织、各股室）（年底前）
4.建设清廉学校。（责任单位：城关实验小学办公室）（9月底前完成）
`;

const inject = (s: Session, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function importText(text: string) {
  const body = multipart({ name: "2024年党建工作要点.txt", bytes: text, type: "text/plain" });
  const res = await t.app.inject({
    method: "POST",
    url: "/api/plans",
    headers: { ...admin.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode).toBe(201);
  const planId: string = res.json().plans[0].id;
  const tasks = (await inject(admin, "GET", `/api/plans/${planId}`)).json().tasks as { id: string; no: string }[];
  return { planId, task: (no: string) => tasks.find((x) => x.no === no)!.id };
}

type Inbox = { event: string; entityId: string; title: string; body: string }[];

const notifications = (taskId: string) =>
  t.db
    .selectFrom("audit_events")
    .select(["after"])
    .where("entity", "=", "notification")
    .where("entity_id", "=", taskId)
    .execute();

describe("safe publishing", () => {
  let planId = "";
  let task: (no: string) => string;
  let groupId = "";

  it("a group of organisations answers its collective name; 各股室 means the bureau's departments", async () => {
    const res = await inject(admin, "POST", "/api/org-groups", {
      name: "各基层党组织",
      orgIds: [t.fixture.a.schoolId, t.fixture.a.middleSchoolId],
    });
    expect(res.statusCode).toBe(201);
    groupId = res.json().group.id;
    expect((await inject(admin, "POST", "/api/org-groups", { name: "各基层党组织", orgIds: [] })).statusCode).toBe(409);
    const other = await inject(admin, "POST", "/api/org-groups", { name: "外县", orgIds: [t.fixture.b.schoolId] });
    expect(other.statusCode).toBe(404);
    ({ planId, task } = await importText(GAPPY));
    const units = (await inject(admin, "GET", `/api/plans/${planId}/units`)).json();
    const via = Object.fromEntries(units.units.map((u: { unitName: string; via?: string }) => [u.unitName, u.via]));
    expect(via).toMatchObject({ 各基层党组织: "group", 各股室: "fanout" });
    expect(units.unresolved).toEqual(["城关实验小学办公室"]);
  });

  it("the review lists tasks lacking a unit, a deadline or an indicator, with counts", async () => {
    const gaps = (await inject(admin, "GET", `/api/plans/${planId}/gaps`)).json();
    expect(gaps.taskCount).toBe(4);
    const byNo = Object.fromEntries(gaps.tasks.map((g: { no: string; gaps: string[] }) => [g.no, g.gaps]));
    expect(byNo["1"]).toEqual(["unit", "indicator"]);
    expect(byNo["2"]).toEqual(["unit", "deadline", "indicator"]);
    expect(byNo["3"]).toBeUndefined();
    expect(byNo["4"]).toEqual(["unit", "indicator"]); // its only unit is not resolved yet
    expect(gaps.counts).toEqual({ unit: 3, deadline: 1, indicator: 3 });
    expect(gaps.blocking).toBe(3);
  });

  it("a mapped name is remembered as an alias; a batch assignment fills a draft's gaps", async () => {
    const mapped = await inject(admin, "PUT", `/api/plans/${planId}/units`, {
      mappings: [{ unitName: "城关实验小学办公室", orgId: t.fixture.a.schoolId }],
    });
    expect(mapped.json().unresolved).toEqual([]);
    const alias = await t.db
      .selectFrom("org_aliases")
      .select("org_id")
      .where("alias", "=", "城关实验小学办公室")
      .executeTakeFirst();
    expect(alias?.org_id).toBe(t.fixture.a.schoolId);
    // The next import of a plan naming it resolves it without a mapping.
    const next = await importText(GAPPY.replace("2024年党建", "2024年第二份党建"));
    const units = (await inject(admin, "GET", `/api/plans/${next.planId}/units`)).json();
    expect(units.unresolved).toEqual([]);

    const assigned = await inject(admin, "POST", `/api/plans/${planId}/tasks/assign`, {
      taskIds: [task("1")],
      lead: [t.fixture.a.deptId],
      co: [t.fixture.a.schoolId],
      cadence: "quarterly",
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().tasks[0]).toMatchObject({
      units: ["基础教育股", "城关实验小学"],
      leadCount: 1,
      cadence: "quarterly",
    });
    const nothing = await inject(admin, "POST", `/api/plans/${planId}/tasks/assign`, { taskIds: [task("1")] });
    expect(nothing.json().error.code).toBe("NOTHING_TO_ASSIGN");
    const foreign = await inject(admin, "POST", `/api/plans/${planId}/tasks/assign`, {
      taskIds: [task("1")],
      lead: [t.fixture.b.deptId],
    });
    expect(foreign.statusCode).toBe(404);
    const gaps = (await inject(admin, "GET", `/api/plans/${planId}/gaps`)).json();
    expect(gaps.counts.unit).toBe(1);
  });

  it("publishing with gaps takes an explicit choice; the gaps then wait on the 待分配 list", async () => {
    const before = await rowCounts(t.db);
    const refused = await inject(admin, "POST", `/api/plans/${planId}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("PLAN_HAS_GAPS");
    expect(refused.json().error.details.tasks.map((x: { no: string }) => x.no)).toContain("2");
    expect(await rowCounts(t.db)).toEqual(before);

    const published = await inject(admin, "POST", `/api/plans/${planId}/publish`, { acceptGaps: true });
    expect(published.statusCode).toBe(200);
    expect(published.json().gaps).toEqual({ unit: 1, deadline: 1 });
    const pending = (await inject(admin, "GET", `/api/plans/${planId}/gaps`)).json();
    expect(
      pending.tasks.filter((x: { gaps: string[] }) => x.gaps.includes("unit")).map((x: { no: string }) => x.no),
    ).toEqual(["2"]);
    const groupTask = await t.db.selectFrom("assignments").select("org_id").where("task_id", "=", task("3")).execute();
    // 各基层党组织 (2 schools) + 各股室 (3 departments)
    expect(groupTask.length).toBe(5);
  });

  it("after publishing, units, deadlines and indicators stay editable, audited, the units notified", async () => {
    const res = await inject(admin, "POST", `/api/plans/${planId}/tasks/assign`, {
      taskIds: [task("2"), task("1")],
      lead: [t.fixture.a.schoolId],
      dueDate: "2024-10-31",
    });
    expect(res.statusCode).toBe(200);
    const rows = await t.db
      .selectFrom("assignments")
      .select(["org_id", "role", "deleted_at"])
      .where("task_id", "=", task("1"))
      .execute();
    expect(rows.filter((r) => r.deleted_at === null)).toEqual([
      { org_id: t.fixture.a.schoolId, role: "lead", deleted_at: null },
    ]);
    expect(rows.some((r) => r.org_id === t.fixture.a.deptId && r.deleted_at !== null)).toBe(true);
    const milestones = await t.db
      .selectFrom("milestones")
      .select(["due_date"])
      .where("task_id", "=", task("2"))
      .where("deleted_at", "is", null)
      .execute();
    expect(milestones.map((m) => String(m.due_date).slice(0, 10))).toEqual(["2024-10-31"]);
    const [notice] = await notifications(task("1"));
    expect((notice!.after as { orgIds: string[] }).orgIds.sort()).toEqual(
      [t.fixture.a.deptId, t.fixture.a.schoolId].sort(),
    );
    // In the 消息中心: the school, newly assigned to 2 and kept on 1 (now leading), and the
    // department, taken off 1, each told by name.
    const schoolBox = (await inject(school, "GET", "/api/supervision/notifications")).json().notifications as Inbox;
    const added = schoolBox.find((n) => n.event === "task_changed" && n.entityId === task("2"));
    expect(added?.title).toBe("您单位新承担任务“2 加强师德师风建设”");
    expect(added?.body).toContain("完成时限调整为 2024年10月31日前");
    const kept = schoolBox.find((n) => n.event === "task_changed" && n.entityId === task("1"));
    expect(kept?.title).toBe("任务“1 开展主题教育”已调整");
    expect(kept?.body).toBe(
      "任务“1 开展主题教育”：不再由 基础教育股 承担；城关实验小学改为牵头单位；完成时限调整为 2024年10月31日前",
    );
    expect(added?.body).toContain("新增牵头单位 城关实验小学");
    const dept = await loginAs(t.app, t.fixture.a.users.dept_head);
    const deptBox = (await inject(dept, "GET", "/api/supervision/notifications")).json().notifications as Inbox;
    expect(deptBox.find((n) => n.entityId === task("1"))?.title).toBe("您单位不再承担任务“1 开展主题教育”");
    const audit = await t.db.selectFrom("audit_events").select("action").where("entity_id", "=", task("2")).execute();
    expect(audit.map((a) => a.action)).toContain("assign");
    expect((await inject(admin, "GET", `/api/plans/${planId}/gaps`)).json().blocking).toBe(0);
    // The school now sees both tasks as its own.
    const mine = (await inject(school, "GET", "/api/tasks/mine")).json().tasks.map((x: { id: string }) => x.id);
    expect(mine).toEqual(expect.arrayContaining([task("1"), task("2")]));

    const target = {
      text: "培训覆盖率100%",
      subject: "培训覆盖率",
      op: ">=",
      value: 100,
      min: null,
      max: null,
      unit: "%",
    };
    const edited = await inject(admin, "PUT", `/api/plans/${planId}/tasks/${task("2")}/indicators`, {
      indicators: [target],
    });
    expect(edited.statusCode).toBe(200);
    const [indicator] = await t.db
      .selectFrom("indicators")
      .selectAll()
      .where("task_id", "=", task("2"))
      .where("deleted_at", "is", null)
      .execute();
    expect(indicator).toMatchObject({ subject: "培训覆盖率", target_value: 100 });
    const renamed = await inject(admin, "PUT", `/api/plans/${planId}/tasks/${task("2")}/indicators`, {
      indicators: [{ ...target, id: indicator!.id, value: 90 }],
    });
    expect(renamed.statusCode).toBe(200);
    const same = await t.db.selectFrom("indicators").selectAll().where("id", "=", indicator!.id).executeTakeFirst();
    expect(same).toMatchObject({ target_value: 90, deleted_at: null });
    const changed = (await inject(school, "GET", "/api/supervision/notifications")).json().notifications as Inbox;
    expect(changed.map((n) => n.body)).toContain("任务“2 加强师德师风建设”的指标调整为：培训覆盖率 不低于 90%");
    expect(changed.find((n) => n.body.includes("不低于 90%"))?.title).toBe("任务“2 加强师德师风建设”已调整");
    const stranger = await inject(admin, "PUT", `/api/plans/${planId}/tasks/${task("1")}/indicators`, {
      indicators: [{ ...target, id: indicator!.id }],
    });
    expect(stranger.statusCode).toBe(400);
  });

  it("a published plan is withdrawn with a reason, never deleted; its units no longer see it", async () => {
    const deleted = await inject(admin, "DELETE", `/api/plans/${planId}`);
    expect(deleted.json().error.code).toBe("PLAN_NOT_DELETABLE");
    expect((await inject(admin, "POST", `/api/plans/${planId}/withdraw`, {})).statusCode).toBe(400);
    const withdrawn = await inject(admin, "POST", `/api/plans/${planId}/withdraw`, { reason: "计划需按新文件修订" });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().plan).toMatchObject({ status: "withdrawn", statusReason: "计划需按新文件修订" });
    const mine = (await inject(school, "GET", "/api/tasks/mine")).json().tasks.map((x: { id: string }) => x.id);
    expect(mine).not.toContain(task("1"));
    const report = await inject(school, "POST", `/api/tasks/${task("1")}/reports`, {
      period: "2024-Q2",
      status: "in_progress",
      narrative: "已开展",
      percent: 20,
    });
    expect(report.statusCode).toBe(404);
    const [notice] = await t.db
      .selectFrom("audit_events")
      .select("after")
      .where("entity", "=", "notification")
      .where("entity_id", "=", planId)
      .execute();
    expect((notice!.after as { kind: string }).kind).toBe("withdrawn");
    const box = (await inject(school, "GET", "/api/supervision/notifications")).json().notifications as Inbox;
    expect(box.find((n) => n.entityId === planId)).toMatchObject({
      title: "计划“城关县教育和体育局2024年党建工作要点”已撤回",
      body: "计划“城关县教育和体育局2024年党建工作要点”已撤回：计划需按新文件修订",
    });
    expect((await inject(admin, "POST", `/api/plans/${planId}/withdraw`, { reason: "再次撤回" })).statusCode).toBe(409);
    const archived = await inject(admin, "POST", `/api/plans/${planId}/archive`, {});
    expect(archived.json().plan.status).toBe("archived");
    const still = await t.db.selectFrom("plans").select(["deleted_at"]).where("id", "=", planId).executeTakeFirst();
    expect(still?.deleted_at).toBeNull();
    expect((await inject(admin, "DELETE", `/api/org-groups/${groupId}`)).statusCode).toBe(204);
  });
});
