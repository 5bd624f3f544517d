import type { AssignmentRole } from "@luoshi/contract";
import type { Selectable } from "kysely";
import { type Kysely, sql } from "kysely";
import { PREPARED } from "../db/pg-prepared.js";
import type { DB, IndicatorsTable, MilestonesTable, ReportStatus } from "../db/schema.js";
import type { SupervisionStatus } from "../supervision/schema.js";

type Db = Kysely<DB>;

/** Live tasks of published plans owned by the given orgs, with their plan's title. */
export async function publishedTasks(db: Db, planOrgIds: string[], planId?: string) {
  if (planOrgIds.length === 0) return [];
  let q = db
    .selectFrom("plan_tasks as t")
    .innerJoin("plans as p", (j) => j.onRef("p.id", "=", "t.plan_id").onRef("p.region_id", "=", "t.region_id"))
    .select([
      "t.id",
      "t.region_id",
      "t.plan_id",
      "t.seq",
      "t.no",
      "t.title",
      "t.path",
      "t.units",
      "p.title as plan_title",
      "p.org_id as plan_org_id",
    ])
    .where("p.org_id", "in", planOrgIds)
    .where("p.status", "=", "published")
    .where("p.deleted_at", "is", null)
    .where("t.deleted_at", "is", null);
  if (planId) q = q.where("p.id", "=", planId);
  return q.orderBy("p.created_at").orderBy("t.seq").execute();
}

export async function assignmentsOf(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("assignments as a")
    .innerJoin("orgs as o", "o.id", "a.org_id")
    .select(["a.task_id", "a.org_id", "a.role", "o.name as org_name"])
    .where("a.task_id", "in", taskIds)
    .where("a.deleted_at", "is", null)
    .execute();
}

export async function milestonesOf(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("milestones")
    .select(["task_id", "seq", "text", "due_date", "kind"])
    .where("task_id", "in", taskIds)
    .where("deleted_at", "is", null)
    .orderBy("seq")
    .execute();
}

export async function reportsOf(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("progress_reports")
    .select(["id", "task_id", "org_id", "period", "status", "percent", "submitted_at"])
    .where("task_id", "in", taskIds)
    .where("deleted_at", "is", null)
    .execute();
}

export async function indicatorsOf(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("indicators")
    .selectAll()
    .where("task_id", "in", taskIds)
    .where("deleted_at", "is", null)
    .orderBy("seq")
    .execute();
}

export async function actualsOf(db: Db, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom("indicator_actuals as a")
    .innerJoin("progress_reports as r", (j) =>
      j.onRef("r.id", "=", "a.report_id").onRef("r.region_id", "=", "a.region_id"),
    )
    .select(["a.indicator_id", "a.value", "r.org_id", "r.period", "r.submitted_at"])
    .where("a.indicator_id", "in", indicatorIds)
    .where("a.deleted_at", "is", null)
    .where("r.deleted_at", "is", null)
    .execute();
}

/**
 * One assignee as the bundle query sends it: [org id, role, org name, latest status, percent, period,
 * the status engine's current status of the assignment].
 */
export type AssigneeTuple = [
  string,
  AssignmentRole,
  string,
  ReportStatus | null,
  number | null,
  string | null,
  SupervisionStatus | null,
];

export interface TaskBundle {
  id: string;
  region_id: string;
  plan_id: string;
  seq: number;
  no: string;
  title: string;
  path: string[];
  units: string[];
  plan_title: string;
  plan_org_id: string;
  /** Assignees with their latest report (nulls before the first); see `assignedTo`. */
  assignees: AssigneeTuple[];
  /** With `assignedTo`: every assignee's reported status (null before its first report). */
  statuses?: (ReportStatus | null)[];
  milestones: {
    task_id: string;
    seq: number;
    text: string;
    due_date: string | null;
    kind: MilestonesTable["kind"];
    /** The status engine's current status of the milestone. */
    status: SupervisionStatus | null;
  }[];
}

/**
 * publishedTasks with each task's assignees, their latest reports (the task_unit_status read
 * model) and milestones, each with its current status from the status engine (the snapshot of its
 * region's last computed day on or before `today`), in one round trip (assignments_task_idx,
 * milestones_task_idx, the snapshots' primary key).
 * Assignees travel as JSON arrays, not objects: a plan's answer is a fifth the size, and
 * parsing it was most of a plan summary's time on PostgreSQL.
 * `assignedTo` keeps only the tasks assigned to one of those orgs (a unit's own list reads its
 * twenty tasks, not the county's plans), and of their assignees only the lead units and those
 * orgs (a 各学校 task's forty schools are `statuses`: each assignee's reported status, for the
 * task's status and count). Prepared, with one generic plan (db/pg-prepared.ts): planning it was
 * a quarter of its time on PGlite.
 */
