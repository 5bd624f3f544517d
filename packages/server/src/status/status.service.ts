import { recordAudit } from "../audit/audit.repository.js";
import { type Actor, isUnitRole } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { analyzeDueTables } from "../db/pglite-statistics.js";
import { planScope, taskScope } from "../db/write-generation.js";
import { todayInShanghai } from "../progress/periods.js";
import type { EntityKind, SupervisionStatus } from "../supervision/schema.js";
import { computeStatuses, type EntityStatus, taskStatusOf } from "./engine.js";
import { type FactScope, loadStatusFacts } from "./facts.repository.js";
import type { SnapshotQuery } from "./snapshots.repository.js";
import * as repo from "./snapshots.repository.js";

export type Clock = () => Date;

export interface RunResult {
  day: string;
  changed: number;
  counts: Record<EntityKind, Record<SupervisionStatus, number>>;
}

const emptyCounts = (): Record<SupervisionStatus, number> => ({ normal: 0, warning: 0, overdue: 0, done: 0 });

/**
 * The status of every assignment, milestone and indicator of the published plans of the given
 * regions (or all) as of the end of a day, from the records (reports submitted by then), whether
 * or not the engine ran that day. Nothing is stored: bulletins for a past period use this.
 */
export async function statusesAsOf(
  database: Database,
  scope: { regionIds: string[] | null; taskIds?: string[]; asOf: string },
): Promise<EntityStatus[]> {
  return computeStatuses(await loadStatusFacts(database, scope), scope.asOf);
}

/**
 * Computes today's statuses in the scope and stores one snapshot per entity for the day
 * (rows of the day for entities no longer live in the scope go). Idempotent: the same day and
 * the same facts change nothing.
 */
