import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { allCounts, uploadPhoto } from "../test/hazards.js";

let t: TestContext;
let school: Session;
let dept: Session;
let supervisor: Session;
let leader: Session;
let otherSchool: Session;
/** The app's clock: a test moves it. */
let clock = new Date("2024-09-02T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
  leader = await loginAs(t.app, t.fixture.a.users.leader);
  otherSchool = await loginAs(t.app, t.fixture.b.users.school_reporter);
}, 120_000);
afterAll(() => t.close());

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

async function refused(session: Session, url: string, payload: object, status: number, code: string) {
  const before = await allCounts(t.db);
  const res = await send(session, "POST", url, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await allCounts(t.db)).toEqual(before);
}

const aCase = (over: object = {}) => ({
  studentName: "王小明",
  studentNo: "G430102201001011234",
  grade: "七年级",
  guardianName: "王大明",
  guardianPhone: "13812345678",
  riskLevel: "high",
  reason: "study_weariness",
  source: "absence",
  foundOn: "2024-09-02",
  responsibleName: "李老师",
  ...over,
});

const indicators = async (session: Session, asOf: string) =>
  Object.fromEntries(
    (await send(session, "GET", `/api/ledgers/dropout-indicators?from=2024-01-01&to=2024-12-31&asOf=${asOf}`))
      .json()
      .metrics.map((m: { metric: string; value: number | null }) => [m.metric, m.value]),
  );

