import { type Insertable, type Kysely, sql, type Updateable } from "kysely";
import { insertChunks } from "../db/chunks.js";
import type { DB, PlansTable, PlanTasksTable } from "../db/schema.js";

type Db = Kysely<DB>;

/**
 * Every column of a plan but its source text: megabytes for a big document, decompressed and
 * copied out of the database for each read of the plan if it were selected.
 */
const PLAN_SUMMARY = [
  "region_id",
  "id",
  "org_id",
  "title",
  "year",
  "status",
  "status_reason",
  "report_rules",
  "cadence",
  "source_filename",
  "source_format",
  "diagnostics",
  "created_by",
  "published_at",
  "created_at",
  "updated_at",
  "deleted_at",
] as const satisfies readonly Exclude<keyof PlansTable, "source_text">[];
/** A column added to plans must be listed above (or this fails to compile). */
type Unlisted = Exclude<keyof PlansTable, "source_text" | (typeof PLAN_SUMMARY)[number]>;
const _everyColumn: [Unlisted] extends [never] ? true : Unlisted = true;

/** Inserts a plan; returns it without its source text. */
export async function insertPlan(db: Db, row: Insertable<PlansTable>) {
  return db.insertInto("plans").values(row).returning(PLAN_SUMMARY).executeTakeFirstOrThrow();
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

/** A live plan, without its source text (read by planSourceOf where it is wanted). */
export async function findPlan(db: Db, id: string) {
  return db
    .selectFrom("plans")
    .select(PLAN_SUMMARY)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** A plan's source: the text its tasks were read from, with the file's name and format. */
export async function planSourceOf(db: Db, plan: { region_id: string; id: string }) {
  return db
    .selectFrom("plans")
    .select(["source_text", "source_filename", "source_format"])
    .where("region_id", "=", plan.region_id)
    .where("id", "=", plan.id)
    .executeTakeFirstOrThrow();
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
    .returning(PLAN_SUMMARY)
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

/** A published plan's live tasks with what publishing created for each: assignees, milestones, indicators. */
export async function publishedTaskFacts(db: Db, regionId: string, planId: string) {
  const { rows } = await sql<{
    id: string;
    no: string;
    title: string;
    assignments: number;
    milestones: { date: string | null; kind: "by" | "throughout" }[];
    indicators: number;
  }>`
    SELECT t.id, t.no, t.title,
      (SELECT count(*)::int FROM assignments a
        WHERE a.region_id = t.region_id AND a.task_id = t.id AND a.deleted_at IS NULL) AS assignments,
      COALESCE((SELECT json_agg(json_build_object('date', m.due_date, 'kind', m.kind)) FROM milestones m
        WHERE m.region_id = t.region_id AND m.task_id = t.id AND m.deleted_at IS NULL), '[]'::json) AS milestones,
      (SELECT count(*)::int FROM indicators i
        WHERE i.region_id = t.region_id AND i.task_id = t.id AND i.deleted_at IS NULL) AS indicators
    FROM plan_tasks t
    WHERE t.region_id = ${regionId} AND t.plan_id = ${planId} AND t.deleted_at IS NULL
    ORDER BY t.seq`.execute(db);
  return rows;
}

/** Live tasks of a plan by id (the ones asked for that exist). */
export async function tasksByIds(db: Db, regionId: string, planId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("plan_tasks")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("plan_id", "=", planId)
    .where("id", "in", ids)
    .where("deleted_at", "is", null)
    .orderBy("seq")
    .execute();
}

export async function liveAssignments(db: Db, regionId: string, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("assignments")
    .select(["task_id", "org_id", "role"])
    .where("region_id", "=", regionId)
    .where("task_id", "in", taskIds)
    .where("deleted_at", "is", null)
    .execute();
}

/** A task's assignees become exactly `rows`: others retired, these (re)activated with their role. */
export async function replaceAssignments(
  db: Db,
  regionId: string,
  taskId: string,
  rows: { id: string; org_id: string; role: "lead" | "co"; unit_name: string }[],
) {
  let retire = db
    .updateTable("assignments")
    .set({ deleted_at: new Date().toISOString() })
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("deleted_at", "is", null);
  if (rows.length > 0)
    retire = retire.where(
      "org_id",
      "not in",
      rows.map((r) => r.org_id),
    );
  await retire.execute();
  if (rows.length === 0) return;
  await db
    .insertInto("assignments")
    .values(rows.map((r) => ({ region_id: regionId, task_id: taskId, ...r })))
    .onConflict((oc) =>
      oc.columns(["region_id", "task_id", "org_id"]).doUpdateSet((eb) => ({
        role: eb.ref("excluded.role"),
        unit_name: eb.ref("excluded.unit_name"),
        deleted_at: null,
      })),
    )
    .execute();
}

/** A task's milestones become exactly `rows` (the old ones retired). */
export async function replaceMilestones(
  db: Db,
  regionId: string,
  taskId: string,
  rows: Insertable<DB["milestones"]>[],
) {
  await db
    .updateTable("milestones")
    .set({ deleted_at: new Date().toISOString() })
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("deleted_at", "is", null)
    .execute();
  if (rows.length > 0) await db.insertInto("milestones").values(rows).execute();
}

export async function liveIndicators(db: Db, regionId: string, taskId: string) {
  return db
    .selectFrom("indicators")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("deleted_at", "is", null)
    .orderBy("seq")
    .execute();
}

/** Every org assigned to a live task of the plan. */
export async function assignedOrgsOfPlan(db: Db, regionId: string, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "a.region_id").onRef("t.id", "=", "a.task_id"))
    .select("a.org_id")
    .distinct()
    .where("a.region_id", "=", regionId)
    .where("t.plan_id", "=", planId)
    .where("a.deleted_at", "is", null)
    .where("t.deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.org_id);
}

/** A task's indicators become exactly `rows`: those with a known id updated in place, others added, the rest retired. */
export async function replaceIndicators(
  db: Db,
  regionId: string,
  taskId: string,
  rows: Insertable<DB["indicators"]>[],
) {
  const now = new Date().toISOString();
  let retire = db
    .updateTable("indicators")
    .set({ deleted_at: now, updated_at: now })
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("deleted_at", "is", null);
  if (rows.length > 0)
    retire = retire.where(
      "id",
      "not in",
      rows.map((r) => r.id),
    );
  await retire.execute();
  if (rows.length === 0) return;
  await db
    .insertInto("indicators")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["region_id", "id"]).doUpdateSet((eb) => ({
        seq: eb.ref("excluded.seq"),
        text: eb.ref("excluded.text"),
        subject: eb.ref("excluded.subject"),
        op: eb.ref("excluded.op"),
        baseline: eb.ref("excluded.baseline"),
        target_value: eb.ref("excluded.target_value"),
        target_min: eb.ref("excluded.target_min"),
        target_max: eb.ref("excluded.target_max"),
        unit: eb.ref("excluded.unit"),
        updated_at: now,
      })),
    )
    .execute();
}
