import { sql } from "kysely";
import type { SDb } from "./schema.js";

/** SQL behind bulletins and the evaluation: per-unit figures from the status history. */

/** The last day with snapshots on or before `to`. */
export async function asOfDay(db: SDb, regionId: string, to: string): Promise<string | null> {
  const row = await db
    .selectFrom("status_snapshots")
    .select((eb) => eb.fn.max("day").as("day"))
    .where("region_id", "=", regionId)
    .where("day", "<=", to)
    .executeTakeFirst();
  return (row?.day as string | null | undefined) ?? null;
}

export interface UnitFigures {
  org_id: string;
  org_name: string;
  total: number;
  done: number;
  overdue: number;
  warning: number;
  /** Assignment-days in the range, and those flagged for a missing report. */
  days: number;
  missed_days: number;
  indicators: number;
  indicators_done: number;
  notices: number;
}

export async function unitFigures(db: SDb, regionId: string, from: string, to: string, day: string) {
  const { rows } = await sql<UnitFigures>`
    WITH a AS (
      SELECT s.org_id,
        count(*) FILTER (WHERE s.day = ${day})::int AS total,
        count(*) FILTER (WHERE s.day = ${day} AND s.status = 'done')::int AS done,
        count(*) FILTER (WHERE s.day = ${day} AND s.status = 'overdue')::int AS overdue,
        count(*) FILTER (WHERE s.day = ${day} AND s.status = 'warning')::int AS warning,
        count(*)::int AS days,
        count(*) FILTER (WHERE s.reasons::text LIKE '%missing_report%')::int AS missed_days
      FROM status_snapshots s
      WHERE s.region_id = ${regionId} AND s.entity_kind = 'assignment' AND s.day BETWEEN ${from} AND ${to}
      GROUP BY s.org_id
    ),
    i AS (
      SELECT x.org_id, count(*)::int AS indicators, count(*) FILTER (WHERE s.status = 'done')::int AS indicators_done
      FROM status_snapshots s
      JOIN (SELECT DISTINCT region_id, task_id, org_id FROM assignments WHERE deleted_at IS NULL AND region_id = ${regionId}) x
        ON x.region_id = s.region_id AND x.task_id = s.task_id
      WHERE s.region_id = ${regionId} AND s.entity_kind = 'indicator' AND s.day = ${day}
      GROUP BY x.org_id
    ),
    n AS (
      SELECT org_id, count(*)::int AS notices FROM supervision_notices
      WHERE region_id = ${regionId} AND deleted_at IS NULL AND issued_at::date BETWEEN ${from} AND ${to}
      GROUP BY org_id
    )
    SELECT a.org_id, o.name AS org_name, a.total, a.done, a.overdue, a.warning, a.days, a.missed_days,
      COALESCE(i.indicators, 0) AS indicators, COALESCE(i.indicators_done, 0) AS indicators_done,
      COALESCE(n.notices, 0) AS notices
    FROM a
    JOIN orgs o ON o.id = a.org_id
    LEFT JOIN i ON i.org_id = a.org_id
    LEFT JOIN n ON n.org_id = a.org_id
    ORDER BY o.sort_order, o.name`.execute(db);
  return rows;
}

export async function overdueAssignments(db: SDb, regionId: string, day: string) {
  return db
    .selectFrom("status_snapshots as s")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "s.region_id").onRef("t.id", "=", "s.task_id"))
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .select(["t.no", "t.title", "o.name as org_name", "s.due_date", "s.progress", "s.reasons"])
    .where("s.region_id", "=", regionId)
    .where("s.day", "=", day)
    .where("s.entity_kind", "=", "assignment")
    .where("s.status", "=", "overdue")
    .orderBy("t.seq")
    .orderBy("o.name")
    .execute();
}

export async function indicatorRows(db: SDb, regionId: string, day: string) {
  return db
    .selectFrom("status_snapshots as s")
    .innerJoin("indicators as i", (j) => j.onRef("i.region_id", "=", "s.region_id").onRef("i.id", "=", "s.entity_id"))
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "s.region_id").onRef("t.id", "=", "s.task_id"))
    .select(["t.no", "i.text", "i.subject", "s.status", "s.progress"])
    .where("s.region_id", "=", regionId)
    .where("s.day", "=", day)
    .where("s.entity_kind", "=", "indicator")
    .orderBy("t.seq")
    .orderBy("i.seq")
    .execute();
}

export async function regionName(db: SDb, regionId: string): Promise<string> {
  const row = await db.selectFrom("orgs").select("name").where("id", "=", regionId).executeTakeFirst();
  return row?.name ?? "";
}

/** Regions with a published plan, for the scheduled jobs. */
export async function activeRegions(db: SDb): Promise<string[]> {
  const rows = await db
    .selectFrom("plans")
    .select("region_id")
    .distinct()
    .where("status", "=", "published")
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.region_id);
}
