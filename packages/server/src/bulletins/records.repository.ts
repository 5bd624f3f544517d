import { sql } from "kysely";
import type { Database } from "../db/database.js";
import type { Cadence, OrgKind, ReportStatus } from "../db/schema.js";
import { withLedgerActuals } from "../ledgers/ledger-actuals.js";
import { todayInShanghai } from "../progress/periods.js";
import type { IndicatorFact, MilestoneFact } from "../status/engine.js";

/**
 * SQL behind bulletins and the evaluation: the records as they stood at a moment (`cutoff`,
 * exclusive): plans published before it, rows not yet deleted then, reports submitted before it.
 * No status snapshot is read, so the answer does not depend on when the status engine last ran.
 */

/** A row live at the cutoff: not deleted, or deleted only afterwards. */
const liveAt = (column: string, cutoff: string) => sql`(${sql.ref(column)} IS NULL OR ${sql.ref(column)} >= ${cutoff})`;

export interface PlanRecord {
  id: string;
  year: number | null;
  cadence: Cadence;
  published_at: string | Date;
  rules: unknown;
}

/** Plans in force for a year at the cutoff: published before it, of that year (or of no stated year). */
export async function plansInForce(
  db: Database,
  regionId: string,
  year: number,
  cutoff: string,
): Promise<PlanRecord[]> {
  const { rows } = await sql<PlanRecord>`
    SELECT p.id, p.year, p.cadence, p.published_at, r.rules
    FROM plans p
    LEFT JOIN supervision_rules r ON r.region_id = p.region_id AND r.plan_id = p.id AND r.deleted_at IS NULL
    WHERE p.region_id = ${regionId} AND p.status = 'published' AND p.published_at < ${cutoff}
      AND ${liveAt("p.deleted_at", cutoff)} AND (p.year = ${year} OR p.year IS NULL)
    ORDER BY p.published_at, p.id`.execute(db);
  return rows;
}

export interface AssignmentRecord {
  region_id: string;
  id: string;
  plan_id: string;
  task_id: string;
  task_no: string;
  task_title: string;
  task_seq: number;
  org_id: string;
  org_name: string;
  org_kind: OrgKind;
  org_sort: number;
  role: "lead" | "co";
}

const inPlans = (planIds: string[]) => sql.join(planIds.length ? planIds : [""]);

export async function assignmentsAt(db: Database, regionId: string, planIds: string[], cutoff: string) {
  const { rows } = await sql<AssignmentRecord>`
    SELECT a.region_id, a.id, t.plan_id, a.task_id, t.no AS task_no, t.title AS task_title, t.seq AS task_seq,
      a.org_id, o.name AS org_name, o.kind AS org_kind, o.sort_order AS org_sort, a.role
    FROM assignments a
    JOIN plan_tasks t ON t.region_id = a.region_id AND t.id = a.task_id AND ${liveAt("t.deleted_at", cutoff)}
    JOIN orgs o ON o.id = a.org_id
    WHERE a.region_id = ${regionId} AND t.plan_id IN (${inPlans(planIds)}) AND ${liveAt("a.deleted_at", cutoff)}
    ORDER BY t.seq, o.sort_order, o.name, a.id`.execute(db);
  return rows;
}

export type MilestoneRecord = MilestoneFact;

export async function milestonesAt(db: Database, regionId: string, planIds: string[], cutoff: string) {
  const { rows } = await sql<MilestoneRecord>`
    SELECT m.region_id, m.id, m.task_id, t.plan_id, m.due_date::text AS due_date
    FROM milestones m
    JOIN plan_tasks t ON t.region_id = m.region_id AND t.id = m.task_id
    WHERE m.region_id = ${regionId} AND t.plan_id IN (${inPlans(planIds)}) AND ${liveAt("m.deleted_at", cutoff)}
    ORDER BY m.task_id, m.seq`.execute(db);
  return rows;
}

export interface ReportRecord {
  task_id: string;
  org_id: string;
  period: string;
  status: ReportStatus;
  percent: number;
  submitted_at: string | Date;
}

/**
 * Every report submitted before the cutoff. A report submitted again replaces its row (the audit
 * keeps the old one), so a report revised after the cutoff is counted from its revision on.
 */
export async function reportsAt(db: Database, regionId: string, planIds: string[], cutoff: string) {
  const { rows } = await sql<ReportRecord>`
    SELECT r.task_id, r.org_id, r.period, r.status, r.percent, r.submitted_at
    FROM progress_reports r
    JOIN plan_tasks t ON t.region_id = r.region_id AND t.id = r.task_id
    WHERE r.region_id = ${regionId} AND t.plan_id IN (${inPlans(planIds)})
      AND r.submitted_at < ${cutoff} AND ${liveAt("r.deleted_at", cutoff)}
    ORDER BY r.task_id, r.org_id, r.period, r.submitted_at`.execute(db);
  return rows;
}

export interface IndicatorRecord extends IndicatorFact {
  task_no: string;
  task_seq: number;
  text: string;
}

export async function indicatorsAt(db: Database, regionId: string, planIds: string[], cutoff: string) {
  const { rows } = await sql<IndicatorRecord>`
    WITH latest AS (
      SELECT DISTINCT ON (ia.indicator_id) ia.indicator_id, ia.value
      FROM indicator_actuals ia
      JOIN progress_reports r ON r.region_id = ia.region_id AND r.id = ia.report_id
      WHERE ia.region_id = ${regionId} AND r.submitted_at < ${cutoff}
        AND ${liveAt("r.deleted_at", cutoff)} AND ${liveAt("ia.deleted_at", cutoff)}
      ORDER BY ia.indicator_id, r.period DESC, r.submitted_at DESC
    )
    SELECT i.region_id, i.id, t.plan_id, i.task_id, t.no AS task_no, t.seq AS task_seq, i.text, i.op, i.baseline,
      i.target_value, i.target_min, i.target_max, l.value AS actual
    FROM indicators i
    JOIN plan_tasks t ON t.region_id = i.region_id AND t.id = i.task_id AND ${liveAt("t.deleted_at", cutoff)}
    LEFT JOIN latest l ON l.indicator_id = i.id
    WHERE i.region_id = ${regionId} AND t.plan_id IN (${inPlans(planIds)}) AND ${liveAt("i.deleted_at", cutoff)}
    ORDER BY t.seq, i.seq`.execute(db);
  // Bound indicators: the ledger's value as of the last day before the cutoff (ledgers/ledger-actuals.ts).
  return withLedgerActuals(db, rows, todayInShanghai(new Date(new Date(cutoff).getTime() - 1)));
}

/** Notices (督办单) issued to each unit in [from, cutoff). */
export async function noticesAt(db: Database, regionId: string, from: string, cutoff: string) {
  const { rows } = await sql<{ org_id: string; notices: number }>`
    SELECT org_id, count(*)::int AS notices FROM supervision_notices
    WHERE region_id = ${regionId} AND issued_at >= ${from} AND issued_at < ${cutoff} AND ${liveAt("deleted_at", cutoff)}
    GROUP BY org_id`.execute(db);
  return new Map(rows.map((r) => [r.org_id, Number(r.notices)]));
}

export async function regionName(db: Database, regionId: string): Promise<string> {
  const row = await db.selectFrom("orgs").select("name").where("id", "=", regionId).executeTakeFirst();
  return row?.name ?? "";
}

/** Regions with a published plan, for the scheduled jobs. */
export async function activeRegions(db: Database): Promise<string[]> {
  const rows = await db
    .selectFrom("plans")
    .select("region_id")
    .distinct()
    .where("status", "=", "published")
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.region_id);
}
