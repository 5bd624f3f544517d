import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { defaultLetterhead } from "../bureau/letterhead.js";
import type { Database } from "../db/database.js";
import type { Cadence, ReportStatus } from "../db/schema.js";
import { evaluation } from "../evaluation/evaluation.service.js";
import { newId } from "../ids.js";
import { addDays } from "../status/calendar.js";
import {
  assignmentStatus,
  dueDatesOf,
  expectedReportPeriod,
  indicatorStatus,
  type StatusRules,
} from "../status/rules.js";
import { actorNamed, clockAt, type SupervisedPlan, supervisedPlan } from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { bulletinDocx, bulletinXlsx } from "./bulletin-document.js";
import { bulletinData } from "./bulletins.service.js";
import { emptyUnitFacts, type UnitFacts } from "./unit-figures.js";

/**
 * Random plans (publication day, cadence, rules, deadlines, withdrawn assignments), random report
 * histories and random as-of periods: the bulletin's text totals, unit table, appendix rows and
 * overdue list, and the evaluation's inputs, must equal a from-scratch computation over the same
 * records (the status rules applied directly to the generated facts, no SQL).
 */

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan;
let supervisor: Actor;
let milestones: { id: string; task_id: string }[];
let indicators: { id: string; task_id: string; op: ">=" | "<=" | "range" | "increase_by" | "decrease_by" }[];
let orgs: Map<string, { kind: string }>;
let tasks: Map<string, { no: string; seq: number }>;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  supervisor = await actorNamed(db, fixture.a.users.supervisor);
  milestones = await db
    .selectFrom("milestones")
    .select(["id", "task_id"])
    .where("task_id", "in", ctx.taskIds)
    .execute();
  indicators = await db
    .selectFrom("indicators")
    .select(["id", "task_id", "op"])
    .where("task_id", "in", ctx.taskIds)
    .execute();
  orgs = new Map(
    (await db.selectFrom("orgs").select(["id", "kind"]).execute()).map((o) => [o.id, { kind: o.kind as string }]),
  );
  tasks = new Map(
    (await db.selectFrom("plan_tasks").select(["id", "no", "seq"]).where("id", "in", ctx.taskIds).execute()).map(
      (t) => [t.id, { no: t.no, seq: t.seq }],
    ),
  );
}, 120_000);
afterAll(() => drop());

const day2024 = fc.integer({ min: 0, max: 365 }).map((n) => addDays("2024-01-01", n));

interface Periods {
  period: string;
  start: string;
  next: string;
}
/** The year's periods, spelt out here rather than taken from the calendar module under test. */
const periodsOf = (cadence: Cadence): Periods[] => {
  const m = (i: number) => (i > 12 ? "2025-01-01" : `2024-${String(i).padStart(2, "0")}-01`);
  if (cadence === "quarterly")
    return [1, 2, 3, 4].map((q) => ({ period: `2024-Q${q}`, start: m(q * 3 - 2), next: m(q * 3 + 1) }));
  return Array.from({ length: 12 }, (_, i) => ({
    period: `2024-${String(i + 1).padStart(2, "0")}`,
    start: m(i + 1),
    next: m(i + 2),
  }));
};

const raw = fc.record({
  cadence: fc.constantFrom<Cadence>("monthly", "quarterly"),
  publishedOn: fc.integer({ min: 0, max: 200 }).map((n) => addDays("2024-01-01", n)),
  rules: fc.record({
    warnDays: fc.integer({ min: 0, max: 40 }),
    warnBelowPercent: fc.integer({ min: 0, max: 100 }),
    reportDueDay: fc.integer({ min: 1, max: 12 }),
    paceTolerance: fc.constant(0.05),
  }),
  dueDates: fc.array(fc.option(day2024, { nil: null }), { minLength: 8, maxLength: 8 }),
  withdrawn: fc.array(fc.option(day2024, { nil: null, freq: 3 }), { minLength: 20, maxLength: 20 }),
  reports: fc.array(
    fc.record({
      assignment: fc.nat(),
      period: fc.nat(),
      status: fc.constantFrom<ReportStatus>("not_started", "in_progress", "blocked", "done"),
      percent: fc.integer({ min: 1, max: 99 }),
      /** Days from the report's deadline, mostly near it. */
      offset: fc.oneof(fc.integer({ min: -1, max: 1 }), fc.integer({ min: -40, max: 30 })),
      hour: fc.integer({ min: 0, max: 23 }),
    }),
    { maxLength: 40 },
  ),
  month: fc.integer({ min: 1, max: 12 }),
  quarter: fc.boolean(),
  todayOffset: fc.integer({ min: 0, max: 120 }),
});
type Raw = typeof raw extends fc.Arbitrary<infer T> ? T : never;

