import type { WarningLevel } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { ReportStatus } from "../db/schema.js";
import { listReadablePlans } from "../plans/plans.service.js";
import { todayInShanghai } from "../progress/periods.js";
import { warningLevelOf } from "../status/engine.js";
import { completionTrend } from "./completion-trend.js";
import * as repo from "./queries.repository.js";
import { completionByUnit, findTasks, indicatorAttainment, type TaskView } from "./queries.service.js";

const counts = () => ({ total: 0, done: 0, inProgress: 0, blocked: 0, notStarted: 0, overdue: 0 });
type Counts = ReturnType<typeof counts>;
const STATUS_KEY: Record<ReportStatus, keyof Counts> = {
  done: "done",
  in_progress: "inProgress",
  blocked: "blocked",
  not_started: "notStarted",
};
const tally = (c: Counts, t: TaskView) => {
  c.total++;
  c[STATUS_KEY[t.status]]++;
  if (t.overdue) c.overdue++;
};

/** Assignment completion at the end of each month of the plan's year, up to this month. */
async function monthlyTrend(db: Database, tasks: TaskView[], year: number, today: string) {
  const reports = await repo.reportsOf(
    db,
    tasks.map((t) => t.id),
  );
  const assignments = tasks.flatMap((t) => t.assignees.map((a) => ({ taskId: t.id, orgId: a.orgId })));
  const last = today.slice(0, 4) === String(year) ? Number(today.slice(5, 7)) : 12;
  const months = Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  return completionTrend(reports, assignments, months);
}

/**
 * Everything the dashboard draws for one published plan (the newest by default); statuses are
 * the status engine's (warnings: red overdue, yellow warning, green the rest).
 */
export async function dashboard(db: Database, actor: Actor, planId?: string, today = todayInShanghai()) {
  const plans = (await listReadablePlans(db, actor))
    .filter((p) => p.status === "published")
    .map((p) => ({ id: p.id, title: p.title, year: p.year }));
  // By default the newest plan of this year (Asia/Shanghai), else the newest published one.
  const thisYear = Number(today.slice(0, 4));
  const plan = planId ? plans.find((p) => p.id === planId) : (plans.find((p) => p.year === thisYear) ?? plans[0]);
  if (!plan) return { plans, plan: null, today };
  const tasks = await findTasks(db, actor, { planId: plan.id }, { today });
  const totals = counts();
  const sections = new Map<string, Counts>();
  const warnings: Record<WarningLevel, number> = { green: 0, yellow: 0, red: 0 };
  for (const t of tasks) {
    tally(totals, t);
    const key = t.section ?? "";
    const c = sections.get(key) ?? counts();
    tally(c, t);
    sections.set(key, c);
    warnings[warningLevelOf(t.supervision)]++;
  }
  const indicators = await indicatorAttainment(db, actor, plan.id, today);
  return {
    plans,
    plan,
    today,
    totals,
    bySection: [...sections].map(([section, c]) => ({ section, ...c })),
    byUnit: completionByUnit(tasks),
    warnings,
    overdue: tasks
      .filter((t) => t.overdue)
      .map((t) => ({
        id: t.id,
        no: t.no,
        title: t.title,
        section: t.section,
        status: t.status,
        dueDates: t.milestones.map((m) => m.due_date).filter((d): d is string => d !== null && d < today),
        units: t.assignees.filter((a) => a.supervision === "overdue").map((a) => a.orgName),
      })),
    indicators: {
      attained: indicators.filter((i) => i.attained === true).length,
      missed: indicators.filter((i) => i.attained === false).length,
      unknown: indicators.filter((i) => i.attained === null).length,
      items: indicators,
    },
    trend: await monthlyTrend(db, tasks, plan.year ?? Number(today.slice(0, 4)), today),
  };
}
