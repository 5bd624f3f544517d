import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_HEADER } from "../http/read-cache.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { aCase } from "../test/dropout.js";
import { allCounts } from "../test/hazards.js";
import { within } from "../test/within.js";

let t: TestContext;
let school: Session;
let dept: Session;
let leader: Session;
let clock = new Date("2024-09-10T02:00:00Z");

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

async function ok(session: Session, method: InjectOptions["method"], url: string, payload?: object) {
  const res = await send(session, method, url, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  leader = await loginAs(t.app, t.fixture.a.users.leader);
}, 120_000);
afterAll(() => t.close());

describe("the monthly 控辍保学 return and the county's quarterly review", () => {
  let caseId = "";

  it("a school with no case submits a zero return; with a case, the return lists it", async () => {
    const zero = (await ok(school, "POST", "/api/ledgers/dropout-returns", { month: "2024-09" })).return;
    expect(zero).toMatchObject({ month: "2024-09", status: "timely", zero: true, cases: [] });
    expect(zero.counts).toEqual({ atRisk: 0, outOfSchool: 0, closed: 0 });

    const created = await send(school, "POST", "/api/ledgers/dropout-cases", aCase());
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().case.id;
    // The submitted return still lists what it reported, until the school submits again.
    const [stored] = (await ok(school, "GET", "/api/ledgers/dropout-returns?month=2024-09")).returns;
    expect(stored).toMatchObject({ zero: true, cases: [] });
    const again = (await ok(school, "POST", "/api/ledgers/dropout-returns", { month: "2024-09" })).return;
    expect(again).toMatchObject({ zero: false, status: "timely", counts: { atRisk: 1, outOfSchool: 0, closed: 0 } });
    expect(again.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(again.cases[0].fields.studentName).toBe("王*明");

    // A month not yet begun, and a return by the bureau, are refused and write nothing.
    const before = await allCounts(t.db);
    const future = await send(school, "POST", "/api/ledgers/dropout-returns", { month: "2024-11" });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe("DROPOUT_RETURN_FUTURE");
    expect((await send(dept, "POST", "/api/ledgers/dropout-returns", { month: "2024-09" })).statusCode).toBe(403);
    expect(await allCounts(t.db)).toEqual(before);
  });

  it("tracks completeness and timeliness per school and chases the schools that did not report", async () => {
    const during = (await ok(dept, "GET", "/api/ledgers/dropout-returns?month=2024-09")).returns;
    expect(during.length).toBeGreaterThan(1);
    expect(during.filter((r: { status: string }) => r.status === "pending").length).toBe(during.length - 1);
    // The bureau sees counts, never the school's students.
    expect(during.every((r: { cases: unknown[] }) => r.cases.length === 0)).toBe(true);

    clock = new Date("2024-10-02T02:00:00Z");
    const report = await ok(dept, "GET", "/api/ledgers/returns?type=dropout_case&from=2024-09-01&to=2024-09-30");
    expect(report.summary).toMatchObject({ due: during.length, submitted: 1, timely: 1, missing: during.length - 1 });
    expect(report.overdue).toHaveLength(during.length - 1);

    const chased = await ok(dept, "POST", "/api/ledgers/returns/chase", { type: "dropout_case" });
    // September's two missing returns, and August's of every school (the recent months are chased).
    expect(chased.notifications).toBe(during.length - 1 + during.length);
    expect((await ok(dept, "POST", "/api/ledgers/returns/chase", { type: "dropout_case" })).notifications).toBe(0);
    // A school's own return names the school once (not its name twice, as a class's names school and class).
    const sent = await t.db.selectFrom("notifications").select("body").where("event", "=", "missing_report").execute();
    expect(sent.length).toBe(chased.notifications);
    for (const { body } of sent) {
      expect(body).toMatch(/控辍保学未报送，请尽快补报/);
      const name = body.split(" ")[0]!;
      expect(name.slice(0, name.length / 2), body).not.toBe(name.slice(name.length / 2));
    }
  });

  it("the county's quarterly review lists the quarter's cases and is completed by the department", async () => {
    const open = await ok(leader, "GET", "/api/ledgers/dropout-reviews/2024Q3");
    expect(open).toMatchObject({ from: "2024-07-01", to: "2024-09-30", status: "pending", completedAt: null });
    expect(open.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(open.cases[0].fields.studentNo).not.toBe(aCase().studentNo);
    expect(open.counts).toEqual({ atRisk: 1, outOfSchool: 0, closed: 0 });
    expect(open.total).toBe(1);
    // Past the last page: no case, the same counts and total.
    const past = await ok(leader, "GET", "/api/ledgers/dropout-reviews/2024Q3?limit=1&offset=1");
    expect(past).toMatchObject({ total: 1, cases: [], counts: open.counts, schools: open.schools });
    // Kept until it falls due (on PostgreSQL any commit anywhere moves it: read until kept), then read anew.
    const view = async () => {
      const res = await send(leader, "GET", "/api/ledgers/dropout-reviews/2024Q3");
      return { cache: res.headers[CACHE_HEADER], status: res.json().status as string };
    };
    expect(await within(10, view, (v) => v.cache === "hit")).toEqual({ cache: "hit", status: "pending" });
    const before = clock;
    clock = new Date("2024-10-16T02:00:00Z"); // past the review's due time (15 October, 17:00), no write
    expect(await view()).toEqual({ cache: "miss", status: "missing" });
    clock = before;
    expect(open.returns.submitted).toBe(1);

    expect((await send(school, "GET", "/api/ledgers/dropout-reviews/2024Q3")).statusCode).toBe(403);
    expect((await send(leader, "POST", "/api/ledgers/dropout-reviews/2024Q3", { note: "已复核" })).statusCode).toBe(
      403,
    );
    const future = await send(dept, "POST", "/api/ledgers/dropout-reviews/2025Q1", { note: "已复核" });
    expect(future.statusCode).toBe(400);

    const done = await ok(dept, "POST", "/api/ledgers/dropout-reviews/2024Q3", { note: "各校月报已核对，无漏报" });
    expect(done).toMatchObject({ status: "timely", note: "各校月报已核对，无漏报" });
    expect(done.completedBy).toBeTruthy();
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "after"])
      .where("entity", "=", "ledger_return")
      .where("action", "=", "review")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain(caseId);
    // The review does not count as a school's monthly return.
    const report = await ok(dept, "GET", "/api/ledgers/returns?type=dropout_case&from=2024-07-01&to=2024-09-30");
    expect(report.summary.submitted).toBe(1);
  });
});
