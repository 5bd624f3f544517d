import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { aHazard, allCounts, aRound, uploadPhoto } from "../test/hazards.js";

/**
 * Hazards under supervision (issue 15): an overdue rectification is red on the warnings board (the
 * status engine's rule), a 重大 hazard escalates to the bureau, and a 督办单 can be about a hazard.
 */

let t: TestContext;
const s: Record<string, Session> = {};
let clock = new Date("2024-05-06T02:00:00Z");
let general: string;
let major: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const { a, b } = t.fixture;
  for (const role of ["school_reporter", "dept_head", "supervisor", "leader"] as const) {
    s[role] = await loginAs(t.app, a.users[role]);
  }
  s.otherSchool = await loginAs(t.app, b.users.school_reporter);
  s.otherSupervisor = await loginAs(t.app, b.users.supervisor);
}, 60_000);
afterAll(() => t.close());

const send = (who: string, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s[who]!.headers, ...(payload ? { payload } : {}) });
const board = async (who: string, query = "") => {
  const res = await send(who, "GET", `/api/supervision/status${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().hazards as { id: string; status: string; grade: string; [k: string]: unknown }[];
};

describe("hazards on the warnings board", () => {
  it("a 重大 hazard is on the board at once and the bureau is told; a 一般 one only near or past its deadline", async () => {
    const res = await send(
      "school_reporter",
      "POST",
      "/api/ledgers/rounds",
      aRound({
        hazards: [aHazard(), aHazard({ grade: "major", category: "buildings", description: "教学楼墙体裂缝" })],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    [general, major] = res.json().hazards.map((h: { id: string }) => h.id);
    expect(await board("leader")).toEqual([
      expect.objectContaining({ id: major, grade: "major", status: "normal", orgName: "城关实验小学" }),
    ]);
    const told = (await send("leader", "GET", "/api/supervision/notifications")).json().notifications;
    expect(told).toEqual([
      expect.objectContaining({ event: "major_hazard", entityKind: "ledger_record", entityId: major }),
    ]);
    expect(told[0].title).toContain("重大隐患");
    // The school does not get the bureau's escalation.
    const schoolTold = (await send("school_reporter", "GET", "/api/supervision/notifications")).json().notifications;
    expect(schoolTold.some((n: { event: string }) => n.event === "major_hazard")).toBe(false);

    const assigned = await send("dept_head", "POST", `/api/ledgers/hazards/${general}/steps`, {
      action: "assign",
      fields: {},
    });
    expect(assigned.json().hazard.fields.deadline).toBe("2024-05-13");
    expect((await board("dept_head")).map((h) => h.id)).toEqual([major]);

    clock = new Date("2024-05-12T02:00:00Z");
    expect((await board("supervisor")).find((h) => h.id === general)).toMatchObject({
      status: "warning",
      reasons: ["due_soon"],
    });
  });

  it("past its deadline a rectification is red, with its school, grade and deadline, for those who read it", async () => {
    clock = new Date("2024-05-20T02:00:00Z");
    const red = {
      id: general,
      orgId: t.fixture.a.schoolId,
      orgName: "城关实验小学",
      grade: "general",
      category: "fire",
      deadline: "2024-05-13",
      state: "rectifying",
      status: "overdue",
      reasons: ["past_due"],
      openNotices: 0,
    };
    for (const who of ["supervisor", "leader", "dept_head", "school_reporter"]) {
      expect(await board(who, "?status=overdue"), who).toEqual([expect.objectContaining(red)]);
    }
    expect(await board("otherSchool")).toEqual([]);
    expect(await board("otherSupervisor")).toEqual([]);
    // Filters about tasks match no hazard; the school and words filters apply.
    expect(await board("supervisor", "?kind=assignment")).toEqual([]);
    expect(await board("supervisor", `?orgId=${t.fixture.a.middleSchoolId}`)).toEqual([]);
    expect((await board("supervisor", `?q=${encodeURIComponent("灭火器")}`)).map((h) => h.id)).toEqual([general]);
    // The daily reminders tell the school once a day; the other region's run tells nobody here.
    for (const who of ["otherSupervisor", "supervisor", "supervisor"]) {
      const run = await send(who, "POST", "/api/supervision/reminders/run");
      expect(run.statusCode, run.body).toBe(200);
    }
    const reminded = (await send("school_reporter", "GET", "/api/supervision/notifications")).json().notifications;
    expect(
      reminded.filter((n: { event: string; entityId: string }) => n.event === "overdue" && n.entityId === general),
    ).toEqual([expect.objectContaining({ entityKind: "ledger_record", title: "隐患逾期未整改" })]);
    // The ledger's overdue flag and filter say the same as the board.
    const listed = (await send("dept_head", "GET", "/api/ledgers/hazards?overdue=true")).json().hazards;
    expect(listed.map((h: { id: string; overdue: boolean }) => [h.id, h.overdue])).toEqual([[general, true]]);
  });
});

describe("a 督办单 about a hazard", () => {
  it("is issued by the supervisor to the hazard's school, shows in the school's inbox and on the board", async () => {
    const before = await allCounts(t.db);
    const bad = [
      { payload: { hazardId: general, taskId: "x" }, status: 400, code: "NOTICE_SUBJECT_INVALID" },
      { payload: {}, status: 400, code: "NOTICE_SUBJECT_INVALID" },
      { payload: { hazardId: general, orgId: t.fixture.a.middleSchoolId }, status: 400, code: "UNIT_NOT_HAZARD_UNIT" },
      { payload: { hazardId: "no-such-hazard" }, status: 404, code: "LEDGER_RECORD_NOT_FOUND" },
    ];
    for (const b of bad) {
      const res = await send("supervisor", "POST", "/api/supervision/notices", {
        orgId: t.fixture.a.schoolId,
        reason: "隐患逾期未整改",
        requirement: "立即整改",
        replyDue: "2024-05-23",
        ...b.payload,
      });
      expect(res.statusCode, res.body).toBe(b.status);
      expect(res.json().error.code).toBe(b.code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const other = await send("otherSupervisor", "POST", "/api/supervision/notices", {
      hazardId: general,
      orgId: t.fixture.a.schoolId,
      reason: "x",
      requirement: "y",
      replyDue: "2024-05-23",
    });
    expect(other.statusCode).toBe(404);
    expect(await allCounts(t.db)).toEqual(before);

    const res = await send("supervisor", "POST", "/api/supervision/notices", {
      hazardId: general,
      orgId: t.fixture.a.schoolId,
      reason: "灭火器压力不足逾期未整改",
      requirement: "请于3日内整改并上传整改后照片",
      replyDue: "2024-05-23",
    });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json().notice;
    expect(notice).toMatchObject({
      hazardId: general,
      taskId: null,
      planId: null,
      taskNo: "隐患",
      taskTitle: "教学楼二楼走廊：灭火器压力不足",
      orgName: "城关实验小学",
      status: "issued",
    });
    const inbox = (await send("school_reporter", "GET", "/api/supervision/notices?box=inbox")).json().notices;
    expect(inbox.map((n: { id: string }) => n.id)).toContain(notice.id);
    const told = (await send("school_reporter", "GET", "/api/supervision/notifications")).json().notifications;
    expect(told.find((n: { entityId: string }) => n.entityId === notice.id)?.body).toContain("灭火器压力不足");
    for (const who of ["supervisor", "leader", "school_reporter"]) {
      const listed = (await send(who, "GET", `/api/supervision/notices?hazardId=${general}`)).json().notices;
      expect(listed, who).toEqual([expect.objectContaining({ id: notice.id })]);
    }
    expect((await send("otherSchool", "GET", `/api/supervision/notices?hazardId=${general}`)).statusCode).toBe(404);
    expect((await board("supervisor")).find((h) => h.id === general)).toMatchObject({ openNotices: 1 });
    const detail = await send("school_reporter", "GET", `/api/supervision/notices/${notice.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const doc = await send("school_reporter", "GET", `/api/supervision/notices/${notice.id}/document.docx`);
    expect(doc.statusCode).toBe(200);
    // A department of the bureau may be the addressee too.
    const toDept = await send("supervisor", "POST", "/api/supervision/notices", {
      hazardId: general,
      orgId: t.fixture.a.deptId,
      reason: "督促学校整改",
      requirement: "跟踪复查",
      replyDue: "2024-05-23",
    });
    expect(toDept.statusCode, toDept.body).toBe(201);
  });

  it("a hazard written off leaves the board", async () => {
    await send("school_reporter", "POST", "/api/ledgers/rounds", aRound({ heldOn: "2024-05-20", hazards: [] }));
    const photo = await uploadPhoto(t, s.school_reporter!);
    const fixed = await send("school_reporter", "POST", `/api/ledgers/hazards/${general}/steps`, {
      action: "submit_fix",
      fields: { afterPhotos: [photo] },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    // Fixed but not re-inspected: still past the deadline and not written off.
    expect((await board("supervisor")).find((h) => h.id === general)?.status).toBe("overdue");
    const closed = await send("dept_head", "POST", `/api/ledgers/hazards/${general}/steps`, {
      action: "pass_review",
      fields: {},
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await board("supervisor")).map((h) => h.id)).toEqual([major]);
  });
});
