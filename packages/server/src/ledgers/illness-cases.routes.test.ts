import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../auth/auth.service.js";
import { storeEvidence } from "../files/files.service.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { PASSWORD } from "../test/fixture.js";
import { createUser } from "../users/users.service.js";

/**
 * Illness-absence cases over HTTP: the 班主任 registers a student of their class, follows up, asks
 * for 复课 with the certificate; the school's 疫情报告人 checks it (never the 班主任); who sees what
 * (another 班主任 nothing, the bureau counts only); bad input writes nothing; reveals are audited.
 */

let t: TestContext;
let school: Session;
let dept: Session;
let teacher1: Session;
let teacher2: Session;
let classA = "";
let certificate = "";
/** Friday 2024-05-10, 10:00 in Shanghai. */
const clock = new Date("2024-05-10T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  const teacher = async (username: string) =>
    (
      await createUser(t.db, null, {
        orgId: t.fixture.a.schoolId,
        username,
        displayName: username,
        password: PASSWORD,
        role: "school_reporter",
      })
    ).id;
  const t1 = await teacher("case_teacher1");
  const t2 = await teacher("case_teacher2");
  teacher1 = await loginAs(t.app, "case_teacher1");
  teacher2 = await loginAs(t.app, "case_teacher2");
  const make = async (name: string, headTeacherId: string) =>
    (
      await t.app.inject({
        method: "POST",
        url: "/api/ledgers/health/classes",
        headers: school.headers,
        payload: { name, enrolled: 40, headTeacherId },
      })
    ).json().id as string;
  classA = await make("二年级1班", t1);
  await make("二年级2班", t2);
  const user = await t.db.selectFrom("users").selectAll().where("id", "=", t1).executeTakeFirstOrThrow();
  const file = await storeEvidence(t.db, t.files, await actorFor(t.db, user), {
    bytes: new TextEncoder().encode("复课证明"),
    filename: "复课证明.txt",
  });
  certificate = file.id;
}, 120_000);
afterAll(() => t.close());

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
const caseRows = async () =>
  Number(
    (
      await t.db
        .selectFrom("ledger_history")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const registration = () => ({
  classId: classA,
  studentName: "王小明",
  onsetOn: "2024-05-06",
  absentFrom: "2024-05-06",
  symptoms: ["fever", "cough"],
  medicalVisit: "outpatient",
});

let caseId = "";

describe("illness-absence case to 复课", () => {
  it("the 班主任 registers a student of their class; the name is masked; a second open case is refused", async () => {
    const res = await send(teacher1, "POST", "/api/ledgers/health/cases", registration());
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json().case;
    caseId = c.id;
    expect(c).toMatchObject({
      state: "ill_absent",
      studentName: "王*明",
      className: "二年级1班",
      symptoms: ["fever", "cough"],
      daysAbsent: 5,
    });
    expect(res.body).not.toContain("王小明");
    expect(c.history.map((h: { action: string }) => h.action)).toEqual(["record"]);
    const again = await send(teacher1, "POST", "/api/ledgers/health/cases", registration());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("ILLNESS_CASE_OPEN");
  });

  it("bad input and other classes are refused with nothing written", async () => {
    const before = await caseRows();
    const cases: [Session, object, number, string][] = [
      [teacher2, registration(), 404, "CLASS_NOT_FOUND"],
      [teacher1, { ...registration(), studentName: "李华", symptoms: ["sneezing"] }, 400, "VALIDATION"],
      [teacher1, { ...registration(), studentName: "李华", onsetOn: "2024-05-08" }, 400, "ONSET_AFTER_ABSENCE"],
      [teacher1, { ...registration(), studentName: "李华", absentFrom: "2024-05-11" }, 400, "ILLNESS_DATE_IN_FUTURE"],
    ];
    for (const [session, payload, status, code] of cases) {
      const res = await send(session, "POST", "/api/ledgers/health/cases", payload);
      expect(res.statusCode, res.body).toBe(status);
      if (code !== "VALIDATION") expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await send(teacher2, "GET", `/api/ledgers/health/cases/${caseId}`)).statusCode).toBe(404);
    const step = await send(teacher2, "POST", `/api/ledgers/health/cases/${caseId}/steps`, {
      action: "follow_up",
      fields: { followOn: "2024-05-07", followNote: "x" },
    });
    expect(step.statusCode).toBe(404);
    expect(await caseRows()).toBe(before);
  });

  it("follow-ups record 就诊 and diagnosis in the history", async () => {
    const res = await send(teacher1, "POST", `/api/ledgers/health/cases/${caseId}/steps`, {
      action: "follow_up",
      fields: { followOn: "2024-05-07", followNote: "县医院就诊，诊断流感，居家休息", diagnosis: "influenza" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().case).toMatchObject({ state: "ill_absent", diagnosis: "influenza", followCount: 1 });
  });

  it("复课 needs the certificate, asked by the 班主任 and checked by the school doctor only", async () => {
    const url = `/api/ledgers/health/cases/${caseId}/steps`;
    const noCertificate = await send(teacher1, "POST", url, {
      action: "request_resume",
      fields: { resumeOn: "2024-05-10" },
    });
    expect(noCertificate.json().error.code).toBe("CERTIFICATE_REQUIRED");
    const asked = await send(teacher1, "POST", url, {
      action: "request_resume",
      fields: { resumeOn: "2024-05-10", certificate: [certificate], certificateIssuer: "县人民医院" },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().case).toMatchObject({ state: "resume_pending", daysAbsent: 4 });
    const byTeacher = await send(teacher1, "POST", url, { action: "verify_resume", fields: {} });
    expect(byTeacher.json().error.code).toBe("VERIFIER_NOT_SCHOOL_DOCTOR");
    const twice = await send(teacher1, "POST", url, {
      action: "follow_up",
      fields: { followOn: "2024-05-09", followNote: "x" },
    });
    expect(twice.json().error.code).toBe("TRANSITION_NOT_ALLOWED");
    const checked = await send(school, "POST", url, { action: "verify_resume", fields: { verifyNote: "证明有效" } });
    expect(checked.statusCode, checked.body).toBe(200);
    const done = checked.json().case;
    expect(done.state).toBe("resumed");
    expect(done.verifiedOn).toBe("2024-05-10");
    expect(done.history.map((h: { action: string }) => h.action)).toEqual([
      "record",
      "follow_up",
      "request_resume",
      "verify_resume",
    ]);
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "after"])
      .where("entity_id", "=", caseId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "follow_up", "request_resume", "verify_resume"]);
    expect(JSON.stringify(audit)).not.toContain("王小明");
  });

  it("the school sees every case, the bureau counts only; a reveal is audited", async () => {
    const mine = (await send(teacher1, "GET", "/api/ledgers/health/cases")).json();
    expect(mine).toMatchObject({ scope: "teacher", schools: [] });
    expect(mine.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect((await send(teacher2, "GET", "/api/ledgers/health/cases")).json().cases).toEqual([]);
    expect((await send(school, "GET", "/api/ledgers/health/cases")).json().cases).toHaveLength(1);
    const bureau = await send(dept, "GET", "/api/ledgers/health/cases");
    expect(bureau.json()).toMatchObject({
      scope: "bureau",
      cases: [],
      schools: [{ orgId: t.fixture.a.schoolId, illAbsent: 0, resumePending: 0, resumed: 1 }],
    });
    expect(bureau.body).not.toContain("王");
    const reveal = await send(school, "POST", `/api/ledgers/health/cases/${caseId}/reveal`);
    expect(reveal.json()).toEqual({ id: caseId, studentName: "王小明" });
    const audited = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", caseId)
      .where("action", "=", "reveal")
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe("school summary built from the class checks", () => {
  const check = (session: Session, classId: string, students: object[] = []) =>
    send(session, "POST", "/api/ledgers/health/checks", {
      classId,
      date: "2024-05-10",
      slot: "morning",
      ...(students.length ? { present: 40 - students.length, students } : {}),
    });

  it("only the school's 疫情报告人 submits it, with one action; totals come from the checks; the bureau sees it", async () => {
    const classes = (await send(school, "GET", "/api/ledgers/health/classes")).json().classes as {
      id: string;
      name: string;
    }[];
    const classB = classes.find((c) => c.name === "二年级2班")!.id;
    const empty = await send(school, "POST", "/api/ledgers/health/summaries", { date: "2024-05-10", slot: "morning" });
    expect(empty.json().error.code).toBe("SUMMARY_NO_CHECKS");
    expect((await check(teacher1, classA)).statusCode).toBe(201);
    const byTeacher = await send(teacher1, "POST", "/api/ledgers/health/summaries", {
      date: "2024-05-10",
      slot: "morning",
    });
    expect(byTeacher.json().error.code).toBe("SUMMARY_SCHOOL_ONLY");

    const first = await send(school, "POST", "/api/ledgers/health/summaries", { date: "2024-05-10", slot: "morning" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      version: 1,
      submitted: { classes: 2, submittedClasses: 1, zeroClasses: 1, expected: 40, present: 40, illAbsent: 0 },
    });
    expect(first.json().submitted.missingClasses).toEqual(["二年级2班"]);

    // A late class check: the live totals move, the submitted summary stays until resubmitted.
    await check(teacher2, classB, [{ name: "李华", symptoms: ["fever", "cough"] }]);
    const bureau = (await send(dept, "GET", "/api/ledgers/health/summaries?date=2024-05-10")).json();
    const row = bureau.summaries.find(
      (s: { orgId: string; slot: string }) => s.orgId === t.fixture.a.schoolId && s.slot === "morning",
    );
    expect(row.submitted.illAbsent).toBe(0);
    expect(row.live).toMatchObject({ submittedClasses: 2, illAbsent: 1, symptoms: { fever: 1, cough: 1 } });
    expect(JSON.stringify(bureau)).not.toContain("李");

    const again = await send(school, "POST", "/api/ledgers/health/summaries", { date: "2024-05-10", slot: "morning" });
    expect(again.json()).toMatchObject({ version: 2, submittedAt: first.json().submittedAt });
    expect(again.json().submitted).toMatchObject({ submittedClasses: 2, illAbsent: 1, missingClasses: [] });
    expect((await send(teacher1, "GET", "/api/ledgers/health/summaries")).json().summaries).toEqual([]);
  });
});
