import { sql } from "kysely";
import type { Cadence, ReportStatus, TargetJson } from "../db/schema.js";
import { json } from "../ids.js";
import type { EntityKind, SDb, SupervisionStatus } from "./schema.js";

/** SQL of the status engine: set-based reads of the facts, batched upserts of the day's snapshots. */

export interface PlanRow {
  region_id: string;
  id: string;
  org_id: string;
  title: string;
  year: number | null;
  cadence: Cadence;
  published_at: string | null;
  rules: unknown;
}

export async function publishedPlans(db: SDb, regionIds: string[] | null): Promise<PlanRow[]> {
  let q = db
    .selectFrom("plans as p")
    .leftJoin("supervision_rules as r", (j) =>
      j.onRef("r.region_id", "=", "p.region_id").onRef("r.plan_id", "=", "p.id").on("r.deleted_at", "is", null),
    )
    .select(["p.region_id", "p.id", "p.org_id", "p.title", "p.year", "p.cadence", "p.published_at", "r.rules"])
    .where("p.status", "=", "published")
    .where("p.deleted_at", "is", null);
  if (regionIds) q = q.where("p.region_id", "in", regionIds.length ? regionIds : [""]);
  return q.execute();
}

export interface AssignmentRow {
  region_id: string;
  id: string;
  task_id: string;
  org_id: string;
  plan_id: string;
  status: ReportStatus | null;
  percent: number | null;
  period: string | null;
}

const regionFilter = (column: string, regionIds: string[] | null) =>
  regionIds ? sql`AND ${sql.ref(column)} IN (${sql.join(regionIds.length ? regionIds : [""])})` : sql``;

/**
 * Every live assignment of a published plan with its unit's latest report, found through
 * the (region, task, org, period) unique index rather than by sorting all reports.
 */
export async function assignmentFacts(db: SDb, regionIds: string[] | null): Promise<AssignmentRow[]> {
  const { rows } = await sql<AssignmentRow>`
    SELECT a.region_id, a.id, a.task_id, a.org_id, t.plan_id, l.status, l.percent, l.period
    FROM assignments a
    JOIN plan_tasks t ON t.region_id = a.region_id AND t.id = a.task_id AND t.deleted_at IS NULL
    JOIN plans p ON p.region_id = t.region_id AND p.id = t.plan_id AND p.status = 'published' AND p.deleted_at IS NULL
    LEFT JOIN LATERAL (
      SELECT r.status, r.percent, r.period FROM progress_reports r
      WHERE r.region_id = a.region_id AND r.task_id = a.task_id AND r.org_id = a.org_id AND r.deleted_at IS NULL
      ORDER BY r.period DESC, r.submitted_at DESC LIMIT 1
    ) l ON true
    WHERE a.deleted_at IS NULL ${regionFilter("a.region_id", regionIds)}`.execute(db);
  return rows;
}

export interface MilestoneRow {
  region_id: string;
  id: string;
  task_id: string;
  plan_id: string;
  due_date: string | null;
}

export async function milestoneFacts(db: SDb, regionIds: string[] | null): Promise<MilestoneRow[]> {
  const { rows } = await sql<MilestoneRow>`
    SELECT m.region_id, m.id, m.task_id, t.plan_id, m.due_date
    FROM milestones m
    JOIN plan_tasks t ON t.region_id = m.region_id AND t.id = m.task_id AND t.deleted_at IS NULL
    JOIN plans p ON p.region_id = t.region_id AND p.id = t.plan_id AND p.status = 'published' AND p.deleted_at IS NULL
    WHERE m.deleted_at IS NULL ${regionFilter("m.region_id", regionIds)}`.execute(db);
  return rows;
}

export interface IndicatorRow {
  region_id: string;
  id: string;
  task_id: string;
  plan_id: string;
  op: TargetJson["op"];
  baseline: number | null;
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  actual: number | null;
}

/** Indicators with the value of the most recent report that carried an actual. */
export async function indicatorFacts(db: SDb, regionIds: string[] | null): Promise<IndicatorRow[]> {
  const { rows } = await sql<IndicatorRow>`
    WITH latest AS (
      SELECT DISTINCT ON (ia.region_id, ia.indicator_id) ia.region_id, ia.indicator_id, ia.value
      FROM indicator_actuals ia
      JOIN progress_reports r ON r.region_id = ia.region_id AND r.id = ia.report_id AND r.deleted_at IS NULL
      WHERE ia.deleted_at IS NULL ${regionFilter("ia.region_id", regionIds)}
      ORDER BY ia.region_id, ia.indicator_id, r.period DESC, r.submitted_at DESC
    )
    SELECT i.region_id, i.id, i.task_id, t.plan_id, i.op, i.baseline, i.target_value, i.target_min, i.target_max,
           l.value AS actual
    FROM indicators i
    JOIN plan_tasks t ON t.region_id = i.region_id AND t.id = i.task_id AND t.deleted_at IS NULL
    JOIN plans p ON p.region_id = t.region_id AND p.id = t.plan_id AND p.status = 'published' AND p.deleted_at IS NULL
    LEFT JOIN latest l ON l.region_id = i.region_id AND l.indicator_id = i.id
    WHERE i.deleted_at IS NULL ${regionFilter("i.region_id", regionIds)}`.execute(db);
  return rows;
}

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
 * Upserts the day's rows, each batch as one JSON parameter unpacked by jsonb_to_recordset;
 * a row whose status is unchanged is not touched. Returns the rows inserted or changed.
 */
export async function upsertSnapshots(db: SDb, rows: SnapshotInput[], computedAt: string): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await sql`
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

export interface SnapshotQuery {
  regionIds: string[];
  orgIds: string[] | null;
  planId?: string;
  kind?: EntityKind;
  status?: SupervisionStatus;
}

/** The latest day's snapshots, with task and unit names for the warnings board. */
export async function latestSnapshots(db: SDb, q: SnapshotQuery) {
  if (q.regionIds.length === 0) return [];
  let query = db
    .selectFrom("status_snapshots as s")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "s.region_id").onRef("t.id", "=", "s.task_id"))
    .leftJoin("orgs as o", "o.id", "s.org_id")
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
    ])
    .where("s.region_id", "in", q.regionIds)
    .where("s.day", "=", (eb) =>
      eb
        .selectFrom("status_snapshots as d")
        .select((e) => e.fn.max("d.day").as("day"))
        .whereRef("d.region_id", "=", "s.region_id"),
    );
  if (q.orgIds) query = query.where("s.org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  if (q.planId) query = query.where("s.plan_id", "=", q.planId);
  if (q.kind) query = query.where("s.entity_kind", "=", q.kind);
  if (q.status) query = query.where("s.status", "=", q.status);
  return query.orderBy("s.status").orderBy("t.seq").orderBy("o.name").limit(5000).execute();
}

export async function statusTrend(db: SDb, q: SnapshotQuery & { from: string; to: string }) {
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
  db: SDb,
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

export async function findRules(db: SDb, regionId: string, planId: string) {
  return db
    .selectFrom("supervision_rules")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("plan_id", "=", planId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}
