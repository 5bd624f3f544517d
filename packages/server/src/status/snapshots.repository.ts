import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { PREPARED } from "../db/pg-prepared.js";
import { writesTo } from "../db/write-generation.js";
import { json } from "../ids.js";
import type { EntityKind, SupervisionStatus } from "../supervision/schema.js";
import { inList } from "./facts.repository.js";

/** SQL of the stored statuses: batched upserts of a day's snapshots, the current day's rows, trends, plan rules. */

export interface SnapshotInput {
  region_id: string;
  entity_kind: EntityKind;
  entity_id: string;
  day: string;
  plan_id: string;
  task_id: string;
  org_id: string | null;
  status: SupervisionStatus;
  reasons: string[];
  due_date: string | null;
  progress: number | null;
}

const BATCH = 10_000;

/**
 * Writes that change only some plans' or tasks' rows say so (scopes of write-generation.ts), so
 * that read caches of the others stay.
 */
const marker = (scopes: string[] | undefined) => sql.raw(scopes ? writesTo(scopes) : "");

/**
 * Upserts the day's rows, each batch as one JSON parameter unpacked by jsonb_to_recordset;
 * a row whose status is unchanged is not touched. Returns the rows inserted or changed.
 */
export async function upsertSnapshots(
  db: Database,
  rows: SnapshotInput[],
  computedAt: string,
  scopes?: string[],
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await sql`${marker(scopes)}
      INSERT INTO status_snapshots AS s
        (region_id, entity_kind, entity_id, day, plan_id, task_id, org_id, status, reasons, due_date, progress, computed_at)
      SELECT x.region_id, x.entity_kind, x.entity_id, x.day, x.plan_id, x.task_id, x.org_id, x.status,
             x.reasons, x.due_date, x.progress, ${computedAt}::timestamptz
      FROM jsonb_to_recordset(${json(rows.slice(i, i + BATCH))}::jsonb) AS x(
        region_id text, entity_kind text, entity_id text, day date, plan_id text, task_id text, org_id text,
        status text, reasons jsonb, due_date date, progress double precision)
      ON CONFLICT (region_id, entity_kind, entity_id, day) DO UPDATE SET
        status = excluded.status, reasons = excluded.reasons, due_date = excluded.due_date,
        progress = excluded.progress, org_id = excluded.org_id, computed_at = excluded.computed_at
      WHERE (s.status, s.reasons, s.due_date, s.progress) IS DISTINCT FROM
            (excluded.status, excluded.reasons, excluded.due_date, excluded.progress)`.execute(db);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}

