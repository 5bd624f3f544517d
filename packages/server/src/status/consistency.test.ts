import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportStatus } from "../db/schema.js";
import { json, newId } from "../ids.js";
import { periodOf } from "../progress/periods.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { addDays } from "./calendar.js";
import {
  computeStatuses,
  type EntityStatus,
  latestReportAsOf,
  type ReportFact,
  type StatusFacts,
  taskStatusOf,
} from "./engine.js";
import { resolveRules } from "./rules.js";

/**
 * Consistency as a property: random plans, assignments, report histories and days; the engine
 * runs as the server runs it (the supervisor's run, a report's refresh of its task); then the
 * warnings board, the dashboard, the task list's status filters, my tasks, unit completion and
 * task detail must all agree with a from-scratch computation: the pure engine over the generated
 * facts (not the database's), as of the day.
 */

type Status = "normal" | "warning" | "overdue" | "done";
const STATUSES: Status[] = ["normal", "warning", "overdue", "done"];
const YEAR = 2024;
const dayIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

interface GenReport {
  month: number;
  percent: number;
  blocked: boolean;
  day: string;
  actual: number | null;
}
interface GenTask {
  milestones: (string | null)[];
  units: number[];
  reports: GenReport[][];
  indicator: { op: ">=" | "<="; baseline: number; target: number } | null;
}

const reportArb = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  percent: fc.constantFrom(0, 10, 40, 60, 79, 80, 95, 100),
  blocked: fc.boolean(),
  day: dayIn(`${YEAR}-01-01`, 400),
  actual: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
});
const taskArb = (units: number): fc.Arbitrary<GenTask> =>
  fc
    .record({
      milestones: fc.array(fc.option(dayIn(`${YEAR}-01-01`, 365), { nil: null, freq: 4 }), { maxLength: 3 }),
      units: fc.uniqueArray(fc.integer({ min: 0, max: units - 1 }), { maxLength: units }),
      indicator: fc.option(
        fc.record({
          op: fc.constantFrom(">=" as const, "<=" as const),
          baseline: fc.integer({ min: 0, max: 100 }),
          target: fc.integer({ min: 0, max: 100 }),
        }),
        { nil: null },
      ),
    })
    .chain((t) =>
      fc
        .array(fc.array(reportArb, { maxLength: 4 }), { minLength: t.units.length, maxLength: t.units.length })
        .map((reports) => ({ ...t, reports })),
    );
const caseArb = (units: number) =>
  fc.record({
    cadence: fc.constantFrom("monthly" as const, "quarterly" as const),
    publishedOn: dayIn(`${YEAR}-01-01`, 250),
    rules: fc.record({
      warnDays: fc.integer({ min: 0, max: 40 }),
      warnBelowPercent: fc.integer({ min: 0, max: 100 }),
      reportDueDay: fc.integer({ min: 1, max: 28 }),
      paceTolerance: fc.constantFrom(0, 0.05, 0.3),
    }),
    tasks: fc.array(taskArb(units), { minLength: 1, maxLength: 5 }),
    asOf: dayIn(`${YEAR}-01-01`, 395),
    /** Days between the last full run and the day (0: the run was on the day). */
    runLag: fc.integer({ min: 0, max: 3 }),
    /** A report through the API on the day: [task, assignee, percent], picked modulo the sizes. */
    live: fc.option(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(30, 85, 100)), { nil: null }),
  });
type Case = ReturnType<typeof caseArb> extends fc.Arbitrary<infer T> ? T : never;

let ctx: TestContext;
let clock = new Date();
let units: string[];
let admin: Session;
let dept: Session;
let stamp = 0;

beforeAll(async () => {
  ctx = await createTestApp({ now: () => clock });
  const { a } = ctx.fixture;
  const other = await ctx.db
    .selectFrom("orgs")
    .select("id")
    .where("parent_id", "=", a.bureauId)
    .where("name", "=", "人事股")
    .executeTakeFirstOrThrow();
  units = [a.deptId, a.schoolId, a.middleSchoolId, other.id];
  admin = await loginAs(ctx.app, a.users.admin);
  dept = await loginAs(ctx.app, a.users.dept_head);
}, 120_000);
afterAll(() => ctx?.close());

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const reportStatus = (r: { percent: number; blocked: boolean }): ReportStatus =>
  r.percent === 100 ? "done" : r.blocked ? "blocked" : r.percent === 0 ? "not_started" : "in_progress";
