import type { Insertable, Kysely } from "kysely";
import type { DB, ProgressReportsTable } from "../db/schema.js";

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

export async function reportsOfTask(db: Db, regionId: string, taskId: string) {
  const reports = await db
    .selectFrom("progress_reports")
    .innerJoin("orgs", "orgs.id", "progress_reports.org_id")
    .selectAll("progress_reports")
    .select("orgs.name as org_name")
    .where("progress_reports.region_id", "=", regionId)
    .where("progress_reports.task_id", "=", taskId)
    .where("progress_reports.deleted_at", "is", null)
    .orderBy("progress_reports.period", "desc")
    .orderBy("orgs.name")
    .execute();
  const ids = reports.map((r) => r.id);
  if (ids.length === 0) return [];
  const actuals = await db
    .selectFrom("indicator_actuals")
    .select(["report_id", "indicator_id", "value"])
    .where("region_id", "=", regionId)
    .where("report_id", "in", ids)
    .where("deleted_at", "is", null)
    .execute();
  const evidence = await db
    .selectFrom("report_evidence")
    .innerJoin("files", (j) =>
      j.onRef("files.id", "=", "report_evidence.file_id").onRef("files.region_id", "=", "report_evidence.region_id"),
    )
    .select(["report_evidence.report_id", "files.id", "files.filename", "files.content_type", "files.size"])
    .where("report_evidence.region_id", "=", regionId)
    .where("report_evidence.report_id", "in", ids)
    .where("report_evidence.deleted_at", "is", null)
    .execute();
  return reports.map((r) => ({
    ...r,
    actuals: actuals
      .filter((a) => a.report_id === r.id)
      .map(({ indicator_id, value }) => ({ indicatorId: indicator_id, value })),
    evidence: evidence.filter((e) => e.report_id === r.id).map(({ report_id: _r, ...f }) => f),
  }));
}