async function storeRun(
  database: Database,
  scope: Omit<FactScope, "asOf">,
  options: { now: Clock; actorId?: string | null },
): Promise<RunResult> {
  const db = database;
  const now = options.now();
  const today = todayInShanghai(now);
  const facts = await loadStatusFacts(db, { ...scope, asOf: today });
  const statuses = computeStatuses(facts, today);
  // A refresh of some tasks changes only their rows and is not audited (the report that caused
  // it is); a run over regions may change anything and is.
  const scopes = scope.taskIds ? writeScopes(scope.taskIds, statuses, facts.plans) : undefined;
  const counts = { assignment: emptyCounts(), milestone: emptyCounts(), indicator: emptyCounts() };
  const rows: repo.SnapshotInput[] = statuses.map((s) => {
    counts[s.kind][s.status] += 1;
    return {
      region_id: s.region_id,
      entity_kind: s.kind,
      entity_id: s.id,
      day: today,
      plan_id: s.plan_id,
      task_id: s.task_id,
      org_id: s.org_id,
      status: s.status,
      reasons: s.reasons,
      due_date: s.dueDate,
      progress: s.progress,
    };
  });
  // Inside a transaction already when it follows a batch of reports (db/group-commit.ts).
  const inTransaction = <R>(work: (trx: Database) => Promise<R>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  const changed = await inTransaction(async (trx) => {
    const n =
      (await repo.upsertSnapshots(trx, rows, now.toISOString(), scopes)) +
      (await repo.retireOthers(trx, scope, today, rows, scopes));
    if (n > 0 && !scope.taskIds) {
      const regions = new Set(rows.map((r) => r.region_id));
      for (const regionId of regions) {
        await recordAudit(trx, {
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

/**
 * What a refresh of some tasks writes: each task's own scope when every task has a live entity
 * (its plan known), else the whole of the plans involved (a gone task's rows are retired), or
 * anything (undefined) when no published plan holds them.
 */
function writeScopes(taskIds: string[], statuses: EntityStatus[], plans: { id: string }[]): string[] | undefined {
  const planOf = new Map(statuses.map((s) => [s.task_id, s.plan_id]));
  if (taskIds.every((id) => planOf.has(id))) return taskIds.map((id) => taskScope(planOf.get(id)!, id));
  return plans.length > 0 ? plans.map((p) => planScope(p.id)) : undefined;
}

/** The whole engine over the published plans of the given regions (or all), stored as today's snapshots. */
export async function runStatusEngine(
  database: Database,
  options: { now: Clock; regionIds?: string[] | null; actorId?: string | null },
): Promise<RunResult> {
  const result = await storeRun(database, { regionIds: options.regionIds ?? null }, options);
  // A run writes a day's rows for every entity at once (at start, after midnight): on PGlite the
  // planner would see the old row counts until the statistics keeper's next tick, and join the
  // day's snapshots by scanning them all (a unit's task list: 230 ms instead of 25). Failing
  // here only leaves that to the keeper, which logs it.
  if (result.changed > 0) await analyzeDueTables(database).catch(() => undefined);
  return result;
}

/** The tasks of one region whose reports changed, and who reported first (for the audit of a whole run). */
export interface RegionRefresh {
  taskIds: Iterable<string>;
  /** The units whose reports changed (only their assignments are recomputed); absent or null: all. */
  orgIds?: Iterable<string> | null;
  actorId: string | null;
}

/**
 * After reports: today's statuses of the affected tasks only, region by region. A region whose
 * statuses were last computed before today gets the whole run instead, so that a day's
 * snapshots are never a part of the region (the board shows a region's last computed day).
 * Tasks' statuses do not depend on each other, so refreshing several tasks at once stores
 * exactly what refreshing each alone would. Nor do assignments' statuses: a refresh of some units
 * recomputes only their assignments, and the tasks' milestones from those and the others' stored
 * statuses of the day (facts.repository.ts, settled), which is what recomputing them all gives.
 */
export async function refreshTaskStatuses(
  database: Database,
  now: Clock,
  regions: ReadonlyMap<string, RegionRefresh>,
): Promise<void> {
  // One instant for the whole refresh, so that the day checked is the day stored.
  const at = now();
  const today = todayInShanghai(at);
  const days = await repo.currentDays(database, [...regions.keys()], today);
  for (const [regionId, { taskIds, orgIds, actorId }] of regions) {
    const units = orgIds ? { orgIds: [...orgIds] } : {};
    const scope = days.get(regionId) === today ? { taskIds: [...taskIds], ...units } : {};
    await storeRun(database, { regionIds: [regionId], ...scope }, { now: () => at, actorId });
  }
}

/** Supervisors and leaders see their regions; units see only their own rows. */
export function statusScope(actor: Actor): { regionIds: string[]; orgIds: string[] | null } {
  const unit = isUnitRole(actor);
  return { regionIds: unit ? [actor.regionId] : actor.visibleOrgIds, orgIds: unit ? actor.visibleOrgIds : null };
}

/**
 * The warnings board: the current rows the actor may see under the filter; the rows counted by
 * status under every filter but the status one (one query: a status's count is the number of rows
 * the board lists when that status is picked); and its tasks counted by status (each task's status
 * over the assignments matching the plan, unit and search: taskStatusOf, as the dashboard and task
 * lists count).
 */
export async function warningsBoard(
  db: Database,
  actor: Actor,
  filter: Omit<SnapshotQuery, "regionIds" | "orgIds">,
  today: string,
) {
  const scope = { ...statusScope(actor), today };
  const { status, ...rest } = filter;
  const [rows, assignments] = await Promise.all([
    repo.currentSnapshots(db, { ...scope, ...rest }),
    repo.currentSnapshots(
      db,
      { ...scope, planId: rest.planId, orgId: rest.orgId, q: rest.q, kind: "assignment" },
      null,
    ),
  ]);
  const counts = emptyCounts();
  for (const r of rows) counts[r.status] += 1;
  const byTask = new Map<string, SupervisionStatus[]>();
  for (const a of assignments) byTask.set(a.task_id, [...(byTask.get(a.task_id) ?? []), a.status]);
  const tasks = emptyCounts();
  for (const statuses of byTask.values()) {
    const taskStatus = taskStatusOf(statuses);
    if (taskStatus) tasks[taskStatus] += 1;
  }
  return { items: status ? rows.filter((r) => r.status === status) : rows, counts, tasks };
}

/** Counts per day and status, for trend charts. */
export async function statusTrend(
  db: Database,
  actor: Actor,
  filter: { planId?: string; kind?: EntityKind; from: string; to: string },
) {
  const rows = await repo.statusTrend(db, { ...statusScope(actor), ...filter });
  const byDay = new Map<string, Record<SupervisionStatus, number>>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? emptyCounts();
    day[r.status] = Number(r.n);
    byDay.set(r.day, day);
  }
  return [...byDay].map(([day, c]) => ({ day, ...c }));
}