const periodOfMonth = (month: number, cadence: Case["cadence"]) =>
  periodOf(`${YEAR}-${String(month).padStart(2, "0")}-01`, cadence);

interface Stored {
  planId: string;
  taskIds: string[];
  /** Per task, per assignee: [assignment id, org id, history]. */
  assignments: { id: string; orgId: string; taskId: string; history: (ReportFact & { actual: number | null })[] }[];
  milestones: { id: string; taskId: string; due: string | null }[];
  indicators: { id: string; taskId: string; op: ">=" | "<="; baseline: number; target: number }[];
}

/** Writes the generated plan and history as records (the parser and the API have their own tests). */
/** The parts of a task row this test does not look at. */
const EMPTY_TASK_PARTS = {
  path: json([]),
  units: json([]),
  lead_count: 0,
  deadlines: json([]),
  targets: json([]),
  body: "",
  measures: json([]),
  span: json(null),
};

async function store(c: Case): Promise<Stored> {
  const { db } = ctx;
  const regionId = ctx.fixture.a.bureauId;
  const planId = newId();
  await db
    .insertInto("plans")
    .values({
      region_id: regionId,
      id: planId,
      org_id: regionId,
      title: "一致性测试计划",
      year: YEAR,
      status: "published",
      cadence: c.cadence,
      source_text: "",
      diagnostics: json([]),
      published_at: at(c.publishedOn).toISOString(),
    })
    .execute();
  await db
    .insertInto("supervision_rules")
    .values({ region_id: regionId, plan_id: planId, rules: json(c.rules), updated_by: null })
    .execute();
  const out: Stored = { planId, taskIds: [], assignments: [], milestones: [], indicators: [] };
  for (const [i, t] of c.tasks.entries()) {
    const taskId = newId();
    out.taskIds.push(taskId);
    await db
      .insertInto("plan_tasks")
      .values({
        region_id: regionId,
        id: taskId,
        plan_id: planId,
        seq: i,
        no: String(i + 1),
        title: `任务${i + 1}`,
        ...EMPTY_TASK_PARTS,
      })
      .execute();
    for (const [seq, due] of t.milestones.entries()) {
      const id = newId();
      out.milestones.push({ id, taskId, due });
      await db
        .insertInto("milestones")
        .values({ region_id: regionId, id, task_id: taskId, seq, text: "节点", due_date: due, kind: "by" })
        .execute();
    }
    const indicatorId = newId();
    if (t.indicator) {
      out.indicators.push({ id: indicatorId, taskId, ...t.indicator });
      await db
        .insertInto("indicators")
        .values({
          region_id: regionId,
          id: indicatorId,
          task_id: taskId,
          seq: 0,
          text: "指标",
          subject: "指标",
          op: t.indicator.op,
          baseline: t.indicator.baseline,
          target_value: t.indicator.target,
          unit: "%",
        })
        .execute();
    }
    for (const [k, unit] of t.units.entries()) {
      const id = newId();
      const orgId = units[unit]!;
      await db
        .insertInto("assignments")
        .values({
          region_id: regionId,
          id,
          task_id: taskId,
          org_id: orgId,
          role: k === 0 ? "lead" : "co",
          unit_name: "",
        })
        .execute();
      const history: Stored["assignments"][number]["history"] = [];
      const periods = new Set<string>();
      for (const r of t.reports[k] ?? []) {
        const period = periodOfMonth(r.month, c.cadence);
        if (periods.has(period)) continue;
        periods.add(period);
        const submittedAt = new Date(at(r.day).getTime() + ++stamp).toISOString();
        const status = reportStatus(r);
        const actual = t.indicator ? r.actual : null;
        history.push({ period, status, percent: r.percent, submittedAt, submittedOn: r.day, actual });
        const reportId = newId();
        await db
          .insertInto("progress_reports")
          .values({
            region_id: regionId,
            id: reportId,
            task_id: taskId,
            org_id: orgId,
            period,
            status,
            percent: r.percent,
            narrative: "",
            submitted_by: "test",
            submitted_at: submittedAt,
          })
          .execute();
        if (actual !== null) {
          await db
            .insertInto("indicator_actuals")
            .values({ region_id: regionId, id: newId(), report_id: reportId, indicator_id: indicatorId, value: actual })
            .execute();
        }
      }
      out.assignments.push({ id, orgId, taskId, history });
    }
  }
  return out;
}

