import type { Insertable, Kysely, Updateable } from "kysely";
import { insertChunks } from "../db/chunks.js";
import type { DB, PlansTable, PlanTasksTable } from "../db/schema.js";

type Db = Kysely<DB>;

export async function insertPlan(db: Db, row: Insertable<PlansTable>) {
  return db.insertInto("plans").values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Many tasks (an import) in short statements under the parameter limit, without reading them back;
 * the caller's transaction keeps them all-or-nothing.
 */
export async function insertTaskRows(db: Db, rows: Insertable<PlanTasksTable>[]): Promise<number> {
  for (const chunk of insertChunks(rows)) await db.insertInto("plan_tasks").values(chunk).execute();
  return rows.length;
}

export async function insertTasks(db: Db, rows: Insertable<PlanTasksTable>[]) {
  const inserted = [];
  for (const chunk of insertChunks(rows)) {
    inserted.push(...(await db.insertInto("plan_tasks").values(chunk).returningAll().execute()));
  }
  return inserted;
}

export async function findPlan(db: Db, id: string) {
  return db.selectFrom("plans").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
}

/** Live plans of these orgs; drafts only when asked for (they are their makers' until published). */
export async function listPlans(db: Db, orgIds: string[], withDrafts: boolean) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom("plans")
    .select([
      "id",
      "region_id",
      "org_id",
      "title",
      "year",
      "status",
      "cadence",
      "source_filename",
      "published_at",
      "created_at",
    ])
    .where("org_id", "in", orgIds)
    .where("deleted_at", "is", null)
    .$if(!withDrafts, (q) => q.where("status", "=", "published"))
    .orderBy("created_at", "desc")
    .execute();
}

export async function updatePlan(db: Db, plan: { region_id: string; id: string }, set: Updateable<PlansTable>) {
  return db
    .updateTable("plans")
    .set({ ...set, updated_at: new Date().toISOString() })
    .where("region_id", "=", plan.region_id)
    .where("id", "=", plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listTasks(db: Db, regionId: string, planId: string) {
  return db
    .selectFrom("plan_tasks")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("plan_id", "=", planId)
    .where("deleted_at", "is", null)
    .orderBy("seq")
    .execute();
}

export async function findTask(db: Db, id: string) {
  return db
    .selectFrom("plan_tasks")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function updateTask(db: Db, task: { region_id: string; id: string }, set: Updateable<PlanTasksTable>) {
  return db
    .updateTable("plan_tasks")
    .set({ ...set, updated_at: new Date().toISOString() })
    .where("region_id", "=", task.region_id)
    .where("id", "=", task.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMappings(db: Db, regionId: string, planId: string) {
  return db
    .selectFrom("unit_mappings")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("plan_id", "=", planId)
    .where("deleted_at", "is", null)
    .execute();
}

export async function upsertMapping(
  db: Db,
  row: { region_id: string; id: string; plan_id: string; unit_name: string; org_id: string | null; ignored: boolean },
) {
  return db
    .insertInto("unit_mappings")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["region_id", "plan_id", "unit_name"]).doUpdateSet({
        org_id: row.org_id,
        ignored: row.ignored,
        deleted_at: null,
        updated_at: new Date().toISOString(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function orgsOfRegion(db: Db, regionId: string) {
  return db
    .selectFrom("orgs")
    .select(["id", "name", "kind", "school_level"])
    .where("region_id", "=", regionId)
    .where("deleted_at", "is", null)
    .orderBy("sort_order")
    .orderBy("name")
    .execute();
}

/** Counties under a city are their own regions; a city plan fans out to them by parent. */
export async function childOrgs(db: Db, parentId: string) {
  return db
    .selectFrom("orgs")
    .select(["id", "name", "kind", "school_level"])
    .where("parent_id", "=", parentId)
    .where("deleted_at", "is", null)
    .execute();
}

export async function insertPublication(
  db: Db,
  rows: {
    assignments: Insertable<DB["assignments"]>[];
    milestones: Insertable<DB["milestones"]>[];
    indicators: Insertable<DB["indicators"]>[];
  },
) {
  for (const chunk of insertChunks(rows.assignments)) await db.insertInto("assignments").values(chunk).execute();
  for (const chunk of insertChunks(rows.milestones)) await db.insertInto("milestones").values(chunk).execute();
  for (const chunk of insertChunks(rows.indicators)) await db.insertInto("indicators").values(chunk).execute();
}
