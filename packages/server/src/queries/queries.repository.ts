import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

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

/**
 * Each assignee's latest report per task (highest period, then latest submission), the
 * only one a task's status needs: a plan's history can be a hundred times longer.
 */
export async function latestReportsOf(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("progress_reports")
    .distinctOn(["task_id", "org_id"])
    .select(["id", "task_id", "org_id", "period", "status", "percent", "submitted_at"])
    .where("task_id", "in", taskIds)
    .where("deleted_at", "is", null)
    .orderBy("task_id")
    .orderBy("org_id")
    .orderBy("period", "desc")
    .orderBy("submitted_at", "desc")
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