/** The from-scratch answer: the pure engine over the generated facts as of the day. */
function expected(c: Case, s: Stored): EntityStatus[] {
  const latestActual = (indicatorId: string) => {
    const task = s.indicators.find((i) => i.id === indicatorId)!.taskId;
    const withActual = s.assignments
      .filter((a) => a.taskId === task)
      .flatMap((a) => a.history.filter((r) => r.actual !== null));
    return (latestReportAsOf(withActual, c.asOf) as (ReportFact & { actual: number }) | null)?.actual ?? null;
  };
  const facts: StatusFacts = {
    plans: [{ id: s.planId, year: YEAR, cadence: c.cadence, publishedOn: c.publishedOn, rules: resolveRules(c.rules) }],
    assignments: s.assignments.map((a) => {
      const latest = latestReportAsOf(a.history, c.asOf);
      return {
        region_id: "",
        id: a.id,
        task_id: a.taskId,
        org_id: a.orgId,
        plan_id: s.planId,
        latest: latest && { status: latest.status, percent: latest.percent, period: latest.period },
      };
    }),
    milestones: s.milestones.map((m) => ({
      region_id: "",
      id: m.id,
      task_id: m.taskId,
      plan_id: s.planId,
      due_date: m.due,
    })),
    indicators: s.indicators.map((i) => ({
      region_id: "",
      id: i.id,
      task_id: i.taskId,
      plan_id: s.planId,
      op: i.op,
      baseline: i.baseline,
      target_value: i.target,
      target_min: null,
      target_max: null,
      actual: latestActual(i.id),
    })),
  };
  return computeStatuses(facts, c.asOf);
}

const get = async (session: Session, url: string) => {
  const res = await ctx.app.inject({ method: "GET", url, headers: session.headers });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};
const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id).sort();

/** Task statuses over some assignments of the expected statuses, as taskStatusOf counts them. */
function taskStatuses(statuses: EntityStatus[], keep: (s: EntityStatus) => boolean) {
  const byTask = new Map<string, Status[]>();
  for (const s of statuses) {
    if (s.kind === "assignment" && keep(s)) byTask.set(s.task_id, [...(byTask.get(s.task_id) ?? []), s.status]);
  }
  return new Map([...byTask].map(([task, list]) => [task, taskStatusOf(list)!]));
}
const countOf = (tasks: Map<string, Status>) =>
  Object.fromEntries(STATUSES.map((st) => [st, [...tasks.values()].filter((s) => s === st).length]));
const tasksWith = (tasks: Map<string, Status>, status: Status) =>
  [...tasks]
    .filter(([, s]) => s === status)
    .map(([id]) => id)
    .sort();

/** The server's engine runs as in life: a full run (start, publish, daily, 立即计算), then maybe a report. */
async function runEngine(c: Case, s: Stored) {
  // Each case is a timeline of its own: the region's snapshots from its first run on are not there yet.
  const runDay = addDays(c.asOf, -c.runLag);
  await ctx.db
    .deleteFrom("status_snapshots")
    .where("region_id", "=", ctx.fixture.a.bureauId)
    .where("day", ">=", runDay)
    .execute();
  clock = at(runDay);
  const run = await ctx.app.inject({ method: "POST", url: "/api/supervision/status/run", headers: admin.headers });
  expect(run.statusCode).toBe(200);
  clock = at(c.asOf);
  const candidates = s.assignments;
  if (c.runLag > 0 && (!c.live || candidates.length === 0)) {
    // The daily run of the day.
    await ctx.app.inject({ method: "POST", url: "/api/supervision/status/run", headers: admin.headers });
  }
  if (!c.live || candidates.length === 0) return;
  const [ti, ai, percent] = c.live;
  const a = candidates[(ti + ai) % candidates.length]!;
  const period = c.asOf.startsWith(String(YEAR)) ? periodOf(c.asOf, c.cadence) : periodOfMonth(12, c.cadence);
  const status: ReportStatus = percent === 100 ? "done" : "in_progress";
  const res = await ctx.app.inject({
    method: "POST",
    url: `/api/tasks/${a.taskId}/reports`,
    headers: admin.headers,
    payload: { orgId: a.orgId, period, status, percent, narrative: "本期进展" },
  });
  expect(res.statusCode, res.body).toBe(201);
  // The model: the report replaces that period's (and its actuals), submitted now.
  a.history = a.history.filter((r) => r.period !== period);
  a.history.push({
    period,
    status,
    percent,
    submittedAt: clock.toISOString(),
    submittedOn: c.asOf,
    actual: null,
  });
}

