import type { LedgerMetric } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";

/** SQL of indicator bindings (migration 0018). */

export interface BindingRow {
  region_id: string;
  indicator_id: string;
  metric: LedgerMetric;
  task_id: string;
  plan_id: string;
  plan_year: number | null;
  text: string;
  bound_by: string;
  bound_by_name: string | null;
  bound_at: string;
}

/** Active bindings of live indicators: of some regions (null: all), a plan, or some indicators. */
export async function activeBindings(
  db: Database,
  q: { regionIds?: string[] | null; planId?: string; indicatorIds?: string[] },
): Promise<BindingRow[]> {
  if (q.indicatorIds?.length === 0) return [];
  const { rows } = await sql<BindingRow>`
    SELECT b.region_id, b.indicator_id, b.metric, i.task_id, t.plan_id, p.year AS plan_year, i.text,
           b.bound_by, u.display_name AS bound_by_name, b.bound_at
      FROM ledger_bindings b
      JOIN indicators i ON i.region_id = b.region_id AND i.id = b.indicator_id AND i.deleted_at IS NULL
      JOIN plan_tasks t ON t.region_id = i.region_id AND t.id = i.task_id AND t.deleted_at IS NULL
      JOIN plans p ON p.region_id = t.region_id AND p.id = t.plan_id
      LEFT JOIN users u ON u.region_id = b.region_id AND u.id = b.bound_by
     WHERE b.unbound_at IS NULL
       ${q.regionIds ? sql`AND b.region_id = ANY(${q.regionIds}::text[])` : sql``}
       ${q.planId ? sql`AND t.plan_id = ${q.planId}` : sql``}
       ${q.indicatorIds ? sql`AND b.indicator_id = ANY(${q.indicatorIds}::text[])` : sql``}
     ORDER BY t.seq, i.seq`.execute(db);
  return rows.map((r) => ({ ...r, plan_year: r.plan_year === null ? null : Number(r.plan_year) }));
}

/** Whether any of the regions has an active binding (a cheap check before reading them). */
export async function anyBinding(db: Database, regionIds: string[]): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`
    SELECT 1 AS one FROM ledger_bindings
     WHERE region_id = ANY(${regionIds}::text[]) AND unbound_at IS NULL LIMIT 1`.execute(db);
  return rows.length > 0;
}

/** A plan's live indicators with their subjects, for suggestions. */
export async function planIndicators(db: Database, regionId: string, planId: string) {
  return db
    .selectFrom("indicators as i")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "i.region_id").onRef("t.id", "=", "i.task_id"))
    .select(["i.id", "i.task_id", "i.text", "i.subject"])
    .where("i.region_id", "=", regionId)
    .where("t.plan_id", "=", planId)
    .where("i.deleted_at", "is", null)
    .where("t.deleted_at", "is", null)
    .orderBy("t.seq")
    .orderBy("i.seq")
    .execute();
}

/** An indicator with its plan (owner, status), to check who may bind it. */
export async function indicatorWithPlan(db: Database, regionId: string, indicatorId: string) {
  return db
    .selectFrom("indicators as i")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "i.region_id").onRef("t.id", "=", "i.task_id"))
    .innerJoin("plans as p", (j) => j.onRef("p.region_id", "=", "t.region_id").onRef("p.id", "=", "t.plan_id"))
    .select(["i.id", "i.task_id", "i.text", "p.id as plan_id", "p.org_id as plan_org_id", "p.status as plan_status"])
    .where("i.region_id", "=", regionId)
    .where("i.id", "=", indicatorId)
    .where("i.deleted_at", "is", null)
    .where("t.deleted_at", "is", null)
    .where("p.deleted_at", "is", null)
    .executeTakeFirst();
}

export async function planOf(db: Database, regionId: string, planId: string) {
  return db
    .selectFrom("plans")
    .select(["id", "org_id", "status"])
    .where("region_id", "=", regionId)
    .where("id", "=", planId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function bind(
  db: Database,
  row: { regionId: string; indicatorId: string; metric: LedgerMetric; actorId: string; at: string },
) {
  await sql`
    INSERT INTO ledger_bindings (region_id, indicator_id, metric, bound_by, bound_at)
    VALUES (${row.regionId}, ${row.indicatorId}, ${row.metric}, ${row.actorId}, ${row.at})
    ON CONFLICT (region_id, indicator_id) DO UPDATE
      SET metric = EXCLUDED.metric, bound_by = EXCLUDED.bound_by, bound_at = EXCLUDED.bound_at,
          unbound_by = NULL, unbound_at = NULL`.execute(db);
}

/** Ends a binding; answers whether there was one. */
export async function unbind(
  db: Database,
  row: { regionId: string; indicatorId: string; actorId: string; at: string },
) {
  const result = await sql`
    UPDATE ledger_bindings SET unbound_by = ${row.actorId}, unbound_at = ${row.at}
     WHERE region_id = ${row.regionId} AND indicator_id = ${row.indicatorId} AND unbound_at IS NULL`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