const expand = (s: Raw) => {
  const periods = periodsOf(s.cadence);
  const month = String(s.month).padStart(2, "0");
  const asked = s.quarter ? `2024-Q${Math.ceil(s.month / 3)}` : `2024-${month}`;
  return {
    ...s,
    periods,
    asked,
    today: addDays(
      s.quarter ? `2024-${String(Math.ceil(s.month / 3) * 3 - 2).padStart(2, "0")}-01` : `2024-${month}-01`,
      s.todayOffset,
    ),
    reports: s.reports.map((r) => {
      const p = periods[r.period % periods.length]!;
      const percent = r.status === "done" ? 100 : r.status === "not_started" ? 0 : r.percent;
      const day = addDays(p.next, s.rules.reportDueDay - 1 + r.offset);
      return { ...r, period: p.period, percent, day: [day, p.start].sort()[1] ?? day };
    }),
  };
};
const scenario = raw.map(expand);
type Scenario = ReturnType<typeof expand>;

/**
 * Fixed cases run before the random ones: plans whose warning window differs from the defaults
 * (none at all, and a long one), with tasks falling due inside the default 14 days and outside them.
 * A consumer that read the default rules instead of the plan's would disagree on these every time.
 */
const windowCase = (warnDays: number, warnBelowPercent: number): [Scenario] => [
  expand({
    cadence: "monthly",
    publishedOn: "2024-01-10",
    rules: { warnDays, warnBelowPercent, reportDueDay: 5, paceTolerance: 0.05 },
    dueDates: ["2024-06-15", "2024-06-20", "2024-06-25", "2024-07-05", "2024-07-10", "2024-12-31", null, null],
    withdrawn: Array.from({ length: 20 }, () => null),
    // Every unit reported May on time at half way, so no missing report masks the due-date window.
    reports: Array.from({ length: 40 }, (_, assignment) => ({
      assignment,
      period: 4,
      status: "in_progress" as const,
      percent: 50,
      offset: 0,
      hour: 9,
    })),
    month: 6,
    quarter: false,
    todayOffset: 10,
  }),
];