async function check(c: Case, s: Stored) {
  const want = expected(c, s);
  const planId = s.planId;
  const all = taskStatuses(want, () => true);

  // The warnings board: every row, and its task counts.
  const board = await get(admin, `/api/supervision/status?planId=${planId}`);
  const rows = (board.items as { entityKind: string; entityId: string; status: string }[])
    .map((r) => `${r.entityKind}:${r.entityId}:${r.status}`)
    .sort();
  expect(rows).toEqual(want.map((w) => `${w.kind}:${w.id}:${w.status}`).sort());
  expect(board.tasks).toEqual(countOf(all));

  // The dashboard: overdue count and list, traffic lights.
  const dash = await get(admin, `/api/dashboard?planId=${planId}`);
  expect(dash.totals.overdue).toBe(tasksWith(all, "overdue").length);
  expect(ids(dash.overdue)).toEqual(tasksWith(all, "overdue"));
  expect(dash.warnings).toEqual({
    red: tasksWith(all, "overdue").length,
    yellow: tasksWith(all, "warning").length,
    green: s.taskIds.length - tasksWith(all, "overdue").length - tasksWith(all, "warning").length,
  });

  // The task list's status filters.
  expect(ids((await get(admin, `/api/tasks?planId=${planId}&overdue=true`)).tasks)).toEqual(tasksWith(all, "overdue"));
  for (const st of STATUSES) {
    const listed = (await get(admin, `/api/tasks?planId=${planId}&supervision=${st}`)).tasks;
    expect(ids(listed), st).toEqual(tasksWith(all, st));
  }

  // My tasks: the admin's (every assigned task), a department's (its own assignments).
  const mine = (await get(admin, "/api/tasks/mine")).tasks.filter((t: { planId: string }) => t.planId === planId);
  expect(ids(mine)).toEqual([...new Set(s.assignments.map((a) => a.taskId))].sort());
  expect(ids(mine.filter((t: { overdue: boolean }) => t.overdue))).toEqual(tasksWith(all, "overdue"));
  const deptId = ctx.fixture.a.deptId;
  const own = taskStatuses(want, (w) => w.org_id === deptId);
  const deptMine = (await get(dept, "/api/tasks/mine")).tasks.filter((t: { planId: string }) => t.planId === planId);
  expect(ids(deptMine.filter((t: { overdue: boolean }) => t.overdue))).toEqual(tasksWith(own, "overdue"));
  expect((await get(dept, `/api/supervision/status?planId=${planId}`)).tasks).toEqual(countOf(own));

  // Unit completion: each unit's overdue assignments.
  const completion = await get(admin, `/api/plans/${planId}/completion`);
  for (const u of completion.units as { orgId: string; overdue: number }[]) {
    const n = want.filter((w) => w.kind === "assignment" && w.org_id === u.orgId && w.status === "overdue").length;
    expect(u.overdue, u.orgId).toBe(n);
  }

  // Task detail of the first task.
  const first = s.taskIds[0]!;
  const detail = await get(admin, `/api/tasks/${first}`);
  expect(detail.task.supervision).toBe(all.get(first) ?? null);
}

describe("one status engine: every page agrees with a from-scratch computation", () => {
  it("on random plans, histories and days", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(4), async (c) => {
        const stored = await store(c);
        try {
          await runEngine(c, stored);
          await check(c, stored);
        } finally {
          await ctx.db
            .updateTable("plans")
            .set({ deleted_at: new Date().toISOString() })
            .where("id", "=", stored.planId)
            .execute();
        }
      }),
      { numRuns: Number(process.env.LUOSHI_CONSISTENCY_RUNS ?? 25), endOnFailure: true },
    );
  }, 600_000);
});
