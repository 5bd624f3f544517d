import type { Actor } from "../auth/actor.js";
import { sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { ReportStatus } from "../db/schema.js";
import { readablePlan } from "../plans/plans.service.js";
import { todayInShanghai } from "../progress/periods.js";
import * as repo from "./queries.repository.js";
import { attainment, isOverdue, latestByOrg, nextDue, taskStatus } from "./task-status.js";

export interface TaskFilter {
  planId?: string;
  section?: string;
  orgId?: string;
  status?: ReportStatus;
  dueFrom?: string;
  dueTo?: string;
  mine?: boolean;
  overdue?: boolean;
}

const group = <T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> => {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
};

/** Every published task the actor can read, with assignees' latest statuses, deadlines and the derived status. */
async function taskViews(db: Database, actor: Actor, planId?: string, today = todayInShanghai()) {
  const tasks = await repo.publishedTasks(db, [...actor.visibleOrgIds, ...actor.ancestorOrgIds], planId);
  const ids = tasks.map((t) => t.id);
  const [assignments, milestones, reports] = await Promise.all([
    repo.assignmentsOf(db, ids),
    repo.milestonesOf(db, ids),
    repo.latestReportsOf(db, ids),
  ]);
  const assignmentsBy = group(assignments, (a) => a.task_id);
  const milestonesBy = group(milestones, (m) => m.task_id);
  const reportsBy = group(reports, (r) => r.task_id);
  return tasks.map((t) => {
    const latest = latestByOrg(reportsBy.get(t.id) ?? []);
    const assignees = (assignmentsBy.get(t.id) ?? []).map((a) => {
      const r = latest.get(a.org_id);
      return {
        orgId: a.org_id,
        orgName: a.org_name,
        role: a.role,
        status: r?.status ?? ("not_started" as ReportStatus),
        percent: r?.percent ?? 0,
        period: r?.period ?? null,
      };
    });
    const status = taskStatus(assignees.map((a) => a.status));
    const dues = (milestonesBy.get(t.id) ?? []).map((m) => m.due_date);
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
      milestones: milestonesBy.get(t.id) ?? [],
      status,
      nextDue: nextDue(dues, today),
      overdue: isOverdue(dues, status, today),
    };
  });
}

export type TaskView = Awaited<ReturnType<typeof taskViews>>[number];

export async function findTasks(db: Database, actor: Actor, filter: TaskFilter) {
  if (filter.planId) await readablePlan(db, actor, filter.planId);
  const views = await taskViews(db, actor, filter.planId);
  return views.filter(
    (t) =>
      (!filter.section || t.section === filter.section || t.path.includes(filter.section)) &&
      (!filter.orgId || t.assignees.some((a) => a.orgId === filter.orgId)) &&
      (!filter.status || t.status === filter.status) &&
      (!filter.mine || t.assignees.some((a) => sees(actor, a.orgId))) &&
      (!filter.overdue || t.overdue) &&
      (!filter.dueFrom || t.milestones.some((m) => m.due_date !== null && m.due_date >= filter.dueFrom!)) &&
      (!filter.dueTo || t.milestones.some((m) => m.due_date !== null && m.due_date <= filter.dueTo!)),
  );
}

/** For each indicator: target, the latest actual reported, and whether it is met. */
export async function indicatorAttainment(db: Database, actor: Actor, planId: string) {
  await readablePlan(db, actor, planId);
  const tasks = await repo.publishedTasks(db, [...actor.visibleOrgIds, ...actor.ancestorOrgIds], planId);
  const indicators = await repo.indicatorsOf(
    db,
    tasks.map((t) => t.id),
  );
  const actuals = group(
    await repo.actualsOf(
      db,
      indicators.map((i) => i.id),
    ),
    (a) => a.indicator_id,
  );
  const taskNo = new Map(tasks.map((t) => [t.id, t.no]));
  return indicators.map((i) => {
    const latest = [...(actuals.get(i.id) ?? [])].sort((a, b) =>
      a.period + a.submitted_at < b.period + b.submitted_at ? 1 : -1,
    )[0];
    const actual = latest?.value ?? null;
    return {
      id: i.id,
      taskId: i.task_id,
      taskNo: taskNo.get(i.task_id) ?? null,
      subject: i.subject,
      text: i.text,
      op: i.op,
      baseline: i.baseline,
      targetValue: i.target_value,
      targetMin: i.target_min,
      targetMax: i.target_max,
      unit: i.unit,
      actual,
      period: latest?.period ?? null,
      attained: attainment(i, actual),
    };
  });
}

/** Per assigned unit: how many of its tasks are done, in progress, blocked, overdue. */
export async function unitCompletion(db: Database, actor: Actor, planId: string) {
  await readablePlan(db, actor, planId);
  const views = await taskViews(db, actor, planId);
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
      if (a.status !== "done" && t.overdue) u.overdue++;
      units.set(a.orgId, u);
    }
  }
  return [...units.values()]
    .map((u) => ({ ...u, completionRate: u.total === 0 ? 0 : Math.round((u.done / u.total) * 1000) / 1000 }))
    .sort((a, b) => b.completionRate - a.completionRate || a.orgName.localeCompare(b.orgName, "zh"));
}