/** Writes the scenario over the fixture plan: the records the bulletin then reads. */
async function apply(s: Scenario) {
  await sql`DELETE FROM indicator_actuals`.execute(db);
  await sql`DELETE FROM progress_reports`.execute(db);
  await sql`DELETE FROM supervision_rules`.execute(db);
  await db
    .updateTable("plans")
    .set({ published_at: `${s.publishedOn}T02:00:00Z`, cadence: s.cadence })
    .where("id", "=", ctx.planId)
    .execute();
  await db
    .insertInto("supervision_rules")
    .values({ region_id: ctx.regionId, plan_id: ctx.planId, rules: JSON.stringify(s.rules), updated_by: null })
    .execute();
  for (const [i, m] of milestones.entries()) {
    await db
      .updateTable("milestones")
      .set({ due_date: s.dueDates[i % s.dueDates.length] ?? null })
      .where("id", "=", m.id)
      .execute();
  }
  for (const [i, a] of ctx.assignments.entries()) {
    const day = s.withdrawn[i % s.withdrawn.length] ?? null;
    await db
      .updateTable("assignments")
      .set({ deleted_at: day ? `${day}T02:00:00Z` : null })
      .where("id", "=", a.id)
      .execute();
  }
  const seen = new Set<string>();
  for (const r of s.reports) {
    const a = ctx.assignments[r.assignment % ctx.assignments.length]!;
    const key = `${a.id}|${r.period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await db
      .insertInto("progress_reports")
      .values({
        region_id: ctx.regionId,
        id: newId(),
        task_id: a.task_id,
        org_id: a.org_id,
        period: r.period,
        status: r.status,
        percent: r.percent,
        narrative: "",
        submitted_by: "test",
        submitted_at: `${r.day}T${String(r.hour).padStart(2, "0")}:30:00+08:00`,
      })
      .execute();
  }
}

type Facts = Pick<
  UnitFacts,
  "total" | "done" | "normal" | "warning" | "overdue" | "expectedReports" | "onTime" | "late" | "missing"
>;

/** From scratch: the generated facts as they stood at the end of `asOf`, through the status rules. */
function oracle(s: Scenario, asOf: string) {
  const rules = s.rules as StatusRules;
  const plan = { year: 2024, cadence: s.cadence, publishedOn: s.publishedOn };
  const units = new Map<string, Facts>();
  const overdue: string[] = [];
  const seen = new Set<string>();
  const reports = s.reports.filter((r) => {
    const a = ctx.assignments[r.assignment % ctx.assignments.length]!;
    const key = `${a.id}|${r.period}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const datesOf = (taskId: string) =>
    dueDatesOf(
      milestones.flatMap((m, i) => (m.task_id === taskId ? [s.dueDates[i % s.dueDates.length] ?? null] : [])),
      plan,
    );
  for (const [i, a] of ctx.assignments.entries()) {
    const withdrawn = s.withdrawn[i % s.withdrawn.length] ?? null;
    if (withdrawn !== null && withdrawn <= asOf) continue;
    const own = reports
      .filter((r) => ctx.assignments[r.assignment % ctx.assignments.length]!.id === a.id && r.day <= asOf)
      .sort((x, y) => (x.period < y.period ? -1 : 1));
    const last = own.at(-1);
    const result = assignmentStatus(
      {
        dueDates: datesOf(a.task_id),
        latest: last ? { status: last.status, percent: last.percent, period: last.period } : null,
        expectedPeriod: expectedReportPeriod(asOf, plan, rules),
      },
      asOf,
      rules,
    );
    const u: Facts =
      units.get(a.org_id) ?? emptyUnitFacts({ org_id: a.org_id, org_name: "", org_kind: "other", org_sort: 0 });
    u.total += 1;
    u[result.status] += 1;
    if (result.status === "overdue") overdue.push(`${a.org_id}|${tasks.get(a.task_id)!.no}`);
    const doneIn = own.find((r) => r.status === "done")?.period ?? null;
    for (const p of s.periods) {
      const deadline = addDays(p.next, rules.reportDueDay - 1);
      if (deadline >= asOf || (doneIn !== null && p.period > doneIn)) break;
      if (addDays(p.next, -1) < s.publishedOn) continue;
      u.expectedReports += 1;
      const r = own.find((x) => x.period === p.period);
      if (!r) u.missing += 1;
      else if (r.day <= deadline) u.onTime += 1;
      else u.late += 1;
    }
    units.set(a.org_id, u);
  }
  const totals = { total: 0, done: 0, normal: 0, warning: 0, overdue: 0 };
  for (const u of units.values()) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u[k];
  const indicatorsDone = indicators.filter((ind) => {
    const dueDate = datesOf(ind.task_id).at(-1) ?? addDays(asOf, 1);
    const target = { op: ind.op, target_value: null, target_min: null, target_max: null, baseline: null };
    return indicatorStatus({ target, actual: null, start: "2024-01-01", dueDate }, asOf, rules).status === "done";
  }).length;
  return { units, overdue: overdue.sort(), totals, indicatorsDone };
}

const FACT_KEYS = [
  "total",
  "done",
  "normal",
  "warning",
  "overdue",
  "expectedReports",
  "onTime",
  "late",
  "missing",
] as const;
const factsOf = (u: Facts) => Object.fromEntries(FACT_KEYS.map((k) => [k, u[k]]));

const sheetRows = async (bytes: Uint8Array, name: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return (wb.getWorksheet(name)!.getSheetValues().slice(3) as unknown[][]).filter(Boolean);
};

describe("bulletin and evaluation agree with a from-scratch computation", () => {
  it("for random plans, report histories and as-of periods", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await apply(s);
        const now = clockAt(s.today);
        const run = bulletinData(db, { regionId: ctx.regionId, period: s.asked, now });
        const periodStart = s.quarter
          ? `2024-${String(Math.ceil(s.month / 3) * 3 - 2).padStart(2, "0")}-01`
          : `2024-${String(s.month).padStart(2, "0")}-01`;
        const periodEnd = addDays(
          s.quarter
            ? Math.ceil(s.month / 3) === 4
              ? "2025-01-01"
              : `2024-${String(Math.ceil(s.month / 3) * 3 + 1).padStart(2, "0")}-01`
            : s.month === 12
              ? "2025-01-01"
              : `2024-${String(s.month + 1).padStart(2, "0")}-01`,
          -1,
        );
        expect(periodStart <= s.today).toBe(true);
        const asOf = [periodEnd, s.today].sort()[0] ?? periodEnd;
        if (s.publishedOn > asOf) {
          await expect(run).rejects.toMatchObject({ code: "BULLETIN_NO_PLAN" });
          return;
        }
        const data = await run;
        const want = oracle(s, asOf);
        expect(data.asOf).toBe(asOf);
        expect(data.totals).toMatchObject(want.totals);
        expect(data.totals.indicatorsDone).toBe(want.indicatorsDone);
        expect(new Map(data.units.map((u) => [u.orgId, factsOf(u)]))).toEqual(
          new Map([...want.units].map(([k, u]) => [k, factsOf(u)])),
        );
        const listed = data.overdue.flatMap((g) => g.tasks.map((t) => `${g.orgId}|${t.taskNo}`));
        expect([...listed].sort()).toEqual(want.overdue);
        expect(new Set(data.overdue.map((g) => g.orgId)).size).toBe(data.overdue.length);

        // The documents state the same: text totals, the unit table and the appendix rows.
        const letterhead = defaultLetterhead(data.issuer);
        const { bytes } = await bulletinDocx({ ...data, letterhead, docNo: "通报〔2024〕1号" });
        const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
        const text = xml.replace(/<[^>]+>/g, "");
        expect(text).toContain(`全局共分解落实任务${want.totals.total}项（按责任单位计），已完成${want.totals.done}项`);
        expect(text).toContain(`预警${want.totals.warning}项，逾期${want.totals.overdue}项`);
        const xlsx = await bulletinXlsx(data);
        const unitRows = await sheetRows(xlsx, "各单位完成情况");
        expect(unitRows.reduce((n, r) => n + Number(r[3]), 0)).toBe(want.totals.total);
        expect(unitRows.reduce((n, r) => n + Number(r[5]), 0)).toBe(want.totals.overdue);
        expect((await sheetRows(xlsx, "逾期任务")).length).toBe(want.overdue.length);

        // The evaluation reads the same facts as of the year's end (or today).
        const e = await evaluation(db, supervisor, 2024, now);
        const yearWant = oracle(s, e.asOf);
        const scored = e.groups.flatMap((g) => g.units);
        expect(new Map(scored.map((u) => [u.orgId, factsOf(u)]))).toEqual(
          new Map([...yearWant.units].map(([k, u]) => [k, factsOf(u)])),
        );
        for (const g of e.groups) {
          expect(g.units.every((u) => orgs.get(u.orgId)!.kind === g.group || g.group === "other")).toBe(true);
          expect(g.units[0]?.rank).toBe(1);
        }
      }),
      {
        numRuns: Number(process.env.LUOSHI_PROPERTY_RUNS ?? 12),
        examples: [windowCase(0, 0), windowCase(30, 100)],
      },
    );
  }, 600_000);
});
