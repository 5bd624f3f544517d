import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { aRound } from "../test/hazards.js";

/** The daily inspection round (日排查) as the schools' periodic return (hazard-source.ts). */

let t: TestContext;
let school: Session;
let dept: Session;
// Tuesday 2024-05-07, 10:00 in Shanghai: Monday's rounds were due at 18:00 yesterday, Tuesday's are not yet.
const clock = new Date("2024-05-07T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
}, 120_000);
afterAll(() => t.close());

const report = async (from: string, to: string) => {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/ledgers/returns?type=campus_hazard&from=${from}&to=${to}`,
    headers: dept.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const post = async (body: object) => {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/ledgers/rounds",
    headers: school.headers,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
};

describe("the daily inspection round as a periodic return", () => {
  it("a school that ran no daily round on a school day is missing; a round with no hazard is its zero return", async () => {
    const mine = t.fixture.a.schoolId;
    const before = await report("2024-05-06", "2024-05-06");
    const schools = before.bySchool.length;
    expect(schools).toBeGreaterThan(1);
    expect(before.summary).toMatchObject({ expected: schools, due: schools, submitted: 0, missing: schools });

    // A weekly round is no daily round; a daily one with no hazard is the zero return.
    await post(aRound({ kind: "weekly", heldOn: "2024-05-06", hazards: [] }));
    expect((await report("2024-05-06", "2024-05-06")).summary.submitted).toBe(0);
    await post(aRound({ heldOn: "2024-05-06", hazards: [] }));
    const after = await report("2024-05-06", "2024-05-06");
    // Recorded on Tuesday, after Monday's 18:00 cut-off: complete, but late.
    expect(after.summary).toMatchObject({ submitted: 1, zero: 1, missing: schools - 1, late: 1, timely: 0 });
    expect(after.bySchool.find((s: { orgId: string }) => s.orgId === mine)).toMatchObject({
      submitted: 1,
      completeness: 100,
      timeliness: 0,
    });
    expect(after.overdue.filter((i: { status: string }) => i.status === "missing")).toHaveLength(schools - 1);
    expect(after.overdue.map((i: { orgId: string }) => i.orgId)).toContain(mine);

    // A second round that day with a hazard: still one return, no longer a zero one.
    await post(aRound({ heldOn: "2024-05-06" }));
    expect((await report("2024-05-06", "2024-05-06")).summary).toMatchObject({ submitted: 1, zero: 0 });

    // The weekend owes nothing; today's round is not due before 18:00.
    const weekend = await report("2024-05-04", "2024-05-05");
    expect(weekend.summary.expected).toBe(0);
    const today = await report("2024-05-07", "2024-05-07");
    expect(today.summary).toMatchObject({ expected: schools, due: 0, pending: schools });
    // Today's round, before 18:00: on time.
    await post(aRound({ heldOn: "2024-05-07", hazards: [] }));
    const day = await t.app.inject({
      method: "GET",
      url: `/api/ledgers/returns/day?type=campus_hazard&date=2024-05-07&orgId=${mine}`,
      headers: dept.headers,
    });
    expect(day.statusCode, day.body).toBe(200);
    expect(day.json().items.find((i: { orgId: string }) => i.orgId === mine)).toMatchObject({
      status: "timely",
      zero: true,
    });
  });
});