describe("a dropout case: 在册风险 → 已辍学 → 劝返中 → 已返校", () => {
  it("the school records, persuades twice with evidence and confirms the return; no step is skipped", async () => {
    const created = await send(school, "POST", "/api/ledgers/dropout-cases", aCase());
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json().case;
    const url = `/api/ledgers/dropout-cases/${c.id}`;
    expect(c).toMatchObject({ state: "at_risk", escalated: false, visitCount: 0 });
    // Personal data masked in the answer, the history and the audit trail.
    expect(c.fields.studentName).toBe("王*明");
    expect(c.fields.studentNo).toBe("G430***********1234");
    expect(c.fields.guardianPhone).toBe("138****5678");
    expect(JSON.stringify(c)).not.toContain("G430102201001011234");
    const audit = await t.db.selectFrom("audit_events").select("after").where("entity_id", "=", c.id).execute();
    expect(JSON.stringify(audit)).not.toContain("13812345678");

    // One open case per student (学籍号).
    await refused(school, "/api/ledgers/dropout-cases", aCase(), 409, "DROPOUT_CASE_OPEN");
    // Persuasion before the dropout is confirmed, and a return without persuasion, are refused.
    await refused(
      school,
      `${url}/steps`,
      { action: "confirm_return", fields: { returnedOn: "2024-09-02", attendanceDays: 20 } },
      409,
      "TRANSITION_NOT_ALLOWED",
    );
    clock = new Date("2024-09-05T02:00:00Z");
    const dropped = await send(school, "POST", `${url}/steps`, {
      action: "confirm_dropout",
      fields: { droppedOn: "2024-09-04" },
    });
    expect(dropped.json().case.state, dropped.body).toBe("dropped_out");
    expect(await indicators(school, "2024-09-05")).toMatchObject({ dropout_count: 1, persuasion_rate: 0 });
    await refused(
      school,
      `${url}/steps`,
      { action: "place_other", fields: { placement: "transfer_verified", placementOn: "2024-09-05" } },
      400,
      "PLACEMENT_INCOMPLETE",
    );
    await refused(
      school,
      `${url}/steps`,
      { action: "persuade", fields: { visitOn: "2024-09-05", visitMethod: "home_visit" } },
      400,
      "VISIT_INCOMPLETE",
    );
    await refused(
      school,
      `${url}/steps`,
      {
        action: "persuade",
        fields: { visitOn: "2024-09-03", visitMethod: "home_visit", visitPeople: "李老师", visitResult: "未见" },
      },
      400,
      "VISIT_BEFORE_DROPOUT",
    );

    const photo = await uploadPhoto(t, school, "家访.png");
    clock = new Date("2024-09-06T02:00:00Z");
    for (const [day, result] of [
      ["2024-09-05", "家长同意配合"],
      ["2024-09-06", "学生同意返校"],
    ] as const) {
      const res = await send(school, "POST", `${url}/steps`, {
        action: "persuade",
        fields: {
          visitOn: day,
          visitMethod: "home_visit",
          visitPeople: "李老师、村干部张某",
          visitResult: result,
          visitEvidence: [photo],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // Another school's file is no evidence here.
    const foreign = await uploadPhoto(t, otherSchool);
    await refused(
      school,
      `${url}/steps`,
      {
        action: "persuade",
        fields: {
          visitOn: "2024-09-05",
          visitMethod: "talk",
          visitPeople: "李老师",
          visitResult: "谈话",
          visitEvidence: [foreign],
        },
      },
      400,
      "EVIDENCE_NOT_FOUND",
    );
    const detail = (await send(school, "GET", url)).json().case;
    expect(detail).toMatchObject({ state: "persuading", visitCount: 2 });
    expect(detail.visits.map((v: { visitOn: string; result: string }) => [v.visitOn, v.result])).toEqual([
      ["2024-09-05", "家长同意配合"],
      ["2024-09-06", "学生同意返校"],
    ]);
    expect(detail.visits[1].evidence).toEqual([photo]);

    // The return is confirmed after the region's days of attendance (10 by default).
    clock = new Date("2024-09-20T02:00:00Z");
    await refused(
      school,
      `${url}/steps`,
      { action: "confirm_return", fields: { returnedOn: "2024-09-09", attendanceDays: 5 } },
      400,
      "RETURN_NOT_CONFIRMED",
    );
    const back = await send(school, "POST", `${url}/steps`, {
      action: "confirm_return",
      fields: { returnedOn: "2024-09-09", attendanceDays: 10, returnEvidence: [photo] },
    });
    expect(back.json().case, back.body).toMatchObject({ state: "returned", fields: { closedOn: "2024-09-20" } });
    expect(await indicators(school, "2024-09-05")).toMatchObject({ dropout_count: 1 });
    expect(await indicators(school, "2024-09-20")).toMatchObject({ dropout_count: 0, persuasion_rate: 100 });
  });

  it("the bureau counts every school's cases but reads only those escalated to it; reveal is audited", async () => {
    const res = await send(school, "POST", "/api/ledgers/dropout-cases", aCase({ studentNo: "G430102201002021111" }));
    const id = res.json().case.id as string;
    const url = `/api/ledgers/dropout-cases/${id}`;
    for (const s of [dept, supervisor, leader, otherSchool]) expect((await send(s, "GET", url)).statusCode).toBe(404);
    const listed = (await send(dept, "GET", "/api/ledgers/dropout-cases")).json();
    expect(listed.cases.map((c: { id: string }) => c.id)).not.toContain(id);
    const mine = listed.schools.find((s: { orgId: string }) => s.orgId === t.fixture.a.schoolId);
    expect(mine.byState.at_risk).toBeGreaterThanOrEqual(1);
    expect((await send(otherSchool, "GET", "/api/ledgers/dropout-cases")).json().cases).toEqual([]);

    await send(school, "POST", `${url}/steps`, { action: "confirm_dropout", fields: { droppedOn: "2024-09-20" } });
    const escalated = await send(school, "POST", `${url}/steps`, {
      action: "escalate",
      fields: { escalationNote: "家长外出务工，学校多次联系未果" },
    });
    expect(escalated.json().case, escalated.body).toMatchObject({ state: "dropped_out", escalated: true });
    await refused(school, `${url}/steps`, { action: "escalate", fields: {} }, 400, "ALREADY_ESCALATED");
    expect((await send(dept, "GET", url)).statusCode).toBe(200);
    expect((await send(leader, "GET", url)).json().case.fields.studentName).toBe("王*明");
    expect((await send(leader, "POST", `${url}/reveal`)).statusCode).toBe(403);
    const revealed = await send(dept, "POST", `${url}/reveal`);
    expect(revealed.json().fields).toMatchObject({ studentNo: "G430102201002021111", guardianPhone: "13812345678" });
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", id)
      .where("action", "=", "reveal")
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe("student aid: 认定, 发放 and the 应助尽助 checks", () => {
  it("lists a student identified but not aided until aided; double aid and aid without identification too", async () => {
    clock = new Date("2024-10-07T02:00:00Z");
    const evidence = await uploadPhoto(t, school, "低保证.png");
    const applied = await send(school, "POST", "/api/ledgers/aid-identifications", {
      studentName: "赵小红",
      studentNo: "G430102201103033333",
      stage: "junior",
      schoolYear: "2024-2025",
      basis: "minimum_living",
      level: "special",
      appliedOn: "2024-09-10",
      evidence: [evidence],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const identId = applied.json().record.id as string;
    const identified = await send(school, "POST", `/api/ledgers/aid-identifications/${identId}/steps`, {
      action: "identify",
      fields: { reviewNote: "评议小组通过，公示无异议" },
    });
    expect(identified.json().record, identified.body).toMatchObject({ state: "identified" });

    const checks = async () =>
      (await send(dept, "GET", "/api/ledgers/aid-checks?schoolYear=2024-2025")).json() as {
        items: { check: string; studentNo: string; recordIds: string[] }[];
        schools: { orgId: string; unaided: number; identified: number }[];
      };
    clock = new Date("2024-10-08T02:00:00Z");
    const first = await checks();
    expect(first.items.filter((i) => i.check === "unaided").map((i) => i.recordIds)).toEqual([[identId]]);
    expect(first.items[0]!.studentNo).toBe("G430***********3333");
    expect(await indicators(school, "2024-10-08")).toMatchObject({ aid_coverage: 0 });

    await refused(
      school,
      "/api/ledgers/aid-payments",
      {
        studentName: "赵小红",
        studentNo: "G430102201103033333",
        stage: "senior",
        programme: "living_allowance",
        schoolYear: "2024-2025",
        term: "autumn",
        paidOn: "2024-10-08",
        method: "bank_card",
      },
      400,
      "AID_STAGE_MISMATCH",
    );
    const pay = (studentNo: string) =>
      send(school, "POST", "/api/ledgers/aid-payments", {
        studentName: "赵小红",
        studentNo,
        stage: "junior",
        programme: "living_allowance",
        schoolYear: "2024-2025",
        term: "autumn",
        boarding: true,
        paidOn: "2024-10-08",
        method: "bank_card",
      });
    const paid = await pay("G430102201103033333");
    // The amount by the region's standard: 初中寄宿生 1500 元/年, half a term.
    expect(paid.json().record, paid.body).toMatchObject({ state: "paid", fields: { amount: 750 } });
    const second = await checks();
    expect(second.items.filter((i) => i.check === "unaided")).toEqual([]);
    expect(await indicators(school, "2024-10-08")).toMatchObject({ aid_coverage: 100 });

    await pay("G430102201103033333");
    await pay("G430102201104044444");
    const third = await checks();
    expect(third.items.map((i) => i.check).sort()).toEqual(["duplicate", "unidentified"]);
    // As of the day before the payments, the student was still unaided.
    const before = (await send(dept, "GET", "/api/ledgers/aid-checks?schoolYear=2024-2025&asOf=2024-10-07")).json() as {
      items: { check: string }[];
    };
    expect(before.items.map((i) => i.check)).toEqual(["unaided"]);
    // Another bureau sees nothing of it.
    expect((await send(otherSchool, "GET", "/api/ledgers/aid-checks?schoolYear=2024-2025")).json().items).toEqual([]);
  });
});
