import type { PeriodKind } from "@luoshi/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { createOrg } from "../orgs/orgs.service.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, PASSWORD, seedFixture } from "../test/fixture.js";
import { createUser } from "../users/users.service.js";
import { createClass, submitCheck } from "./health.service.js";
import { DEFAULT_HEALTH_SCHEDULE } from "./health-source.js";
import {
  classifyReturns,
  expectedReturns,
  type ReturnSchedule,
  type ReturnUnit,
  type Submission,
  summariseReturns,
} from "./returns.js";
import { returnsDay, returnsReport } from "./returns.service.js";

/**
 * Completeness and timeliness (DHIS2: complete = submitted, timely = by the due time) equal a count
 * from scratch: walk every calendar day, decide from first principles whether it starts a period the
 * calendar keeps open, when that period's return is due, and what was submitted by when. Pure over
 * random schedules, and through the database (PGlite, and PostgreSQL with LUOSHI_TEST_PG_URL) over
 * random streams of class checks at random times.
 */

const DAY = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const weekday = (d: string) => {
  const w = new Date(`${d}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
};

/** The brute-force count: no shared code with returns.ts. */
function fromScratch(
  schedule: ReturnSchedule,
  units: ReturnUnit[],
  submissions: Submission[],
  from: string,
  to: string,
  now: string,
) {
  const counts = { expected: 0, submitted: 0, timely: 0, late: 0, missing: 0, pending: 0 };
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
    const d = dayOf(t);
    const starts =
      schedule.periodKind === "day"
        ? schedule.openDays.includes(d) ||
          (!schedule.closedDays.includes(d) && !schedule.closedWeekdays.includes(weekday(d)))
        : schedule.periodKind === "week"
          ? weekday(d) === 1
          : d.endsWith("-01");
    if (!starts) continue;
    // The period's last day: the day itself, the Sunday after, or the day before the next month's 1st.
    let last = d;
    if (schedule.periodKind === "week") last = dayOf(t + 6 * DAY);
    if (schedule.periodKind === "month") {
      let u = t;
      while (dayOf(u + DAY).slice(0, 7) === d.slice(0, 7)) u += DAY;
      last = dayOf(u);
    }
    for (const unit of units) {
      if (unit.since && last < unit.since) continue;
      if (unit.until && d >= unit.until) continue;
      for (const slot of schedule.slots) {
        counts.expected++;
        const dueDay = dayOf(Date.parse(`${last}T00:00:00Z`) + slot.afterEnd * DAY);
        const due = Date.parse(`${dueDay}T${slot.time}:00Z`) - 8 * 3_600_000;
        const s = submissions.find(
          (x) => x.unitId === unit.unitId && x.period === d && x.slot === slot.slot && x.submittedAt <= now,
        );
        if (s) {
          counts.submitted++;
          if (Date.parse(s.submittedAt) <= due) counts.timely++;
          else counts.late++;
        } else if (Date.parse(now) > due) counts.missing++;
        else counts.pending++;
      }
    }
  }
  const due = counts.expected - counts.pending;
  const pct = (n: number) => (due === 0 ? null : Math.round((n / due) * 10_000) / 100);
  return { ...counts, completeness: pct(counts.submitted), timeliness: pct(counts.timely) };
}

const START = Date.parse("2024-02-26T00:00:00Z");
const aDay = (maxDays: number) => fc.integer({ min: 0, max: maxDays }).map((n) => dayOf(START + n * DAY));
const anInstant = fc.integer({ min: 0, max: 80 * 24 * 60 }).map((m) => new Date(START + m * 60_000).toISOString());
const aSchedule: fc.Arbitrary<ReturnSchedule> = fc.record({
  periodKind: fc.constantFrom<PeriodKind>("day", "week", "month"),
  slots: fc.uniqueArray(
    fc.record({
      slot: fc.constantFrom("morning", "noon", ""),
      time: fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
      afterEnd: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 3, selector: (s) => s.slot },
  ),
  closedWeekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
  closedDays: fc.uniqueArray(aDay(70), { maxLength: 5 }),
  openDays: fc.uniqueArray(aDay(70), { maxLength: 2 }),
});

describe("completeness and timeliness equal a count from scratch", () => {
  it("over random schedules, units, submissions and instants (pure)", () => {
    fc.assert(
      fc.property(
        aSchedule,
        fc.uniqueArray(
          fc.record({
            unitId: fc.constantFrom("c1", "c2", "c3"),
            orgId: fc.constant("s"),
            since: fc.option(aDay(40), { nil: undefined }),
            until: fc.option(aDay(70), { nil: null }),
          }),
          { minLength: 1, maxLength: 3, selector: (u) => u.unitId },
        ),
        fc.array(
          fc.record({
            unitId: fc.constantFrom("c1", "c2", "c3"),
            period: aDay(70),
            slot: fc.constantFrom("morning", "noon", ""),
            submittedAt: anInstant,
            zero: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        aDay(30),
        fc.integer({ min: 0, max: 45 }),
        anInstant,
        (schedule, units, raw, from, span, now) => {
          // One submission per unit, period and slot (the table's key): the first one counts.
          const seen = new Set<string>();
          const submissions = raw.filter((s) => {
            const k = `${s.unitId}|${s.period}|${s.slot}`;
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          });
          const to = dayOf(Date.parse(`${from}T00:00:00Z`) + span * DAY);
          const summary = summariseReturns(
            classifyReturns(expectedReturns(schedule, units, from, to), submissions, now),
          );
          const expected = fromScratch(schedule, units, submissions, from, to, now);
          expect(summary).toMatchObject(expected);
          expect(summary.due).toBe(expected.expected - expected.pending);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("through the database: random class checks at random times", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let fixture: Fixture;
  let bureau: Actor;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase());
    fixture = await seedFixture(db);
    const user = (name: string) =>
      db.selectFrom("users").selectAll().where("username", "=", name).executeTakeFirstOrThrow();
    bureau = await actorFor(db, await user(fixture.a.users.dept_head));
  }, 120_000);
  afterAll(() => drop());

  it("the report equals the count from scratch over what was stored", async () => {
    const schedule = DEFAULT_HEALTH_SCHEDULE;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            cls: fc.integer({ min: 0, max: 2 }),
            day: fc.integer({ min: 0, max: 13 }),
            slot: fc.constantFrom("morning" as const, "noon" as const),
            minute: fc.integer({ min: 6 * 60, max: 20 * 60 }),
            ill: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        fc.integer({ min: 0, max: 16 * 24 * 60 }),
        fc.integer({ min: 0, max: 13 }),
        async (stream, nowMinute, viewDay) => {
          run++;
          // A fresh school with its reporter each run, its classes created before the fortnight (2024-03-04 … 03-17).
          const school = await createOrg(db, null, {
            parentId: fixture.a.bureauId,
            name: `学校${run}`,
            kind: "school",
          });
          const user = await createUser(db, null, {
            orgId: school.id,
            username: `school_${run}`,
            displayName: `学校${run}疫情报告人`,
            password: PASSWORD,
            role: "school_reporter",
          });
          const reporter = await actorFor(
            db,
            await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow(),
          );
          const created = () => new Date("2024-03-01T00:00:00Z");
          const classes = [];
          for (let i = 0; i < 3; i++)
            classes.push(await createClass(db, reporter, { name: `${i + 1}班`, enrolled: 30 }, created));
          const submissions: Submission[] = [];
          /** Each check's last content: whether it names an ill student. */
          const ill = new Map<string, boolean>();
          for (const s of stream) {
            const date = dayOf(Date.parse("2024-03-04T00:00:00Z") + s.day * DAY);
            if ([6, 7].includes(weekday(date))) continue;
            const at = new Date(Date.parse(`${date}T00:00:00+08:00`) + s.minute * 60_000);
            const unitId = classes[s.cls]!.id;
            const check = await submitCheck(
              db,
              reporter,
              {
                classId: unitId,
                date,
                slot: s.slot,
                ...(s.ill ? { present: 29, students: [{ name: "李雷", symptoms: ["fever" as const] }] } : {}),
              },
              () => at,
            );
            if (!submissions.some((x) => x.unitId === unitId && x.period === date && x.slot === s.slot))
              submissions.push({ unitId, period: date, slot: s.slot, submittedAt: check.submittedAt, zero: !s.ill });
            ill.set(`${unitId}|${date}|${s.slot}`, s.ill);
          }
          const now = new Date(Date.parse("2024-03-04T00:00:00+08:00") + nowMinute * 60_000);
          const units = classes.map((c) => ({ unitId: c.id, orgId: c.orgId, since: "2024-03-01" }));
          const report = await returnsReport(
            db,
            bureau,
            { type: "health_check", from: "2024-03-04", to: "2024-03-17", orgId: school.id },
            () => now,
          );
          const expected = fromScratch(schedule, units, submissions, "2024-03-04", "2024-03-17", now.toISOString());
          expect(report.summary).toMatchObject(expected);
          expect(report.overdueTotal).toBe(expected.late + expected.missing);
          expect(report.bySchool.map((b) => b.completeness)).toEqual(expected.expected ? [expected.completeness] : []);

          // The day view: the county counted in SQL, and the school's click-through classified one by one.
          const date = dayOf(Date.parse("2024-03-04T00:00:00Z") + viewDay * DAY);
          const byDay = fromScratch(schedule, units, submissions, date, date, now.toISOString());
          const county = await returnsDay(db, bureau, { type: "health_check", date }, () => now);
          const mine = county.day.schools.find((x) => x.orgId === school.id);
          expect(mine).toMatchObject(byDay);
          expect(county.day.items).toEqual([]);
          const clicked = await returnsDay(db, bureau, { type: "health_check", date, orgId: school.id }, () => now);
          expect(clicked.day.schools[0]).toMatchObject(byDay);
          expect(clicked.day.items).toHaveLength(byDay.expected);
          expect(clicked.expires !== undefined).toBe(byDay.pending > 0);
          // Students absent for illness: per class, the day's checks known by now, any naming 李雷.
          const sick = units.filter((u) =>
            submissions.some(
              (x) =>
                x.unitId === u.unitId &&
                x.period === date &&
                x.submittedAt <= now.toISOString() &&
                ill.get(`${u.unitId}|${date}|${x.slot}`),
            ),
          ).length;
          expect(mine?.illAbsent ?? 0).toBe(byDay.expected ? sick : 0);
          expect(mine?.symptoms?.fever ?? 0).toBe(byDay.expected ? sick : 0);
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});
