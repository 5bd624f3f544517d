import type { EntityKind, SupervisionStatus, WarningLevel } from "@luoshi/contract";
import type { Cadence, ReportStatus, TargetJson } from "../db/schema.js";
import { addDays } from "./calendar.js";
import {
  assignmentStatus,
  dueDatesOf,
  expectedReportPeriod,
  indicatorStatus,
  milestoneStatus,
  type StatusResult,
  type StatusRules,
  yearStart,
} from "./rules.js";

/**
 * The status engine, pure: the facts of published plans as they stood on a day in, the status
 * of every assignment, milestone and indicator on that day out. Stored snapshots, the warnings
 * board, the dashboard, task lists, reminders and bulletins all come from this one function.
 */

export interface PlanFacts {
  id: string;
  year: number | null;
  cadence: Cadence;
  /** Day the plan was published (Asia/Shanghai); a plan published after the day is not yet in force. */
  publishedOn: string | null;
  rules: StatusRules;
}

/** An assignee's latest report as of the day (see latestReportAsOf). */
export interface LatestReport {
  status: ReportStatus;
  percent: number;
  period: string;
}

export interface AssignmentFact {
  region_id: string;
  id: string;
  task_id: string;
  org_id: string;
  plan_id: string;
  latest: LatestReport | null;
}

export interface MilestoneFact {
  region_id: string;
  id: string;
  task_id: string;
  plan_id: string;
  due_date: string | null;
}

export interface IndicatorFact {
  region_id: string;
  id: string;
  task_id: string;
  plan_id: string;
  op: TargetJson["op"];
  baseline: number | null;
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  /** The latest actual reported as of the day. */
  actual: number | null;
}

/**
 * A task's assignments that a refresh does not recompute (no report of theirs changed), summed
 * from their statuses already stored for the day: what its milestones need of them.
 */
export interface SettledAssignments {
  task_id: string;
  n: number;
  /** Sum of their progress. */
  sum: number;
  /** Whether every one of them is done. */
  done: boolean;
}

export interface StatusFacts {
  plans: PlanFacts[];
  assignments: AssignmentFact[];
  milestones: MilestoneFact[];
  indicators: IndicatorFact[];
  /** For a refresh of some units' assignments: the rest of their tasks' assignments. */
  settled?: SettledAssignments[];
}

export interface EntityStatus extends StatusResult {
  kind: EntityKind;
  region_id: string;
  id: string;
  plan_id: string;
  task_id: string;
  org_id: string | null;
}

/** A report as the history holds it, with the day (Asia/Shanghai) it was last submitted. */
export interface ReportFact extends LatestReport {
  submittedOn: string;
  submittedAt: string;
}

/**
 * The report that counts on a day: among those submitted on or before it, the highest period,
 * then the latest submission. The SQL of the facts applies the same rule (status.repository.ts).
 */
export function latestReportAsOf(reports: readonly ReportFact[], asOf: string): ReportFact | null {
  let best: ReportFact | null = null;
  for (const r of reports) {
    if (r.submittedOn > asOf) continue;
    if (!best || r.period > best.period || (r.period === best.period && r.submittedAt > best.submittedAt)) best = r;
  }
  return best;
}

/** Whether a plan is in force on the day. */
export const inForce = (plan: PlanFacts, asOf: string): boolean =>
  plan.publishedOn === null || plan.publishedOn <= asOf;

/** The status of every entity of the plans in force on `asOf` (an ISO date, Asia/Shanghai). */
export function computeStatuses(facts: StatusFacts, asOf: string): EntityStatus[] {
  const plans = new Map(facts.plans.filter((p) => inForce(p, asOf)).map((p) => [p.id, p]));
  const datesByTask = new Map<string, (string | null)[]>();
  for (const m of facts.milestones) datesByTask.set(m.task_id, [...(datesByTask.get(m.task_id) ?? []), m.due_date]);
  const expected = new Map<string, string | null>();
  const taskProgress = new Map<string, { done: boolean; sum: number; n: number }>();
  for (const { task_id, done, sum, n } of facts.settled ?? []) taskProgress.set(task_id, { done, sum, n });
  const out: EntityStatus[] = [];
  const push = (
    kind: EntityKind,
    e: Omit<EntityStatus, keyof StatusResult | "kind" | "org_id">,
    org: string | null,
    r: StatusResult,
  ) => out.push({ kind, region_id: e.region_id, id: e.id, plan_id: e.plan_id, task_id: e.task_id, org_id: org, ...r });

  for (const a of facts.assignments) {
    const plan = plans.get(a.plan_id);
    if (!plan) continue;
    if (!expected.has(plan.id)) expected.set(plan.id, expectedReportPeriod(asOf, plan, plan.rules));
    const dueDates = dueDatesOf(datesByTask.get(a.task_id) ?? [], plan);
    const result = assignmentStatus(
      { dueDates, latest: a.latest, expectedPeriod: expected.get(plan.id) ?? null },
      asOf,
      plan.rules,
    );
    push("assignment", a, a.org_id, result);
    const t = taskProgress.get(a.task_id) ?? { done: true, sum: 0, n: 0 };
    t.done &&= result.status === "done";
    t.sum += result.progress ?? 0;
    t.n += 1;
    taskProgress.set(a.task_id, t);
  }

  for (const m of facts.milestones) {
    const plan = plans.get(m.plan_id);
    if (!plan) continue;
    const t = taskProgress.get(m.task_id);
    const dueDate = m.due_date ?? dueDatesOf([], plan)[0] ?? asOf;
    const f = { dueDate, taskDone: t ? t.done && t.n > 0 : false, taskProgress: t?.n ? t.sum / t.n : 0 };
    push("milestone", m, null, milestoneStatus(f, asOf, plan.rules));
  }

  for (const i of facts.indicators) {
    const plan = plans.get(i.plan_id);
    if (!plan) continue;
    const dueDate = dueDatesOf(datesByTask.get(i.task_id) ?? [], plan).at(-1) ?? addDays(asOf, 1);
    const f = { target: i, actual: i.actual, start: yearStart(plan.year, asOf), dueDate };
    push("indicator", i, null, indicatorStatus(f, asOf, plan.rules));
  }
  return out;
}

const SEVERITY: Record<SupervisionStatus, number> = { done: 0, normal: 1, warning: 2, overdue: 3 };

/**
 * A task's status from its assignments' and milestones' statuses: the worst of them, done only
 * when all are done; null when it has neither (nothing computed for it).
 */
export function taskStatusOf(statuses: readonly SupervisionStatus[]): SupervisionStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.every((s) => s === "done")) return "done";
  return statuses.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), "normal" as SupervisionStatus);
}

/** The dashboard's colour of a status: overdue red, warning yellow, anything else green. */
export const warningLevelOf = (status: SupervisionStatus | null): WarningLevel =>
  status === "overdue" ? "red" : status === "warning" ? "yellow" : "green";
