import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../auth/auth.service.js";
import { CACHE_HEADER } from "../http/read-cache.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { PASSWORD } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { within } from "../test/within.js";
import { createUser } from "../users/users.service.js";
import { bindIndicator } from "./bindings.service.js";
import { withLedgerActuals } from "./ledger-actuals.js";

/**
 * Daily health reports over HTTP: classes and their 班主任, the 晨午检 zero report and illness
 * absences with named students (masked, revealed with an audit entry, never shown to the bureau),
 * bad input refused with nothing written, the day's submissions by school with completeness and
 * timeliness, chasing after the cut-off, the school calendar, and a bound indicator.
 */

let t: TestContext;
let school: Session;
let dept: Session;
let teacher1: Session;
let teacher2: Session;
let teacherIds: { t1: string; t2: string };
const classIds: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };
/** Monday 2024-05-06, 08:30 in Shanghai (before the 09:00 morning cut-off). */
let clock = new Date("2024-05-06T00:30:00Z");
const at = (iso: string) => {
  clock = new Date(iso);
};

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  const teacher = async (username: string, displayName: string) =>
    (
      await createUser(t.db, null, {
        orgId: t.fixture.a.schoolId,
        username,
        displayName,
        password: PASSWORD,
        role: "school_reporter",
      })
    ).id;
  teacherIds = { t1: await teacher("banzhuren1", "班主任陈静"), t2: await teacher("banzhuren2", "班主任赵磊") };
  teacher1 = await loginAs(t.app, "banzhuren1");
  teacher2 = await loginAs(t.app, "banzhuren2");
}, 120_000);
afterAll(() => t.close());

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

