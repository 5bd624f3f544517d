import { type Insertable, type Kysely, sql } from "kysely";
import { groupCommit, type Then } from "../db/group-commit.js";
import type { Cadence, DB, ProgressReportsTable, ReportRulesJson } from "../db/schema.js";
import { taskScope, writesTo } from "../db/write-generation.js";

type Db = Kysely<DB>;

export async function findAssignment(db: Db, regionId: string, taskId: string, orgId: string) {
  return db
    .selectFrom("assignments")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("org_id", "=", orgId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function findReport(db: Db, key: { region_id: string; task_id: string; org_id: string; period: string }) {
  return db
    .selectFrom("progress_reports")
    .selectAll()
    .where("region_id", "=", key.region_id)
    .where("task_id", "=", key.task_id)
    .where("org_id", "=", key.org_id)
    .where("period", "=", key.period)
    .executeTakeFirst();
}

export async function insertReport(db: Db, row: Insertable<ProgressReportsTable>) {
  return db.insertInto("progress_reports").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateReport(
  db: Db,
  key: { region_id: string; id: string },
  set: Pick<ProgressReportsTable, "status" | "narrative" | "percent" | "submitted_by">,
) {
  const now = new Date().toISOString();
  return db
    .updateTable("progress_reports")
    .set({ ...set, submitted_at: now, updated_at: now, deleted_at: null })
    .where("region_id", "=", key.region_id)
    .where("id", "=", key.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replacing a report's actuals and evidence soft-deletes the previous ones. */
export async function retireReportChildren(db: Db, regionId: string, reportId: string) {
  const now = new Date().toISOString();
  await db
    .updateTable("indicator_actuals")
    .set({ deleted_at: now })
    .where("region_id", "=", regionId)
    .where("report_id", "=", reportId)
    .where("deleted_at", "is", null)
    .execute();
  await db
    .updateTable("report_evidence")
    .set({ deleted_at: now })
    .where("region_id", "=", regionId)
    .where("report_id", "=", reportId)
    .where("deleted_at", "is", null)
    .execute();
}

export async function insertActuals(db: Db, rows: Insertable<DB["indicator_actuals"]>[]) {
  if (rows.length > 0) await db.insertInto("indicator_actuals").values(rows).execute();
}

export async function attachEvidence(db: Db, regionId: string, reportId: string, fileIds: string[]) {
  if (fileIds.length === 0) return;
  await db
    .insertInto("report_evidence")
    .values(fileIds.map((file_id) => ({ region_id: regionId, report_id: reportId, file_id })))
    .onConflict((oc) => oc.columns(["region_id", "report_id", "file_id"]).doUpdateSet({ deleted_at: null }))
    .execute();
}

export async function indicatorIdsOfTask(db: Db, regionId: string, taskId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("indicators")
    .select("id")
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** A task's live reports with their org's name, actuals and evidence: one query. */
export async function reportsOfTask(db: Db, regionId: string, taskId: string) {
  const { rows } = await sql<
    ProgressReportRow & {
      org_name: string;
      actuals: { indicatorId: string; value: number }[];
      evidence: { id: string; filename: string; contentType: string; size: number }[];
    }
  >`
    SELECT r.*, o.name AS org_name,
      COALESCE((
        SELECT json_agg(json_build_object('indicatorId', a.indicator_id, 'value', a.value))
        FROM indicator_actuals a
        WHERE a.region_id = r.region_id AND a.report_id = r.id AND a.deleted_at IS NULL
      ), '[]'::json) AS actuals,
      COALESCE((
        SELECT json_agg(json_build_object('id', f.id, 'filename', f.filename, 'contentType', f.content_type,
                                          'size', f.size))
        FROM report_evidence e
        JOIN files f ON f.id = e.file_id AND f.region_id = e.region_id
        WHERE e.region_id = r.region_id AND e.report_id = r.id AND e.deleted_at IS NULL
      ), '[]'::json) AS evidence
    FROM progress_reports r
    JOIN orgs o ON o.id = r.org_id
    WHERE r.region_id = ${regionId} AND r.task_id = ${taskId} AND r.deleted_at IS NULL
    ORDER BY r.period DESC, o.name`.execute(db);
  return rows;
}

/** A live task and its live plan (without the plan's source text): one query. */
export async function findTaskWithPlan(db: Db, taskId: string) {
  const row = await db
    .selectFrom("plan_tasks as t")
    .innerJoin("plans as p", "p.id", "t.plan_id")
    .selectAll("t")
    .select([
      "p.region_id as p_region_id",
      "p.id as p_id",
      "p.org_id as p_org_id",
      "p.title as p_title",
      "p.year as p_year",
      "p.status as p_status",
      "p.cadence as p_cadence",
      "p.report_rules as p_report_rules",
    ])
    .where("t.id", "=", taskId)
    .where("t.deleted_at", "is", null)
    .where("p.deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { p_region_id, p_id, p_org_id, p_title, p_year, p_status, p_cadence, p_report_rules, ...task } = row;
  return {
    task,
    plan: {
      region_id: p_region_id,
      id: p_id,
      org_id: p_org_id,
      title: p_title,
      year: p_year,
      status: p_status,
      cadence: p_cadence,
      report_rules: p_report_rules,
    },
  };
}

export interface SubmissionContext {
  task: { region_id: string; id: string; plan_id: string };
  /** The cadence is the task's own when it has one. */
  plan: { org_id: string; status: string; cadence: Cadence; year: number | null; report_rules: ReportRulesJson };
  assigned: boolean;
  indicatorIds: string[];
  filesFound: number;
  existing: ProgressReportRow | undefined;
}

export interface ProgressReportRow {
  region_id: string;
  id: string;
  task_id: string;
  org_id: string;
  period: string;
  status: ProgressReportsTable["status"];
  narrative: string;
  percent: number;
  submitted_by: string;
  submitted_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/**
 * Everything a submission checks, in one round trip: the live task and its live plan, the
 * assignment, the task's indicators, how many of the files the actor reaches, and the report
 * already filed for (task, org, period). Undefined when the task or its plan is gone. Planned for
 * each call: a generic plan (db/pg-prepared.ts) measured slower (0.55 ms against 0.45).
 */
export async function submissionContext(
  db: Db,
  key: { taskId: string; orgId: string; period: string; fileIds: string[]; reach: string[] },
): Promise<SubmissionContext | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT t.region_id, t.id AS task_id, t.plan_id, p.org_id AS plan_org_id, p.status AS plan_status,
      COALESCE(t.cadence, p.cadence) AS cadence, p.year AS plan_year, p.report_rules,
      EXISTS (
        SELECT 1 FROM assignments a
        WHERE a.region_id = t.region_id AND a.task_id = t.id AND a.org_id = ${key.orgId} AND a.deleted_at IS NULL
      ) AS assigned,
      ARRAY(
        SELECT i.id::text FROM indicators i
        WHERE i.region_id = t.region_id AND i.task_id = t.id AND i.deleted_at IS NULL
      ) AS indicator_ids,
      (
        SELECT count(*)::int FROM files f
        WHERE f.id = ANY(${key.fileIds}::text[]) AND f.deleted_at IS NULL
          AND (f.org_id = ANY(${key.reach}::text[]) OR f.region_id = ANY(${key.reach}::text[]))
      ) AS files_found,
      r.id AS r_id, r.status AS r_status, r.narrative AS r_narrative, r.percent AS r_percent,
      r.submitted_by AS r_submitted_by, r.submitted_at AS r_submitted_at, r.updated_at AS r_updated_at,
      r.deleted_at AS r_deleted_at
    FROM plan_tasks t
    JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL
    LEFT JOIN progress_reports r
      ON r.region_id = t.region_id AND r.task_id = t.id AND r.org_id = ${key.orgId} AND r.period = ${key.period}
    WHERE t.id = ${key.taskId} AND t.deleted_at IS NULL
    LIMIT 1`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const region_id = row.region_id as string;
  const task_id = row.task_id as string;
  return {
    task: { region_id, id: task_id, plan_id: row.plan_id as string },
    plan: {
      org_id: row.plan_org_id as string,
      status: row.plan_status as string,
      cadence: row.cadence as SubmissionContext["plan"]["cadence"],
      year: row.plan_year as number | null,
      report_rules: row.report_rules as ReportRulesJson,
    },
    assigned: row.assigned as boolean,
    indicatorIds: row.indicator_ids as string[],
    filesFound: row.files_found as number,
    existing:
      row.r_id == null
        ? undefined
        : {
            region_id,
            id: row.r_id as string,
            task_id,
            org_id: key.orgId,
            period: key.period,
            status: row.r_status as ProgressReportRow["status"],
            narrative: row.r_narrative as string,
            percent: row.r_percent as number,
            submitted_by: row.r_submitted_by as string,
            submitted_at: row.r_submitted_at as string,
            updated_at: row.r_updated_at as string,
            deleted_at: row.r_deleted_at as string | null,
          },
  };
}

/**
 * Files a report in one statement (so one implicit transaction and one commit): the report
 * inserted or replaced, its previous actuals and unlisted evidence retired, the new actuals
 * and evidence written, and the audit event recorded. Listed evidence is revived by its
 * upsert rather than retired first: one statement must not touch a row twice. It changes only
 * the data of the task, and says so (writesTo), so that cached answers about other plans, and
 * about the plan's other tasks, stay cached. On PGlite it commits with the submissions that
 * arrive meanwhile (db/group-commit.ts), `then` (the status refresh) in the same transaction.
 */
export async function writeReport<T>(
  db: Db,
  then: Then<T> | undefined,
  w: {
    report: ProgressReportRow;
    planId: string;
    replacing: boolean;
    actuals: { id: string; indicatorId: string; value: number }[];
    fileIds: string[];
    audit: { id: string; actorId: string; action: string; before: string | null; after: string };
  },
): Promise<void> {
  const r = w.report;
  const upsert = w.replacing
    ? sql`UPDATE progress_reports
          SET status = ${r.status}, narrative = ${r.narrative}, percent = ${r.percent}, submitted_by = ${r.submitted_by},
              submitted_at = ${r.submitted_at}, updated_at = ${r.updated_at}, deleted_at = NULL
          WHERE region_id = ${r.region_id} AND id = ${r.id}`
    : sql`INSERT INTO progress_reports
            (region_id, id, task_id, org_id, period, status, narrative, percent, submitted_by, submitted_at, updated_at)
          VALUES (${r.region_id}, ${r.id}, ${r.task_id}, ${r.org_id}, ${r.period}, ${r.status}, ${r.narrative},
                  ${r.percent}, ${r.submitted_by}, ${r.submitted_at}, ${r.updated_at})`;
  const retire = w.replacing
    ? sql`,
      retired_actuals AS (
        UPDATE indicator_actuals SET deleted_at = ${r.updated_at}
        WHERE region_id = ${r.region_id} AND report_id = ${r.id} AND deleted_at IS NULL
      ),
      retired_evidence AS (
        UPDATE report_evidence SET deleted_at = ${r.updated_at}
        WHERE region_id = ${r.region_id} AND report_id = ${r.id} AND deleted_at IS NULL
          AND NOT (file_id = ANY(${w.fileIds}::text[]))
      )`
    : sql``;
  const actuals =
    w.actuals.length > 0
      ? sql`,
      actuals AS (
        INSERT INTO indicator_actuals (region_id, id, report_id, indicator_id, value)
        SELECT ${r.region_id}, x.id, ${r.id}, x.indicator_id, x.value
        FROM unnest(${w.actuals.map((a) => a.id)}::text[], ${w.actuals.map((a) => a.indicatorId)}::text[],
                    ${w.actuals.map((a) => a.value)}::float8[]) AS x(id, indicator_id, value)
      )`
      : sql``;
  const evidence =
    w.fileIds.length > 0
      ? sql`,
      evidence AS (
        INSERT INTO report_evidence (region_id, report_id, file_id)
        SELECT ${r.region_id}, ${r.id}, f FROM unnest(${w.fileIds}::text[]) AS f
        ON CONFLICT (region_id, report_id, file_id) DO UPDATE SET deleted_at = NULL
      )`
      : sql``;
  const statement = sql`${sql.raw(writesTo([taskScope(w.planId, r.task_id)]))}
    WITH report AS (${upsert})${retire}${actuals}${evidence}
    INSERT INTO audit_events (region_id, id, actor_id, entity, entity_id, action, before, after)
    VALUES (${r.region_id}, ${w.audit.id}, ${w.audit.actorId}, 'progress_report', ${r.id}, ${w.audit.action},
            ${w.audit.before}::jsonb, ${w.audit.after}::jsonb)`;
  await groupCommit(db, (conn) => statement.execute(conn), then);
}

/** The periods an org has a live report for on a task. */
export async function reportedPeriods(db: Db, regionId: string, taskId: string, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("progress_reports")
    .select("period")
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("org_id", "=", orgId)
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.period);
}

/**
 * For every live assignment of these orgs on a published plan: the task, its cadence and whether
 * the org has reported for the period holding today (one query).
 */
export async function currentReporting(db: Db, orgIds: string[], current: Record<Cadence, string>) {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<{ task_id: string; plan_id: string; org_id: string; cadence: Cadence; reported: boolean }>`
    SELECT t.id AS task_id, t.plan_id, a.org_id, COALESCE(t.cadence, p.cadence) AS cadence,
      EXISTS (
        SELECT 1 FROM progress_reports r
        WHERE r.region_id = t.region_id AND r.task_id = t.id AND r.org_id = a.org_id AND r.deleted_at IS NULL
          AND r.period = CASE COALESCE(t.cadence, p.cadence)
            WHEN 'monthly' THEN ${current.monthly} WHEN 'quarterly' THEN ${current.quarterly}
            WHEN 'half_year' THEN ${current.half_year} ELSE ${current.yearly} END
      ) AS reported
    FROM assignments a
    JOIN plan_tasks t ON t.region_id = a.region_id AND t.id = a.task_id AND t.deleted_at IS NULL
    JOIN plans p ON p.region_id = t.region_id AND p.id = t.plan_id AND p.status = 'published' AND p.deleted_at IS NULL
    WHERE a.org_id = ANY(${orgIds}::text[]) AND a.deleted_at IS NULL`.execute(db);
  return rows;
}
