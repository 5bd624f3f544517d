import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { ReportStatus } from "../db/schema.js";
import { AppError, badRequest, notFound } from "../errors.js";
import { findVisibleFiles } from "../files/files.repository.js";
import { newId } from "../ids.js";
import { findTask } from "../plans/plans.repository.js";
import { readablePlan } from "../plans/plans.service.js";
import { isValidPeriod } from "./periods.js";
import * as repo from "./progress.repository.js";

export interface ReportInput {
  orgId?: string;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent: number;
  actuals?: { indicatorId: string; value: number }[];
  fileIds?: string[];
}

export async function readableTask(db: Database, actor: Actor, taskId: string) {
  const task = await findTask(db, taskId);
  if (!task) throw notFound("TASK_NOT_FOUND");
  const plan = await readablePlan(db, actor, task.plan_id).catch(() => {
    throw notFound("TASK_NOT_FOUND");
  });
  return { task, plan };
}

/** One report per task, org and period: submitting again replaces it (the audit keeps the old one). */
export async function submitReport(db: Database, actor: Actor, taskId: string, input: ReportInput) {
  const { task, plan } = await readableTask(db, actor, taskId);
  if (plan.status !== "published") throw notFound("TASK_NOT_FOUND");
  const orgId = input.orgId ?? actor.orgId;
  if (!sees(actor, orgId)) throw new AppError("NOT_ASSIGNED", 403);
  const assignment = await repo.findAssignment(db, task.region_id, task.id, orgId);
  if (!assignment) throw new AppError("NOT_ASSIGNED", 403);
  if (!isValidPeriod(input.period, plan.cadence)) throw badRequest("INVALID_PERIOD", { cadence: plan.cadence });
  const actuals = input.actuals ?? [];
  const indicatorIds = await repo.indicatorIdsOfTask(db, task.region_id, task.id);
  if (actuals.some((a) => !indicatorIds.includes(a.indicatorId))) throw badRequest("INDICATOR_NOT_IN_TASK");
  const fileIds = [...new Set(input.fileIds ?? [])];
  const files = await findVisibleFiles(db, actor, fileIds);
  if (files.length !== fileIds.length) throw notFound("FILE_NOT_FOUND");

  const region_id = task.region_id;
  return db.transaction().execute(async (trx) => {
    const existing = await repo.findReport(trx, { region_id, task_id: task.id, org_id: orgId, period: input.period });
    const fields = {
      status: input.status,
      narrative: input.narrative,
      percent: input.percent,
      submitted_by: actor.userId,
    };
    const report = existing
      ? await repo.updateReport(trx, existing, fields)
      : await repo.insertReport(trx, {
          region_id,
          id: newId(),
          task_id: task.id,
          org_id: orgId,
          period: input.period,
          ...fields,
        });
    if (existing) await repo.retireReportChildren(trx, region_id, report.id);
    await repo.insertActuals(
      trx,
      actuals.map((a) => ({
        region_id,
        id: newId(),
        report_id: report.id,
        indicator_id: a.indicatorId,
        value: a.value,
      })),
    );
    await repo.attachEvidence(trx, region_id, report.id, fileIds);
    await recordAudit(trx, {
      regionId: region_id,
      actorId: actor.userId,
      entity: "progress_report",
      entityId: report.id,
      action: existing ? "update" : "create",
      before: existing,
      after: { ...report, actuals, fileIds },
    });
    return { ...report, actuals, fileIds };
  });
}

/** A task's report history: every org's reports for plan readers; only their own subtree's for assignees. */
export async function reportHistory(db: Database, actor: Actor, taskId: string) {
  const { task, plan } = await readableTask(db, actor, taskId);
  const all = await repo.reportsOfTask(db, task.region_id, task.id);
  return sees(actor, plan.org_id) ? all : all.filter((r) => sees(actor, r.org_id));
}