export async function publishedTaskBundles(
  db: Db,
  planOrgIds: string[],
  only: TaskChoice & { taskIds?: string[] },
  today: string,
): Promise<TaskBundle[]> {
  if (planOrgIds.length === 0) return [];
  const statusJoin = sql`LEFT JOIN task_unit_status s
          ON s.region_id = a.region_id AND s.task_id = a.task_id AND s.org_id = a.org_id`;
  const { rows } = await sql<TaskBundle>`${sql.raw(PREPARED)}
    SELECT t.id, t.region_id, t.plan_id, t.seq, t.no, t.title, t.path, t.units,
      p.title AS plan_title, p.org_id AS plan_org_id,
      ${
        only.assignedTo
          ? sql`(SELECT array_agg(s.status) FROM assignments a ${statusJoin}
                 WHERE a.region_id = t.region_id AND a.task_id = t.id AND a.deleted_at IS NULL) AS statuses,`
          : sql``
      }
      COALESCE((
        SELECT json_agg(json_build_array(a.org_id, a.role, o.name, s.status, s.percent, s.period, ss.status))
        FROM assignments a
        JOIN orgs o ON o.id = a.org_id
        ${statusJoin}
        LEFT JOIN status_snapshots ss ON ss.region_id = a.region_id AND ss.entity_kind = 'assignment'
          AND ss.entity_id = a.id AND ss.day = cur.day
        WHERE a.region_id = t.region_id AND a.task_id = t.id AND a.deleted_at IS NULL
          ${only.assignedTo ? sql`AND (a.role = 'lead' OR a.org_id = ANY(${only.assignedTo}::text[]))` : sql``}
      ), '[]'::json) AS assignees,
      COALESCE((
        SELECT json_agg(json_build_object('task_id', m.task_id, 'seq', m.seq, 'text', m.text, 'due_date', m.due_date,
                                          'kind', m.kind, 'status', ms.status) ORDER BY m.seq)
        FROM milestones m
        LEFT JOIN status_snapshots ms ON ms.region_id = m.region_id AND ms.entity_kind = 'milestone'
          AND ms.entity_id = m.id AND ms.day = cur.day
        WHERE m.region_id = t.region_id AND m.task_id = t.id AND m.deleted_at IS NULL
      ), '[]'::json) AS milestones
    FROM plan_tasks t
    JOIN plans p ON p.id = t.plan_id AND p.region_id = t.region_id
    CROSS JOIN LATERAL (
      SELECT max(d.day) AS day FROM status_snapshots d WHERE d.region_id = t.region_id AND d.day <= ${today}
    ) cur
    WHERE ${chosenTasks(planOrgIds, only)}
      ${only.taskIds ? sql`AND t.id = ANY(${only.taskIds}::text[])` : sql``}
    ORDER BY p.created_at, t.seq`.execute(db);
  return rows;
}

/** Which published tasks a read holds: of one plan, one task, or those assigned to some orgs. */
export interface TaskChoice {
  planId?: string;
  taskId?: string;
  assignedTo?: string[];
}

/** The conditions on the published tasks (t) of plans (p) owned by planOrgIds that `only` chooses. */
const chosenTasks = (planOrgIds: string[], only: TaskChoice) => sql`
      p.org_id = ANY(${planOrgIds}::text[]) AND p.status = 'published' AND p.deleted_at IS NULL
      AND t.deleted_at IS NULL
      ${only.planId ? sql`AND p.id = ${only.planId}` : sql``}
      ${only.taskId ? sql`AND t.id = ${only.taskId}` : sql``}
      ${
        only.assignedTo
          ? sql`AND EXISTS (SELECT 1 FROM assignments m WHERE m.region_id = t.region_id AND m.task_id = t.id
                  AND m.org_id = ANY(${only.assignedTo}::text[]) AND m.deleted_at IS NULL)`
          : sql``
      }`;

/**
 * The tasks publishedTaskBundles returns for the same choice, in its order, without their
 * bundles: which rows a list holds (own-task-rows.ts fills them from kept rows).
 */
export async function chosenTaskIds(
  db: Db,
  planOrgIds: string[],
  only: TaskChoice,
): Promise<{ id: string; plan_id: string }[]> {
  if (planOrgIds.length === 0) return [];
  const { rows } = await sql<{ id: string; plan_id: string }>`${sql.raw(PREPARED)}
    SELECT t.id, t.plan_id
    FROM plan_tasks t
    JOIN plans p ON p.id = t.plan_id AND p.region_id = t.region_id
    WHERE ${chosenTasks(planOrgIds, only)}
    ORDER BY p.created_at, t.seq`.execute(db);
  return rows;
}

/**
 * Live indicators of the published tasks of plans owned by the given orgs (optionally one
 * plan's or one task's), each with its task's number and the latest actual reported for it
 * (highest period, then latest submission): one query (indicators_task_idx,
 * indicator_actuals_indicator_idx).
 */
export async function indicatorsWithLatestActual(
  db: Db,
  planOrgIds: string[],
  only: { planId?: string; taskId?: string } = {},
) {
  if (planOrgIds.length === 0) return [];
  const { rows } = await sql<
    Selectable<IndicatorsTable> & { task_no: string; actual: number | null; actual_period: string | null }
  >`
    SELECT i.*, t.no AS task_no, la.value AS actual, la.period AS actual_period
    FROM indicators i
    JOIN plan_tasks t ON t.id = i.task_id AND t.region_id = i.region_id AND t.deleted_at IS NULL
    JOIN plans p ON p.id = t.plan_id AND p.region_id = t.region_id
    LEFT JOIN LATERAL (
      SELECT a.value, r.period
      FROM indicator_actuals a
      JOIN progress_reports r ON r.id = a.report_id AND r.region_id = a.region_id AND r.deleted_at IS NULL
      WHERE a.indicator_id = i.id AND a.deleted_at IS NULL
      ORDER BY r.period DESC, r.submitted_at DESC
      LIMIT 1
    ) la ON true
    WHERE p.org_id = ANY(${planOrgIds}::text[]) AND p.status = 'published' AND p.deleted_at IS NULL
      AND i.deleted_at IS NULL
      ${only.planId ? sql`AND p.id = ${only.planId}` : sql``}
      ${only.taskId ? sql`AND t.id = ${only.taskId}` : sql``}
    ORDER BY i.seq, t.seq`.execute(db);
  return rows;
}
