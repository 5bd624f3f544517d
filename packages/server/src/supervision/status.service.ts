import { recordAudit } from "../audit/audit.repository.js";
import { type Actor, isUnitRole } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { addDays } from "./calendar.js";
import type { EntityKind, SupervisionStatus } from "./schema.js";
import { sdb, shared } from "./schema.js";
import {
  assignmentStatus,
  dueDatesOf,
  expectedReportPeriod,
  indicatorStatus,
  milestoneStatus,
  type PlanContext,
  resolveRules,
  type StatusRules,
  yearStart,
} from "./status-rules.js";
import * as repo from "./supervision.repository.js";

export type Clock = () => Date;

export interface RunResult {
  day: string;
  changed: number;
  counts: Record<EntityKind, Record<SupervisionStatus, number>>;
}

interface PlanInfo extends PlanContext {
  rules: StatusRules;
}

const emptyCounts = (): Record<SupervisionStatus, number> => ({ normal: 0, warning: 0, overdue: 0, done: 0 });

/**
 * Computes today's status of every assignment, milestone and indicator of the published
 * plans (of the given regions, or all) and stores one snapshot per entity for the day.
 * Idempotent: the same day and the same facts change nothing.
 */
export async function runStatusEngine(
  database: Database,
  options: { now: Clock; regionIds?: string[] | null; actorId?: string | null },
): Promise<RunResult> {
  const db = sdb(database);
  const regionIds = options.regionIds ?? null;
  const now = options.now();
  const today = todayInShanghai(now);
  const plans = new Map<string, PlanInfo>();
  for (const p of await repo.publishedPlans(db, regionIds)) {
    plans.set(p.id, {
      year: p.year,
      cadence: p.cadence,
      publishedOn: p.published_at ? todayInShanghai(new Date(p.published_at)) : null,
      rules: resolveRules(p.rules),
    });
  }
  const [assignments, milestones, indicators] = await Promise.all([
    repo.assignmentFacts(db, regionIds),
    repo.milestoneFacts(db, regionIds),
    repo.indicatorFacts(db, regionIds),
  ]);

  const datesByTask = new Map<string, (string | null)[]>();
  for (const m of milestones) datesByTask.set(m.task_id, [...(datesByTask.get(m.task_id) ?? []), m.due_date]);
  const taskProgress = new Map<string, { done: boolean; sum: number; n: number }>();
  const expected = new Map<string, string | null>();
  const rows: repo.SnapshotInput[] = [];
  const counts = { assignment: emptyCounts(), milestone: emptyCounts(), indicator: emptyCounts() };
  const push = (
    kind: EntityKind,
    base: { region_id: string; id: string; plan_id: string; task_id: string; org_id?: string },
    r: { status: SupervisionStatus; reasons: string[]; dueDate: string | null; progress: number | null },
  ) => {
    counts[kind][r.status] += 1;
    rows.push({
      region_id: base.region_id,
      entity_kind: kind,
      entity_id: base.id,
      day: today,
      plan_id: base.plan_id,
      task_id: base.task_id,
      org_id: base.org_id ?? null,
      status: r.status,
      reasons: r.reasons,
      due_date: r.dueDate,
      progress: r.progress,
    });
  };

  for (const a of assignments) {
    const plan = plans.get(a.plan_id);
    if (!plan) continue;
    if (!expected.has(a.plan_id)) expected.set(a.plan_id, expectedReportPeriod(today, plan, plan.rules));
    const latest = a.status && a.period ? { status: a.status, percent: a.percent ?? 0, period: a.period } : null;
    const result = assignmentStatus(
      {
        dueDates: dueDatesOf(datesByTask.get(a.task_id) ?? [], plan),
        latest,
        expectedPeriod: expected.get(a.plan_id) ?? null,
      },
      today,
      plan.rules,
    );
    push("assignment", a, result);
    const t = taskProgress.get(a.task_id) ?? { done: true, sum: 0, n: 0 };
    t.done &&= result.status === "done";
    t.sum += result.progress ?? 0;
    t.n += 1;
    taskProgress.set(a.task_id, t);
  }

  for (const m of milestones) {
    const plan = plans.get(m.plan_id);
    if (!plan) continue;
    const t = taskProgress.get(m.task_id);
    const dueDate = m.due_date ?? dueDatesOf([], plan)[0] ?? today;
    const facts = { dueDate, taskDone: t ? t.done && t.n > 0 : false, taskProgress: t?.n ? t.sum / t.n : 0 };
    push("milestone", m, milestoneStatus(facts, today, plan.rules));
  }

  for (const i of indicators) {
    const plan = plans.get(i.plan_id);
    if (!plan) continue;
    const dates = dueDatesOf(datesByTask.get(i.task_id) ?? [], plan);
    const dueDate = dates.at(-1) ?? addDays(today, 1);
    const facts = { target: i, actual: i.actual, start: yearStart(plan.year, today), dueDate };
    push("indicator", i, indicatorStatus(facts, today, plan.rules));
  }

  const changed = await db.transaction().execute(async (trx) => {
    const n = await repo.upsertSnapshots(trx, rows, now.toISOString());
    if (n > 0) {
      const regions = new Set(rows.map((r) => r.region_id));
      for (const regionId of regions) {
        await recordAudit(shared(trx), {
          regionId,
          actorId: options.actorId ?? null,
          entity: "status_snapshot",
          entityId: today,
          action: "compute",
          after: { day: today, changed: n },
        });
      }
    }
    return n;
  });
  return { day: today, changed, counts };
}

/** Supervisors and leaders see their regions; units see only their own rows. */
export function statusScope(actor: Actor): { regionIds: string[]; orgIds: string[] | null } {
  const unit = isUnitRole(actor);
  return { regionIds: unit ? [actor.regionId] : actor.visibleOrgIds, orgIds: unit ? actor.visibleOrgIds : null };
}

export async function warningsBoard(
  db: Database,
  actor: Actor,
  filter: { planId?: string; kind?: EntityKind; status?: SupervisionStatus },
) {
  return repo.latestSnapshots(sdb(db), { ...statusScope(actor), ...filter });
}

/** Counts per day and status, for trend charts. */
export async function statusTrend(
  db: Database,
  actor: Actor,
  filter: { planId?: string; kind?: EntityKind; from: string; to: string },
) {
  const rows = await repo.statusTrend(sdb(db), { ...statusScope(actor), ...filter });
  const byDay = new Map<string, Record<SupervisionStatus, number>>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? emptyCounts();
    day[r.status] = Number(r.n);
    byDay.set(r.day, day);
  }
  return [...byDay].map(([day, c]) => ({ day, ...c }));
}
