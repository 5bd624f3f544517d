import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { aHazard, allCounts, aRound, uploadPhoto } from "../test/hazards.js";

let t: TestContext;
let school: Session;
let dept: Session;
let supervisor: Session;
let leader: Session;
let otherSchool: Session;
let userIds: Record<string, string>;
/** The app's clock: a test moves it. */
let clock = new Date("2024-05-06T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
  leader = await loginAs(t.app, t.fixture.a.users.leader);
  otherSchool = await loginAs(t.app, t.fixture.b.users.school_reporter);
  const users = await t.db.selectFrom("users").select(["id", "username"]).execute();
  userIds = Object.fromEntries(users.map((u) => [u.username, u.id]));
}, 120_000);
afterAll(() => t.close());

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

async function refused(
  session: Session,
  method: InjectOptions["method"],
  url: string,
  payload: object,
  status: number,
  code: string,
) {
  const before = await allCounts(t.db);
  const res = await send(session, method, url, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await allCounts(t.db)).toEqual(before);
}

describe("the hazard loop 发现 → 整改 → 复查 → 销号", () => {
  it("a school records a round with a hazard and a photo; the department assigns; a different person re-inspects and 销号", async () => {
    const before = await uploadPhoto(t, school);
    const res = await send(
      school,
      "POST",
      "/api/ledgers/rounds",
      aRound({ hazards: [aHazard({ beforePhotos: [before], contactPhone: "13812345678" })] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { round, hazards } = res.json();
    expect(round).toMatchObject({ kind: "daily", hazardCount: 1, zeroReport: false, orgId: t.fixture.a.schoolId });
    const id = hazards[0].id as string;
    expect(hazards[0]).toMatchObject({
      state: "found",
      fields: { grade: "general", foundOn: "2024-05-06", roundId: round.id },
    });
    // Personal fields are masked in answers and in the history.
    expect(hazards[0].fields.contactPhone).toBe("138****5678");
    const detail = (await send(school, "GET", `/api/ledgers/hazards/${id}`)).json().hazard;
    expect(detail.history).toHaveLength(1);
    expect(JSON.stringify(detail)).not.toContain("13812345678");

    // The school may not assign; the department does, the deadline from the default for 一般 (7 days).
    await refused(
      school,
      "POST",
      `/api/ledgers/hazards/${id}/steps`,
      { action: "assign", fields: { responsibleId: userIds.school_reporter_a } },
      403,
      "FORBIDDEN",
    );
    // The responsible person defaults to whoever recorded the hazard.
    const assigned = await send(dept, "POST", `/api/ledgers/hazards/${id}/steps`, { action: "assign", fields: {} });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().hazard).toMatchObject({
      state: "rectifying",
      fields: { deadline: "2024-05-13" },
      overdue: false,
    });
    expect(assigned.json().hazard.people[userIds.school_reporter_a!]).toBe("school_reporter_a");

    // Past the deadline it is overdue, and the overdue filter finds it.
    clock = new Date("2024-05-20T02:00:00Z");
    const overdue = (await send(dept, "GET", "/api/ledgers/hazards?overdue=true")).json().hazards;
    expect(overdue.map((h: { id: string }) => h.id)).toEqual([id]);

    // No after-photo: refused, nothing written. Then the school fixes with a photo.
    await refused(
      school,
      "POST",
      `/api/ledgers/hazards/${id}/steps`,
      { action: "submit_fix", fields: { fixNote: "已更换" } },
      400,
      "AFTER_PHOTO_REQUIRED",
    );
    const after = await uploadPhoto(t, school, "整改后.png");
    const fixed = await send(school, "POST", `/api/ledgers/hazards/${id}/steps`, {
      action: "submit_fix",
      fields: { afterPhotos: [after], fixNote: "已更换灭火器" },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().hazard).toMatchObject({
      state: "reviewing",
      fields: { fixedBy: userIds.school_reporter_a, fixedOn: "2024-05-20" },
    });

    // The fixer may not re-inspect; a failed re-inspection needs a note and goes back to 整改.
    await refused(
      school,
      "POST",
      `/api/ledgers/hazards/${id}/steps`,
      { action: "pass_review", fields: {} },
      400,
      "REVIEWER_IS_FIXER",
    );
    await refused(
      dept,
      "POST",
      `/api/ledgers/hazards/${id}/steps`,
      { action: "fail_review", fields: {} },
      400,
      "NOTE_REQUIRED",
    );
    const failed = await send(dept, "POST", `/api/ledgers/hazards/${id}/steps`, {
      action: "fail_review",
      fields: { deadline: "2024-05-27" },
      note: "压力仍不足",
    });
    expect(failed.json().hazard).toMatchObject({ state: "rectifying", fields: { deadline: "2024-05-27" } });
    expect(failed.json().hazard.fields.afterPhotos).toBeUndefined();

    const again = await send(school, "POST", `/api/ledgers/hazards/${id}/steps`, {
      action: "submit_fix",
      fields: { afterPhotos: [after] },
    });
    expect(again.statusCode, again.body).toBe(200);
    const closed = await send(dept, "POST", `/api/ledgers/hazards/${id}/steps`, {
      action: "pass_review",
      fields: { reviewNote: "复查合格" },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const hazard = closed.json().hazard;
    expect(hazard).toMatchObject({
      state: "closed",
      fields: { reviewedBy: userIds.dept_head_a, closedOn: "2024-05-20" },
    });
    expect(hazard.history.map((h: { action: string }) => h.action)).toEqual([
      "record",
      "assign",
      "submit_fix",
      "fail_review",
      "submit_fix",
      "pass_review",
    ]);
    expect(hazard.history.map((h: { toState: string }) => h.toState)).toEqual([
      "found",
      "rectifying",
      "reviewing",
      "rectifying",
      "reviewing",
      "closed",
    ]);

    // A closed hazard cannot be stepped again; every change was audited.
    await refused(
      dept,
      "POST",
      `/api/ledgers/hazards/${id}/steps`,
      { action: "fail_review", fields: {}, note: "再查" },
      409,
      "TRANSITION_NOT_ALLOWED",
    );
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", id)
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "create",
      "assign_rectification",
      "submit_fix",
      "fail_review",
      "submit_fix",
      "pass_review",
    ]);

    // The indicators: one found in May, one written off; no 重大 open.
    const figures = (
      await send(leader, "GET", "/api/ledgers/hazard-indicators?from=2024-05-01&to=2024-05-31&asOf=2024-05-20")
    ).json();
    expect(figures.metrics).toEqual([
      { metric: "hazard_fix_rate", value: 100, numerator: 1, denominator: 1, recordIds: [id], baseIds: [id] },
      { metric: "major_hazards_open", value: 0, numerator: 0, denominator: null, recordIds: [], baseIds: [] },
    ]);
    const earlier = (
      await send(leader, "GET", "/api/ledgers/hazard-indicators?from=2024-05-01&to=2024-05-31&asOf=2024-05-19")
    ).json();
    expect(earlier.metrics[0]).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
  });

  it("a 重大 hazard needs its 治理方案 (五落实) before rectification; its plan deadline is the deadline", async () => {
    const res = await send(
      school,
      "POST",
      "/api/ledgers/rounds",
      aRound({
        heldOn: "2024-05-20",
        hazards: [aHazard({ grade: "major", category: "buildings", description: "教学楼墙体裂缝" })],
      }),
    );
    const id = res.json().hazards[0].id as string;
    await refused(
      dept,
      "POST",
      `/api/ledgers/hazards/${id}/steps`,
      { action: "assign", fields: { responsibleId: userIds.school_reporter_a } },
      400,
      "MAJOR_PLAN_REQUIRED",
    );
    const plan = {
      responsibleId: userIds.school_reporter_a,
      planResponsible: "总务处",
      planMeasures: "停用并加固",
      planFunds: "5万元，县财政",
      planDeadline: "2024-08-31",
      planContingency: "设置围挡和警示标志",
    };
    const ok = await send(supervisor, "POST", `/api/ledgers/hazards/${id}/steps`, { action: "assign", fields: plan });
    expect(ok.json().hazard).toMatchObject({ state: "rectifying", fields: { deadline: "2024-08-31" } });
    const open = (await send(leader, "GET", "/api/ledgers/hazard-indicators?from=2024-05-01&to=2024-05-31")).json();
    expect(open.metrics[1]).toMatchObject({ value: 1, recordIds: [id] });
    // Correcting away a plan field breaks the rule: refused, nothing changed.
    await refused(
      dept,
      "PATCH",
      `/api/ledgers/hazards/${id}`,
      { fields: { planFunds: null }, note: "经费未落实" },
      400,
      "MAJOR_PLAN_REQUIRED",
    );
    const corrected = await send(dept, "PATCH", `/api/ledgers/hazards/${id}`, {
      fields: { location: "教学楼东侧" },
      note: "位置写错",
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().hazard.history.at(-1)).toMatchObject({
      action: "correct",
      note: "位置写错",
      changes: { location: { from: "教学楼二楼走廊", to: "教学楼东侧" } },
    });
  });

  it("a round without hazards is a zero report", async () => {
    const res = await send(
      school,
      "POST",
      "/api/ledgers/rounds",
      aRound({ kind: "weekly", heldOn: "2024-05-24", hazards: [] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().round).toMatchObject({ zeroReport: true, hazardCount: 0 });
    const rounds = (await send(dept, "GET", "/api/ledgers/rounds")).json().rounds;
    expect(rounds.some((r: { id: string }) => r.id === res.json().round.id)).toBe(true);
  });
});

describe("authorization and bad input", () => {
  it("another bureau's school sees nothing; a leader reads but neither writes nor reveals", async () => {
    const { hazards } = (await send(school, "GET", "/api/ledgers/hazards")).json();
    const id = hazards[0].id as string;
    expect((await send(otherSchool, "GET", "/api/ledgers/hazards")).json().hazards).toEqual([]);
    expect((await send(otherSchool, "GET", `/api/ledgers/hazards/${id}`)).statusCode).toBe(404);
    expect((await send(leader, "GET", `/api/ledgers/hazards/${id}`)).statusCode).toBe(200);
    await refused(leader, "POST", "/api/ledgers/rounds", aRound(), 403, "FORBIDDEN");
    await refused(leader, "POST", `/api/ledgers/hazards/${id}/reveal`, {}, 403, "FORBIDDEN");
  });

  it("a reveal shows personal fields in clear to the school and is audited", async () => {
    const { hazards } = (await send(school, "GET", "/api/ledgers/hazards?state=closed")).json();
    const id = hazards[0].id as string;
    const res = await send(school, "POST", `/api/ledgers/hazards/${id}/reveal`, {});
    expect(res.json()).toEqual({ id, fields: { contactPhone: "13812345678" } });
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", id)
      .where("action", "=", "reveal")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain("13812345678");
  });

  it("bad input: a Chinese message, a stable code and nothing written", async () => {
    await refused(
      school,
      "POST",
      "/api/ledgers/rounds",
      aRound({ hazards: [aHazard({ category: "ghosts" as never })] }),
      400,
      "VALIDATION_FAILED",
    );
    await refused(school, "POST", "/api/ledgers/rounds", aRound({ heldOn: "2024-02-30" }), 400, "FIELD_INVALID");
    await refused(
      school,
      "POST",
      "/api/ledgers/rounds",
      aRound({ orgId: t.fixture.a.deptId }),
      404,
      "LEDGER_RECORD_NOT_FOUND",
    );
    await refused(
      supervisor,
      "POST",
      "/api/ledgers/rounds",
      aRound({ orgId: t.fixture.a.deptId }),
      400,
      "LEDGER_ORG_NOT_SCHOOL",
    );
    await refused(
      school,
      "POST",
      "/api/ledgers/rounds",
      aRound({ hazards: [aHazard(), aHazard({ beforePhotos: ["no-such-file"] })] }),
      400,
      "EVIDENCE_NOT_FOUND",
    );
    const { hazards } = (await send(school, "GET", "/api/ledgers/hazards?state=found")).json();
    const found = (await send(school, "POST", "/api/ledgers/rounds", aRound())).json().hazards[0].id as string;
    await refused(
      dept,
      "POST",
      `/api/ledgers/hazards/${found}/steps`,
      { action: "assign", fields: { responsibleId: "nobody" } },
      400,
      "RESPONSIBLE_NOT_FOUND",
    );
    await refused(
      dept,
      "POST",
      `/api/ledgers/hazards/${found}/steps`,
      { action: "assign", fields: { responsibleId: userIds.school_reporter_a, deadline: "2024-01-01" } },
      400,
      "DEADLINE_BEFORE_FOUND",
    );
    await refused(
      dept,
      "POST",
      `/api/ledgers/hazards/${found}/steps`,
      { action: "submit_fix", fields: {} },
      409,
      "TRANSITION_NOT_ALLOWED",
    );
    await refused(
      dept,
      "PATCH",
      `/api/ledgers/hazards/${found}`,
      { fields: { fixedBy: userIds.dept_head_a }, note: "x" },
      400,
      "VALIDATION_FAILED",
    );
    await refused(
      dept,
      "PATCH",
      `/api/ledgers/hazards/${found}`,
      { fields: { location: "教学楼二楼走廊" }, note: "x" },
      400,
      "NOTHING_CHANGED",
    );
    expect(hazards.length).toBeGreaterThanOrEqual(0);
  });

  it("the settings: defaults, a change by the department, refused for a school", async () => {
    const config = (await send(school, "GET", "/api/ledgers/hazard-config")).json();
    expect(config.deadlineDays).toEqual({ general: 7, major: 30 });
    expect(config.checklists.fire.length).toBeGreaterThan(2);
    await refused(
      school,
      "PUT",
      "/api/ledgers/hazard-config",
      { ...config, deadlineDays: { general: 3, major: 20 } },
      403,
      "FORBIDDEN",
    );
    await refused(
      dept,
      "PUT",
      "/api/ledgers/hazard-config",
      { ...config, checklists: { ghosts: ["x"] } },
      400,
      "ROUND_CATEGORY_UNKNOWN",
    );
    const saved = await send(dept, "PUT", "/api/ledgers/hazard-config", {
      ...config,
      deadlineDays: { general: 3, major: 20 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const found = (await send(school, "POST", "/api/ledgers/rounds", aRound({ heldOn: "2024-05-20" }))).json()
      .hazards[0].id as string;
    const assigned = await send(dept, "POST", `/api/ledgers/hazards/${found}/steps`, {
      action: "assign",
      fields: { responsibleId: userIds.school_reporter_a },
    });
    expect(assigned.json().hazard?.fields.deadline, assigned.body).toBe("2024-05-23");
  });

  it("history rows and records cannot be deleted or rewritten, even by SQL", async () => {
    await expect(t.db.deleteFrom("ledger_history" as never).execute()).rejects.toThrow(/never deleted/);
    await expect(t.db.deleteFrom("ledger_records" as never).execute()).rejects.toThrow(/never deleted/);
  });
});
