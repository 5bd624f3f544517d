import type { Actor } from "../auth/actor.js";
import { canSeePlan, sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { Cadence } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { currentPeriods, duePeriods, periodLabel } from "./due-periods.js";
import { todayInShanghai } from "./periods.js";
import * as repo from "./progress.repository.js";
import { reportRulesOf } from "./report-rules.js";

/**
 * The periods an org may report a task for (newest first, none in the future), each with whether
 * it has been reported: the progress form offers exactly these.
 */
export async function taskPeriods(
  db: Database,
  actor: Actor,
  taskId: string,
  orgId = actor.orgId,
  today = todayInShanghai(),
) {
  const found = await repo.findTaskWithPlan(db, taskId);
  if (!found || !canSeePlan(actor, found.plan) || found.plan.status !== "published") throw notFound("TASK_NOT_FOUND");
  if (!sees(actor, orgId)) throw new AppError("NOT_ASSIGNED", 403);
  const cadence: Cadence = found.task.cadence ?? found.plan.cadence;
  const reported = new Set(await repo.reportedPeriods(db, found.task.region_id, taskId, orgId));
  const periods = duePeriods(cadence, found.plan.year, today).map((period) => ({
    period,
    label: periodLabel(period),
    reported: reported.has(period),
  }));
  return { cadence, current: periods[0]?.period ?? null, periods, rules: reportRulesOf(found.plan.report_rules) };
}

/**
 * 本期已报/未报 for each task assigned in the actor's reach: reported when every assigned org the
 * actor reaches has reported for the period holding today.
 */
export async function myReporting(db: Database, actor: Actor, today = todayInShanghai()) {
  const current = currentPeriods(today);
  const rows = await repo.currentReporting(db, actor.visibleOrgIds, current);
  const byTask = new Map<
    string,
    { taskId: string; planId: string; cadence: Cadence; period: string; units: number; reportedUnits: number }
  >();
  for (const r of rows) {
    const t = byTask.get(r.task_id) ?? {
      taskId: r.task_id,
      planId: r.plan_id,
      cadence: r.cadence,
      period: current[r.cadence],
      units: 0,
      reportedUnits: 0,
    };
    t.units++;
    if (r.reported) t.reportedUnits++;
    byTask.set(r.task_id, t);
  }
  return {
    periods: current,
    tasks: [...byTask.values()].map((t) => ({
      ...t,
      label: periodLabel(t.period),
      reported: t.reportedUnits === t.units,
    })),
  };
}
