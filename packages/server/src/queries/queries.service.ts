import type { Actor } from "../auth/actor.js";
import { sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { ReportStatus } from "../db/schema.js";
import { withLedgerActuals } from "../ledgers/ledger-actuals.js";
import { readablePlan } from "../plans/plans.service.js";
import { todayInShanghai } from "../progress/periods.js";
import { taskStatusOf } from "../status/engine.js";
import { attainment, nextDue, reportedStatus } from "../status/rules.js";
import type { SupervisionStatus } from "../supervision/schema.js";
import { zhCompare } from "../zh-order.js";
import type { OwnTaskRows } from "./own-task-rows.js";
import * as repo from "./queries.repository.js";

export interface TaskFilter {
  planId?: string;
  section?: string;
  orgId?: string;
  status?: ReportStatus;
  /** The status engine's status of the task (see status/engine.ts taskStatusOf). */
  supervision?: SupervisionStatus;
  dueFrom?: string;
  dueTo?: string;
  mine?: boolean;
  overdue?: boolean;
}

/** The engine's status of a task over some of its assignees (status/engine.ts taskStatusOf); overdue when it says so. */
function engineStatus(assignees: readonly { supervision: SupervisionStatus | null }[]) {
  const supervision = taskStatusOf(assignees.map((a) => a.supervision).filter((s) => s !== null));
  return { supervision, overdue: supervision === "overdue" };
}

/**
 * Every published task the actor can read (optionally one plan's, or one task), with assignees'
 * latest reports, deadlines, the reported state and the status engine's current status of each
 * assignment and milestone (stored snapshots, as the warnings board shows them) and of the task
 * (over its assignments): one query.
 */
async function taskViews(
  db: Database,
  actor: Actor,
  only: { planId?: string; taskId?: string; mine?: boolean },
  today: string,
  ownRows?: OwnTaskRows,
) {
  const orgIds = [...actor.visibleOrgIds, ...actor.ancestorOrgIds];
  const { mine, ...which } = only;
  const own = { ...which, assignedTo: actor.visibleOrgIds };
  const tasks = !mine
    ? await repo.publishedTaskBundles(db, orgIds, which, today)
    : ownRows
      ? await ownRows.bundles(db, orgIds, own, today)
      : await repo.publishedTaskBundles(db, orgIds, own, today);
  return tasks.map((t) => {
    const assignees = t.assignees.map(([orgId, role, orgName, status, percent, period, supervision]) => ({
      orgId,
      orgName,
      role,
      status: status ?? ("not_started" as ReportStatus),
      percent: percent ?? 0,
      period,
      supervision,
    }));
    // A unit's own list holds only some assignees; the task's status is over all of them.
    const statuses = t.statuses?.map((s) => s ?? "not_started") ?? assignees.map((a) => a.status);
    const status = reportedStatus(statuses);
    const dues = t.milestones.map((m) => m.due_date);
    return {
      id: t.id,
      planId: t.plan_id,
      planTitle: t.plan_title,
      no: t.no,
      title: t.title,
      section: t.path[0] ?? null,
      path: t.path,
      units: t.units,
      assignees,
      milestones: t.milestones,
      status,
      nextDue: nextDue(dues, today),
      ...engineStatus(assignees),
      assigneeCount: statuses.length,
    };
  });
}

export type TaskView = Awaited<ReturnType<typeof taskViews>>[number];

/**
 * A plan's task views. They are read only from plans the actor may read, so the plan check
 * costs a query only when none came back (an unknown, unreadable or unpublished plan).
 */
async function planTaskViews(
  db: Database,
  actor: Actor,
  planId: string,
  today: string,
  mine?: boolean,
  ownRows?: OwnTaskRows,
) {
  const views = await taskViews(db, actor, { planId, mine }, today, ownRows);
  if (views.length === 0) await readablePlan(db, actor, planId);
  return views;
}

/**
 * Tasks matching the filter, their statuses as of `today` (Asia/Shanghai); `drawnFrom` receives
 * every plan whose tasks were filtered (kept or not). A `mine` list reads only the tasks assigned
 * to the actor's units (its plans are those of its tasks: which tasks are assigned to whom changes
 * only by writes that name no plan).
 */
export async function findTasks(
  db: Database,
  actor: Actor,
  filter: TaskFilter,
  options: { today?: string; drawnFrom?: Set<string>; ownRows?: OwnTaskRows } = {},
) {
  const { today = todayInShanghai(), drawnFrom, ownRows } = options;
  const views = filter.planId
    ? await planTaskViews(db, actor, filter.planId, today, filter.mine, ownRows)
    : await taskViews(db, actor, { mine: filter.mine }, today, ownRows);
  if (drawnFrom) {
    if (filter.planId) drawnFrom.add(filter.planId);
    for (const t of views) drawnFrom.add(t.planId);
  }
  const listed = filter.mine
    ? views.filter((t) => t.assignees.some((a) => sees(actor, a.orgId))).map((t) => ownView(actor, t))
    : views;
  return listed.filter(
    (t) =>
      (!filter.section || t.section === filter.section || t.path.includes(filter.section)) &&
      (!filter.orgId || t.assignees.some((a) => a.orgId === filter.orgId)) &&
      (!filter.status || t.status === filter.status) &&
      (!filter.supervision || t.supervision === filter.supervision) &&
      (!filter.overdue || t.overdue) &&
      (!filter.dueFrom || t.milestones.some((m) => m.due_date !== null && m.due_date >= filter.dueFrom!)) &&
      (!filter.dueTo || t.milestones.some((m) => m.due_date !== null && m.due_date <= filter.dueTo!)),
  );
}

/**
 * A task as its assignee's own list shows it: the lead units and the actor's own assignments
 * (all a `mine` read holds), not every school a 各学校 task fans out to (a school reporter on a
 * phone would otherwise download forty schools' statuses per task), with the number of
 * assignees. Its status is the engine's over the actor's own assignments (as the warnings board
 * shows a unit its own rows).
 */
function ownView(actor: Actor, t: TaskView): TaskView {
  return { ...t, ...engineStatus(t.assignees.filter((a) => sees(actor, a.orgId))) };
}

/** For each indicator: target, the latest actual reported, and whether it is met. */
export async function indicatorAttainment(db: Database, actor: Actor, planId: string, today = todayInShanghai()) {
  const views = await indicatorViews(db, actor, { planId }, today);
  if (views.length === 0) await readablePlan(db, actor, planId);
  return views;
}

/** indicatorAttainment without the plan check, for callers that made it (one query). */
export async function indicatorViews(
  db: Database,
  actor: Actor,
  only: { planId?: string; taskId?: string },
  today = todayInShanghai(),
) {
  const latest = await repo.indicatorsWithLatestActual(db, [...actor.visibleOrgIds, ...actor.ancestorOrgIds], only);
  // Bound indicators show the ledger's value as of today (ledgers/ledger-actuals.ts).
  const indicators = await withLedgerActuals(db, latest, today);
  return indicators.map((i) => ({
    id: i.id,
    taskId: i.task_id,
    taskNo: i.task_no ?? null,
    subject: i.subject,
    text: i.text,
    op: i.op,
    baseline: i.baseline,
    targetValue: i.target_value,
    targetMin: i.target_min,
    targetMax: i.target_max,
    unit: i.unit,
    actual: i.actual,
    period: i.actual_period,
    attained: attainment(i, i.actual),
    ...(i.derivation ? { derivation: i.derivation } : {}),
  }));
}

/** One published task's view, for callers that checked the plan is readable (one query). */
export async function taskView(db: Database, actor: Actor, taskId: string, today = todayInShanghai()) {
  return (await taskViews(db, actor, { taskId }, today))[0];
}

/** Per assigned unit: how many of its tasks are done, in progress, blocked, overdue. */
export async function unitCompletion(db: Database, actor: Actor, planId: string, today = todayInShanghai()) {
  return completionByUnit(await planTaskViews(db, actor, planId, today));
}

/** unitCompletion over task views already read (the dashboard has them). */
export function completionByUnit(views: readonly TaskView[]) {
  const units = new Map<
    string,
    {
      orgId: string;
      orgName: string;
      total: number;
      done: number;
      inProgress: number;
      blocked: number;
      overdue: number;
    }
  >();
  for (const t of views) {
    for (const a of t.assignees) {
      const u = units.get(a.orgId) ?? {
        orgId: a.orgId,
        orgName: a.orgName,
        total: 0,
        done: 0,
        inProgress: 0,
        blocked: 0,
        overdue: 0,
      };
      u.total++;
      if (a.status === "done") u.done++;
      if (a.status === "in_progress") u.inProgress++;
      if (a.status === "blocked") u.blocked++;
      if (a.supervision === "overdue") u.overdue++;
      units.set(a.orgId, u);
    }
  }
  return [...units.values()]
    .map((u) => ({ ...u, completionRate: u.total === 0 ? 0 : Math.round((u.done / u.total) * 1000) / 1000 }))
    .sort((a, b) => b.completionRate - a.completionRate || zhCompare(a.orgName, b.orgName));
}
