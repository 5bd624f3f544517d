import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";

/**
 * Time travel over a school term with a fixed clock (issue 16): the region's calendar (holidays, and
 * weekend days made school days, 调休) decides which days owe the 晨午检; a closed day refuses checks and
 * owes nothing; the term's completeness and timeliness equal a count made day by day from the calendar
 * alone; another region's calendar is its own.
 */

let t: TestContext;
let clock = new Date("2024-02-26T00:30:00Z");
/** Signed in on first use, and again when the months the clock moved ended a session. */
const sessions: Partial<Record<"school" | "dept", Session>> = {};
let classId = "";

const HOLIDAYS = ["2024-04-04", "2024-04-05", "2024-05-01", "2024-05-02", "2024-05-03"];
const MAKEUP = ["2024-04-07", "2024-04-28", "2024-05-11"];

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
}, 120_000);
afterAll(() => t.close());

async function send(who: "school" | "dept", method: InjectOptions["method"], url: string, payload?: object) {
  const user = who === "school" ? t.fixture.a.users.school_reporter : t.fixture.a.users.dept_head;
  for (let attempt = 0; ; attempt++) {
    sessions[who] ??= await loginAs(t.app, user);
    const res = await t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    if (res.statusCode !== 401 || attempt > 0) return res;
    delete sessions[who];
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The calendar from first principles: Monday–Friday, less the holidays, plus the 调休 days. */
const opens = (d: string) => {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return MAKEUP.includes(d) || (!HOLIDAYS.includes(d) && weekday !== 0 && weekday !== 6);
};

describe("a school term with holidays and weekends", () => {
  it("closed days owe nothing and refuse checks; the term's rates equal a day-by-day count", async () => {
    const created = await send("school", "POST", "/api/ledgers/health/classes", { name: "三年级1班", enrolled: 45 });
    expect(created.statusCode, created.body).toBe(201);
    classId = created.json().id;
    const schedule = (await send("dept", "GET", "/api/ledgers/returns/schedule?type=health_check")).json();
    const saved = await send("dept", "PUT", "/api/ledgers/returns/schedule?type=health_check", {
      ...schedule,
      closedDays: HOLIDAYS,
      openDays: MAKEUP,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const counts = { due: 0, submitted: 0, timely: 0, late: 0, missing: 0 };
    let schoolDay = 0;
    /** Checks sent per school day. */
    const sent = new Map<string, number>();
    for (let ms = Date.parse("2024-03-01T00:00:00Z"); ms <= Date.parse("2024-06-28T00:00:00Z"); ms += 86_400_000) {
      const d = day(ms);
      clock = new Date(`${d}T08:30:00+08:00`);
      const morning = await send("school", "POST", "/api/ledgers/health/checks", { classId, date: d, slot: "morning" });
      if (!opens(d)) {
        expect(morning.json().error?.code, d).toBe("CHECK_DAY_CLOSED");
        continue;
      }
      expect(morning.statusCode, `${d} ${morning.body}`).toBe(201);
      schoolDay++;
      counts.due += 2;
      counts.submitted++;
      counts.timely++;
      sent.set(d, 1);
      // 午检: every third school day after its 14:30 cut-off (late), every fifth not at all (missing).
      if (schoolDay % 5 === 0) {
        counts.missing++;
        continue;
      }
      clock = new Date(`${d}T${schoolDay % 3 === 0 ? "15:10" : "12:40"}:00+08:00`);
      const noon = await send("school", "POST", "/api/ledgers/health/checks", { classId, date: d, slot: "noon" });
      expect(noon.statusCode, noon.body).toBe(201);
      counts.submitted++;
      sent.set(d, 2);
      if (schoolDay % 3 === 0) counts.late++;
      else counts.timely++;
    }
    clock = new Date("2024-06-28T20:00:00+08:00");
    const report = await send("dept", "GET", "/api/ledgers/returns?type=health_check&from=2024-03-01&to=2024-06-28");
    expect(report.statusCode, report.body).toBe(200);
    const pct = (n: number) => Math.round((n / counts.due) * 10_000) / 100;
    expect(report.json().summary).toMatchObject({
      ...counts,
      expected: counts.due,
      pending: 0,
      completeness: pct(counts.submitted),
      timeliness: pct(counts.timely),
    });
    // Holidays and the weekend owe nothing, a 调休 Sunday owes both checks (the county's day view).
    const view = async (d: string) =>
      (await send("dept", "GET", `/api/ledgers/returns/day?type=health_check&date=${d}`)).json().summary;
    expect((await view("2024-05-01")).expected).toBe(0);
    expect((await view("2024-04-06")).expected).toBe(0);
    expect(await view("2024-04-07")).toMatchObject({ expected: 2, submitted: sent.get("2024-04-07") });
    // Another region keeps its own (default) calendar.
    const other = await loginAs(t.app, t.fixture.b.users.dept_head);
    const theirs = await t.app.inject({
      method: "GET",
      url: "/api/ledgers/returns/schedule?type=health_check",
      headers: other.headers,
    });
    expect(theirs.json()).toMatchObject({ closedDays: [], openDays: [] });
  }, 300_000);
});