const returnRows = async () =>
  Number(
    (
      await t.db
        .selectFrom("ledger_returns")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function refused(session: Session, payload: object, status: number, code: string) {
  const before = await returnRows();
  const res = await send(session, "POST", "/api/ledgers/health/checks", payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await returnRows()).toBe(before);
}

describe("classes and the daily class check", () => {
  it("the school's reporter creates classes with their 班主任; a 班主任 sees their own class only", async () => {
    for (const [key, name, headTeacherId] of [
      ["a", "一年级1班", teacherIds.t1],
      ["b", "一年级2班", teacherIds.t2],
      ["c", "一年级3班", null],
    ] as const) {
      const res = await send(school, "POST", "/api/ledgers/health/classes", { name, enrolled: 40, headTeacherId });
      expect(res.statusCode, res.body).toBe(201);
      classIds[key] = res.json().id;
    }
    const foreign = await createUser(t.db, null, {
      orgId: t.fixture.a.middleSchoolId,
      username: "other_teacher",
      displayName: "他校教师",
      password: PASSWORD,
      role: "school_reporter",
    });
    const bad = await send(school, "POST", "/api/ledgers/health/classes", {
      name: "二年级1班",
      enrolled: 40,
      headTeacherId: foreign.id,
    });
    expect(bad.json().error.code).toBe("HEAD_TEACHER_NOT_FOUND");

    const mine = (await send(teacher1, "GET", "/api/ledgers/health/classes")).json();
    expect(mine.scope).toBe("teacher");
    expect(mine.classes.map((c: { name: string }) => c.name)).toEqual(["一年级1班"]);
    const all = (await send(school, "GET", "/api/ledgers/health/classes")).json();
    expect(all.scope).toBe("school");
    expect(all.classes).toHaveLength(3);
  });

  it("one tap submits 无异常: 应到 and 实到 default to the class's enrolment", async () => {
    const res = await send(teacher1, "POST", "/api/ledgers/health/checks", {
      classId: classIds.a,
      date: "2024-05-06",
      slot: "morning",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ zero: true, expected: 40, present: 40, illAbsent: 0, students: [] });
  });

  it("an illness absence names the students; symptoms are counted from them; names are masked and remembered", async () => {
    const res = await send(teacher2, "POST", "/api/ledgers/health/checks", {
      classId: classIds.b,
      date: "2024-05-06",
      slot: "morning",
      present: 36,
      students: [
        { name: "王小明", symptoms: ["fever", "cough"] },
        { name: "李华", symptoms: ["fever", "cough"] },
        { name: "张三丰", symptoms: ["fever"] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json();
    expect(check).toMatchObject({
      zero: false,
      expected: 40,
      present: 36,
      illAbsent: 3,
      symptoms: { fever: 3, cough: 2 },
    });
    expect(check.students.map((s: { name: string }) => s.name)).toEqual(["王*明", "李*", "张*丰"]);
    expect(JSON.stringify(check)).not.toContain("王小明");
    const classes = (await send(teacher2, "GET", "/api/ledgers/health/classes")).json().classes;
    expect(classes[0].roster).toEqual(["王*明", "李*", "张*丰"]);
  });

  it("another class's 班主任 cannot write or read it; bad counts and days are refused and nothing is written", async () => {
    await refused(teacher1, { classId: classIds.b, date: "2024-05-06", slot: "noon" }, 404, "CLASS_NOT_FOUND");
    await refused(
      teacher1,
      { classId: classIds.a, date: "2024-05-06", slot: "noon", present: 41 },
      400,
      "CHECK_COUNTS_INVALID",
    );
    const noonWith = (present: number, names: string[]) => ({
      classId: classIds.a,
      date: "2024-05-06",
      slot: "noon",
      present,
      students: names.map((name, i) => ({ name, symptoms: [i % 2 ? "rash" : "fever"] })),
    });
    await refused(teacher1, noonWith(39, ["甲", "乙"]), 400, "CHECK_COUNTS_INVALID");
    await refused(teacher1, noonWith(38, ["甲", "甲"]), 400, "CHECK_STUDENTS_MISMATCH");
    await refused(teacher1, { classId: classIds.a, date: "2024-05-04", slot: "morning" }, 400, "CHECK_DAY_CLOSED");
    await refused(teacher1, { classId: classIds.a, date: "2024-05-07", slot: "morning" }, 400, "CHECK_DATE_IN_FUTURE");
    const bad = await send(teacher1, "POST", "/api/ledgers/health/checks", {
      classId: classIds.a,
      date: "2024-05-06",
      slot: "morning",
      present: 39,
      students: [{ name: "甲", symptoms: ["sneezing"] }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it("the 班主任 and the school's reporter reveal names (audited); the bureau sees counts only and cannot reveal", async () => {
    const key = { classId: classIds.b, date: "2024-05-06", slot: "morning" };
    const revealed = await send(teacher2, "POST", "/api/ledgers/health/checks/reveal", key);
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().students.map((s: { name: string }) => s.name)).toEqual(["王小明", "李华", "张三丰"]);
    expect((await send(school, "POST", "/api/ledgers/health/checks/reveal", key)).statusCode).toBe(200);
    expect((await send(teacher1, "POST", "/api/ledgers/health/checks/reveal", key)).statusCode).toBe(404);
    expect((await send(dept, "POST", "/api/ledgers/health/checks/reveal", key)).statusCode).toBe(403);
    const reveals = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity", "=", "ledger_return")
      .where("action", "=", "reveal")
      .execute();
    expect(reveals).toHaveLength(2);
    const board = await send(dept, "GET", "/api/ledgers/health/checks?date=2024-05-06");
    const b = board.json().checks.find((c: { classId: string }) => c.classId === classIds.b);
    expect(b).toMatchObject({ illAbsent: 3, symptoms: { fever: 3, cough: 2 }, students: [] });
    expect(board.body).not.toContain("王");
    expect(board.json().classes.every((c: { roster: string[] }) => c.roster.length === 0)).toBe(true);
  });
});

describe("completeness, timeliness and chasing", () => {
  it("after the morning cut-off the silent class is missing; chasing reminds once; a late check is late", async () => {
    at("2024-05-06T02:00:00Z"); // 10:00
    const day = (await send(dept, "GET", "/api/ledgers/returns/day?type=health_check&date=2024-05-06")).json();
    const s = day.schools.find((x: { orgId: string }) => x.orgId === t.fixture.a.schoolId);
    expect(s).toMatchObject({ expected: 6, submitted: 2, zero: 1, timely: 2, missing: 1, pending: 3 });
    expect(s.completeness).toBeCloseTo(66.67);
    // Counts only for the county (cases by symptom, no names); the classes on click-through to one school.
    expect(s).toMatchObject({ illAbsent: 3, symptoms: { fever: 3, cough: 2 } });
    expect(day.items).toEqual([]);
    const clicked = (
      await send(dept, "GET", `/api/ledgers/returns/day?type=health_check&date=2024-05-06&orgId=${s.orgId}`)
    ).json();
    const { illAbsent: _ill, symptoms: _symptoms, ...counts } = s;
    expect(clicked.schools).toEqual([counts]);
    const missing = clicked.items.filter((i: { status: string }) => i.status === "missing");
    expect(missing.map((i: { unitName: string; slot: string }) => `${i.unitName} ${i.slot}`)).toEqual([
      "一年级3班 morning",
    ]);

    const chase = await send(dept, "POST", "/api/ledgers/returns/chase", { type: "health_check" });
    // One for the silent class, one for the outbreak alert the three fevers opened (below).
    expect(chase.json()).toMatchObject({ notifications: 2 });
    expect((await send(dept, "POST", "/api/ledgers/returns/chase", { type: "health_check" })).json()).toMatchObject({
      notifications: 0,
    });
    // The class has no 班主任: the school is reminded.
    const inbox = (await send(school, "GET", "/api/supervision/notifications")).json();
    expect(JSON.stringify(inbox)).toContain("一年级3班");

    at("2024-05-06T02:05:00Z");
    expect(
      (
        await send(school, "POST", "/api/ledgers/health/checks", {
          classId: classIds.c,
          date: "2024-05-06",
          slot: "morning",
        })
      ).statusCode,
    ).toBe(201);

    // After the noon cut-off every class owes its 午检: each 班主任 is chased personally.
    at("2024-05-06T07:00:00Z"); // 15:00
    expect((await send(dept, "POST", "/api/ledgers/returns/chase", { type: "health_check" })).json()).toMatchObject({
      notifications: 3,
    });
    const mine = (await send(teacher1, "GET", "/api/supervision/notifications")).json();
    expect(JSON.stringify(mine)).toContain("一年级1班");
    expect(JSON.stringify(mine)).not.toContain("一年级2班 2024-05-06 午检");

    const report = (
      await send(dept, "GET", "/api/ledgers/returns?type=health_check&from=2024-05-01&to=2024-05-31")
    ).json();
    expect(report.summary).toMatchObject({ due: 6, submitted: 3, timely: 2, late: 1, missing: 3 });
    expect(report.summary.completeness).toBe(50);
    expect(report.summary.timeliness).toBeCloseTo(33.33);
    expect(report.overdueTotal).toBe(4);
    // The school sees its own; the other bureau's school sees nothing of it.
    const other = await loginAs(t.app, t.fixture.b.users.school_reporter);
    const theirs = (
      await send(other, "GET", "/api/ledgers/returns?type=health_check&from=2024-05-01&to=2024-05-31")
    ).json();
    expect(theirs.summary.expected).toBe(0);
  });

  it("the day view is kept until a write or until its first pending return falls due, then recomputed", async () => {
    const url = "/api/ledgers/returns/day?type=health_check&date=2024-05-08";
    const view = async () => {
      const res = await send(dept, "GET", url);
      return { cache: res.headers[CACHE_HEADER], missing: res.json().summary.missing as number };
    };
    at("2024-05-08T00:00:00Z"); // 08:00, before the morning cut-off: everything pending
    expect((await view()).missing).toBe(0);
    // Kept: on PGlite nothing else writes meanwhile; on PostgreSQL any commit anywhere (another
    // test file's) moves every answer, so it is read until it comes from the cache.
    const kept = await within(
      10,
      () => view(),
      (v) => v.cache === "hit",
    );
    expect(kept).toEqual({ cache: "hit", missing: 0 });
    // No write, only time: past the morning cut-off the kept answer is stale and recomputed.
    at("2024-05-08T05:00:00Z"); // 13:00
    const after = await view();
    expect(after.cache).toBe("miss");
    expect(after.missing).toBeGreaterThan(0);
  });

  it("the school calendar: a closed day owes nothing and refuses checks; a bad schedule is refused", async () => {
    const schedule = (await send(dept, "GET", "/api/ledgers/returns/schedule?type=health_check")).json();
    expect(schedule.slots.map((x: { time: string }) => x.time)).toEqual(["09:00", "14:30"]);
    const bad = await send(dept, "PUT", "/api/ledgers/returns/schedule?type=health_check", {
      ...schedule,
      closedDays: ["2024-02-30"],
    });
    expect(bad.json().error.code).toBe("RETURN_SCHEDULE_INVALID");
    expect(
      (
        await send(school, "PUT", "/api/ledgers/returns/schedule?type=health_check", {
          ...schedule,
          closedDays: ["2024-05-07"],
        })
      ).statusCode,
    ).toBe(403);
    const ok = await send(dept, "PUT", "/api/ledgers/returns/schedule?type=health_check", {
      ...schedule,
      closedDays: ["2024-05-07"],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    at("2024-05-07T08:00:00Z");
    await refused(teacher1, { classId: classIds.a, date: "2024-05-07", slot: "morning" }, 400, "CHECK_DAY_CLOSED");
    const day = (await send(dept, "GET", "/api/ledgers/returns/day?type=health_check&date=2024-05-07")).json();
    expect(day.summary.expected).toBe(0);
  });

  it("an indicator bound to 晨午检报告完整率 takes the computed value as of a day", async () => {
    const { taskIds } = await publishedPlan(t.db, t.fixture.a.bureauId);
    const indicator = await t.db
      .selectFrom("indicators")
      .selectAll()
      .where("task_id", "in", taskIds)
      .orderBy("seq")
      .executeTakeFirstOrThrow();
    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", t.fixture.a.users.supervisor)
      .executeTakeFirstOrThrow();
    const supervisor = await actorFor(t.db, user);
    await bindIndicator(t.db, supervisor, indicator.id, "health_check_completeness", () => clock);
    const [row] = await withLedgerActuals(t.db, [{ ...indicator, actual: null }], "2024-05-06");
    // 2024-05-06 as of its end: 6 due, 3 submitted. Later days of the year are not yet due.
    expect(row!.actual).toBe(50);
  });
});

describe("outbreak alerts", () => {
  it("three students with fever in one class on one day open an alert due in 24 h; unconfirmed it is overdue and escalated; the school confirms", async () => {
    at("2024-05-07T08:00:00Z");
    const list = (await send(school, "GET", "/api/ledgers/health/alerts")).json().alerts;
    expect(list).toHaveLength(1);
    const alert = list[0];
    expect(alert).toMatchObject({
      ruleId: "class-1d-fever",
      scope: "class",
      unitName: "一年级2班",
      count: 3,
      windowFrom: "2024-05-06",
      windowTo: "2024-05-06",
      detectedAt: "2024-05-06T00:30:00.000Z",
      dueAt: "2024-05-07T00:30:00.000Z",
      reportedAt: null,
      overdue: true,
    });
    // The bureau sees the alert, never a name.
    const bureau = await send(dept, "GET", "/api/ledgers/health/alerts");
    expect(bureau.json().alerts.map((a: { id: string }) => a.id)).toEqual([alert.id]);
    expect(bureau.body).not.toContain("王小明");

    // On the warnings board until confirmed, red (overdue) past its due time.
    const board = (await send(dept, "GET", "/api/supervision/status")).json();
    expect(board.outbreaks.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([[alert.id, true]]);
    const chased = await send(dept, "POST", "/api/ledgers/returns/chase", { type: "health_check" });
    expect(chased.statusCode, chased.body).toBe(200);
    const reminders = await t.db
      .selectFrom("notifications")
      .select(["org_id", "event"])
      .where("entity_kind", "=", "outbreak_alert")
      .execute();
    expect(
      reminders.map((r) => `${r.org_id === t.fixture.a.schoolId ? "school" : "bureau"}:${r.event}`).sort(),
    ).toEqual(["bureau:overdue", "school:due_soon", "school:overdue"]);

    expect(
      (await send(dept, "POST", "/api/ledgers/health/alerts/report", { alertId: alert.id, note: "x" })).statusCode,
    ).toBe(403);
    const reported = await send(school, "POST", "/api/ledgers/health/alerts/report", {
      alertId: alert.id,
      note: "5月7日9时电话报告县疾控中心（接报人李医生）和县教体局体卫艺股",
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ reportedAt: "2024-05-07T08:00:00.000Z", overdue: false });
    expect((await send(dept, "GET", "/api/supervision/status")).json().outbreaks).toEqual([]);
    const again = await send(school, "POST", "/api/ledgers/health/alerts/report", { alertId: alert.id, note: "再次" });
    expect(again.json().error.code).toBe("OUTBREAK_ALREADY_REPORTED");
    const unknown = await send(school, "POST", "/api/ledgers/health/alerts/report", { alertId: "nope", note: "x" });
    expect(unknown.json().error.code).toBe("OUTBREAK_NOT_FOUND");
    // The report is not a class's return: the day's completeness is unchanged.
    const day = (await send(dept, "GET", "/api/ledgers/returns/day?type=health_check&date=2024-05-06")).json();
    expect(day.summary.expected).toBe(6);
  });

  it("a region changes a threshold: a new version, audited; past alerts keep the version and values they opened under", async () => {
    at("2024-05-08T00:30:00Z");
    const rules = async () => (await send(dept, "GET", "/api/ledgers/health/rules")).json().rules;
    const national = (await rules()).find((r: { id: string }) => r.id === "class-1d-fever");
    expect(national).toMatchObject({ version: "2006-65/1", threshold: 3, windowDays: 1, history: [] });
    expect(national.national).toMatchObject({ version: "2006-65/1", threshold: 3 });
    const url = "/api/ledgers/health/rules/class-1d-fever";
    const change = { windowDays: 1, threshold: 2, dueHours: 12, note: "县疾控中心通知：流行季降低阈值" };
    expect((await send(school, "PUT", url, change)).statusCode).toBe(403);
    const overrides = async () =>
      Number(
        (
          await t.db
            .selectFrom("audit_events")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("entity", "=", "outbreak_rule")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const bad = await send(dept, "PUT", url, { ...change, threshold: 0 });
    expect(bad.statusCode).toBe(400);
    expect((await send(dept, "PUT", "/api/ledgers/health/rules/nope", change)).json().error.code).toBe(
      "OUTBREAK_RULE_NOT_FOUND",
    );
    expect(await overrides()).toBe(0);

    const changed = await send(dept, "PUT", url, change);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: "2006-65/1+区域1", threshold: 2, dueHours: 12 });
    expect(changed.json().history).toMatchObject([{ version: 1, threshold: 2, note: change.note }]);
    expect(await overrides()).toBe(1);

    // Two students with fever in another class today: an alert under the region's version and values.
    const two = await send(teacher1, "POST", "/api/ledgers/health/checks", {
      classId: classIds.a,
      date: "2024-05-08",
      slot: "morning",
      present: 18,
      students: [
        { name: "周一", symptoms: ["fever"] },
        { name: "吴二", symptoms: ["fever"] },
      ],
    });
    expect(two.statusCode, two.body).toBe(201);
    const alerts = async () =>
      (await send(dept, "GET", "/api/ledgers/health/alerts")).json().alerts as {
        ruleId: string;
        unitName: string;
        version: string;
        count: number;
        dueAt: string;
        detectedAt: string;
      }[];
    const fresh = (await alerts()).find((a) => a.unitName === "一年级1班");
    expect(fresh).toMatchObject({ ruleId: "class-1d-fever", version: "2006-65/1+区域1", count: 2 });
    expect(Date.parse(fresh!.dueAt) - Date.parse(fresh!.detectedAt)).toBe(12 * 3_600_000);

    // The past alert (three fevers on 05-06) is not rewritten under the new values, not even when the
    // rules run again over the fortnight (the chasing job), and not after going back to the national values.
    const past = () => alerts().then((list) => list.find((a) => a.unitName === "一年级2班"));
    expect(await past()).toMatchObject({ version: "2006-65/1", count: 3 });
    expect((await send(dept, "POST", "/api/ledgers/returns/chase", { type: "health_check" })).statusCode).toBe(200);
    const reset = await send(dept, "PUT", url, { ...change, reset: true, note: "流行季结束，恢复国家标准" });
    expect(reset.json()).toMatchObject({ version: "2006-65/1", threshold: 3, dueHours: 24 });
    expect((await send(dept, "POST", "/api/ledgers/returns/chase", { type: "health_check" })).statusCode).toBe(200);
    expect(await past()).toMatchObject({ version: "2006-65/1", count: 3 });
    const stored = await t.db
      .selectFrom("outbreak_alerts" as never)
      .select(["version", "threshold", "window_days"] as never[])
      .where("id" as never, "=", `class-1d-fever:${classIds.a}:2024-05-08` as never)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ version: "2006-65/1+区域1", threshold: 2, window_days: 1 });
    expect(await overrides()).toBe(2);
  });
});

describe("exports", () => {
  it("the bureau's views as a print-ready workbook: the day by school, illness absences by symptom by day and school", async () => {
    const res = await send(
      dept,
      "GET",
      "/api/ledgers/health/export.xlsx?from=2024-05-01&to=2024-05-08&date=2024-05-06",
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["当日报送", "按日症状", "按校症状", "按日病种", "按校病种"]);
    const [day, byDay, bySchool] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
      expect(sheet.pageSetup.printTitlesRow).toBe("1:3");
    }
    const rows = (sheet: ExcelJS.Worksheet) =>
      Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    const json = (await send(dept, "GET", "/api/ledgers/returns/day?type=health_check&date=2024-05-06")).json();
    const school = json.schools.find((x: { orgId: string }) => x.orgId === t.fixture.a.schoolId);
    const mine = rows(day).find((r) => r[0] === school.orgName);
    // The day's figures as the day view gives them; the class with three ill students.
    expect(mine?.slice(1, 7)).toEqual([
      school.expected,
      school.submitted,
      school.zero,
      school.late,
      school.missing,
      school.pending,
    ]);
    expect(mine?.[9]).toBe(3);
    expect(String(mine?.[10])).toContain("发热3");
    const feverColumn = rows(byDay)[3]!.indexOf("发热");
    const may6 = rows(byDay).find((r) => r[0] === "2024-05-06");
    expect([may6?.[1], may6?.[feverColumn]]).toEqual([3, 3]);
    const may8 = rows(byDay).find((r) => r[0] === "2024-05-08");
    expect([may8?.[1], may8?.[feverColumn]]).toEqual([2, 2]);
    const total = rows(byDay)
      .slice(3)
      .filter((r) => /^\d{4}-/.test(String(r[0])))
      .reduce((n, r) => n + Number(r[1]), 0);
    expect(rows(bySchool).find((r) => r[0] === school.orgName)?.[1]).toBe(total);
    // The bureau's workbook names nobody.
    expect(JSON.stringify(book.worksheets.map(rows))).not.toMatch(/王小明|周一|吴二/);
    const bad = await send(dept, "GET", "/api/ledgers/health/export.xlsx?from=2024-05-08&to=2024-05-01");
    expect(bad.json().error.code).toBe("RETURNS_RANGE_INVALID");
  });
});