/** Rows of the day in the scope (regions, or only some tasks) that the run did not compute: gone entities. */
export async function retireOthers(
  db: Database,
  scope: { regionIds: string[] | null; taskIds?: string[]; orgIds?: string[] },
  day: string,
  kept: SnapshotInput[],
  scopes?: string[],
): Promise<number> {
  const keys = kept.map((r) => ({ k: r.entity_kind, i: r.entity_id }));
  const result = await sql`${marker(scopes)}
    DELETE FROM status_snapshots s
    WHERE s.day = ${day} ${inList("s.region_id", scope.regionIds)} ${inList("s.task_id", scope.taskIds)}
      ${scope.taskIds && scope.orgIds ? sql`AND (s.entity_kind <> 'assignment' OR s.org_id = ANY(${scope.orgIds}::text[]))` : sql``}
      AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(${json(keys)}::jsonb) AS k(k text, i text)
                      WHERE k.k = s.entity_kind AND k.i = s.entity_id)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The last day with snapshots on or before `today`, per region (regions without one are absent):
 * one step back along status_snapshots_day_idx per region (grouping read every row of the
 * region's days), prepared with one generic plan, as it runs after every report.
 */
export async function currentDays(db: Database, regionIds: string[], today: string): Promise<Map<string, string>> {
  if (regionIds.length === 0) return new Map();
  const { rows } = await sql<{ region_id: string; day: string | null }>`${sql.raw(PREPARED)}
    SELECT r.id AS region_id,
      (SELECT max(s.day) FROM status_snapshots s WHERE s.region_id = r.id AND s.day <= ${today}::date) AS day
    FROM unnest(${regionIds}::text[]) AS r(id)`.execute(db);
  return new Map(rows.flatMap((r) => (r.day === null ? [] : [[r.region_id, String(r.day)] as const])));
}

export interface SnapshotQuery {
  regionIds: string[];
  orgIds: string[] | null;
  planId?: string;
  /** One unit (within orgIds, when those bound the actor). */
  orgId?: string;
  kind?: EntityKind;
  status?: SupervisionStatus;
  /** Words in the task's number or title, the unit's name, or the milestone's or indicator's name. */
  q?: string;
}

/**
 * The current snapshots (each region's last computed day on or before `today`) of live tasks
 * of published plans, with task and unit names, for the warnings board (at most `limit` rows).
 */
export async function currentSnapshots(
  db: Database,
  q: SnapshotQuery & { today: string },
  limit: number | null = 5000,
) {
  if (q.regionIds.length === 0) return [];
  let query = db
    .selectFrom("status_snapshots as s")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "s.region_id").onRef("t.id", "=", "s.task_id"))
    .innerJoin("plans as p", (j) => j.onRef("p.region_id", "=", "t.region_id").onRef("p.id", "=", "t.plan_id"))
    .leftJoin("orgs as o", "o.id", "s.org_id")
    .leftJoin("milestones as m", (j) =>
      j
        .onRef("m.region_id", "=", "s.region_id")
        .onRef("m.id", "=", "s.entity_id")
        .on("s.entity_kind", "=", "milestone"),
    )
    .leftJoin("indicators as i", (j) =>
      j
        .onRef("i.region_id", "=", "s.region_id")
        .onRef("i.id", "=", "s.entity_id")
        .on("s.entity_kind", "=", "indicator"),
    )
    .select([
      "s.region_id",
      "s.entity_kind",
      "s.entity_id",
      "s.day",
      "s.plan_id",
      "s.task_id",
      "s.org_id",
      "s.status",
      "s.reasons",
      "s.due_date",
      "s.progress",
      "t.no as task_no",
      "t.title as task_title",
      "o.name as org_name",
      (eb) => eb.fn.coalesce("i.subject", "m.text").as("entity_name"),
    ])
    .where("s.region_id", "in", q.regionIds)
    .where("t.deleted_at", "is", null)
    .where("p.status", "=", "published")
    .where("p.deleted_at", "is", null)
    .where("s.day", "=", (eb) =>
      eb
        .selectFrom("status_snapshots as d")
        .select((e) => e.fn.max("d.day").as("day"))
        .whereRef("d.region_id", "=", "s.region_id")
        .where("d.day", "<=", q.today),
    );
  if (q.orgIds) query = query.where("s.org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  if (q.planId) query = query.where("s.plan_id", "=", q.planId);
  if (q.orgId) query = query.where("s.org_id", "=", q.orgId);
  if (q.kind) query = query.where("s.entity_kind", "=", q.kind);
  if (q.status) query = query.where("s.status", "=", q.status);
  const words = q.q?.trim();
  if (words) {
    query = query.where(
      sql<boolean>`(strpos(t.no, ${words}) > 0 OR strpos(t.title, ${words}) > 0 OR strpos(coalesce(o.name, ''), ${words}) > 0
        OR strpos(coalesce(i.subject, m.text, ''), ${words}) > 0)`,
    );
  }
  // Red and yellow first, so that a board cut at `limit` drops finished rows before warnings.
  const rank = sql<number>`CASE s.status WHEN 'overdue' THEN 0 WHEN 'warning' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;
  query = query.orderBy(rank).orderBy("t.seq").orderBy("o.name");
  return (limit === null ? query : query.limit(limit)).execute();
}

export async function statusTrend(db: Database, q: SnapshotQuery & { from: string; to: string }) {
  if (q.regionIds.length === 0) return [];
  let query = db
    .selectFrom("status_snapshots")
    .select(["day", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("region_id", "in", q.regionIds)
    .where("day", ">=", q.from)
    .where("day", "<=", q.to);
  if (q.orgIds) query = query.where("org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  if (q.planId) query = query.where("plan_id", "=", q.planId);
  if (q.kind) query = query.where("entity_kind", "=", q.kind);
  return query.groupBy(["day", "status"]).orderBy("day").execute();
}

export async function upsertRules(
  db: Database,
  row: { region_id: string; plan_id: string; rules: object; updated_by: string },
) {
  return db
    .insertInto("supervision_rules")
    .values({ ...row, rules: json(row.rules) })
    .onConflict((oc) =>
      oc.columns(["region_id", "plan_id"]).doUpdateSet({
        rules: json(row.rules),
        updated_by: row.updated_by,
        updated_at: sql`clock_timestamp()`,
        deleted_at: null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRules(db: Database, regionId: string, planId: string) {
  return db
    .selectFrom("supervision_rules")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("plan_id", "=", planId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}
