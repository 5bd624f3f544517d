import type { Actor } from "../auth/actor.js";
import { canSeePlan, sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { FollowUp } from "../db/group-commit.js";
import type { ReportStatus } from "../db/schema.js";
import { AppError, badRequest, notFound } from "../errors.js";
import { json, newId } from "../ids.js";
import type { Reported } from "../status/refresh-queue.js";
import { isReportablePeriod, isValidPeriod, statusMatchesPercent, todayInShanghai } from "./periods.js";
import { progressError } from "./progress.messages.js";
import * as repo from "./progress.repository.js";
import { brokenRule, reportRulesOf } from "./report-rules.js";

export interface ReportInput {
  orgId?: string;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent: number;
  actuals?: { indicatorId: string; value: number }[];
  fileIds?: string[];
}

/** A live task and its live plan, if the actor may read the plan (one query). */
export async function readableTask(db: Database, actor: Actor, taskId: string) {
  const found = await repo.findTaskWithPlan(db, taskId);
  if (!found || !canSeePlan(actor, found.plan)) throw notFound("TASK_NOT_FOUND");
  return found;
}

/**
 * One report per task, org and period: submitting again replaces it (the audit keeps the old one).
 * Two round trips: every check in one read, then one write statement (its own transaction).
 * Under READ COMMITTED a plain read inside the transaction locked nothing either, so the
 * read may as well come first; a concurrent first submission still fails on progress_reports_uq.
 * `statuses`, when given, follows the write (db/group-commit.ts FollowUp): the status refresh.
 */
export async function submitReport(
  db: Database,
  actor: Actor,
  taskId: string,
  input: ReportInput,
  at = new Date(),
  statuses?: FollowUp<Reported>,
) {
  const today = todayInShanghai(at);
  const orgId = input.orgId ?? actor.orgId;
  const fileIds = [...new Set(input.fileIds ?? [])];
  const ctx = await repo.submissionContext(db, {
    taskId,
    orgId,
    period: input.period,
    fileIds,
    reach: actor.visibleOrgIds,
  });
  if (!ctx || !canSeePlan(actor, ctx.plan)) throw notFound("TASK_NOT_FOUND");
  const { task, plan, existing } = ctx;
  if (plan.status !== "published") throw notFound("TASK_NOT_FOUND");
  if (!sees(actor, orgId)) throw new AppError("NOT_ASSIGNED", 403);
  if (!ctx.assigned) throw new AppError("NOT_ASSIGNED", 403);
  if (!isValidPeriod(input.period, plan.cadence)) throw badRequest("INVALID_PERIOD", { cadence: plan.cadence });
  if (!isReportablePeriod(input.period, plan, today))
    throw badRequest("PERIOD_OUT_OF_PLAN", { year: plan.year, cadence: plan.cadence });
  if (!statusMatchesPercent(input.status, input.percent)) throw badRequest("STATUS_PERCENT_MISMATCH");
  const actuals = input.actuals ?? [];
  if (actuals.some((a) => !ctx.indicatorIds.includes(a.indicatorId))) throw badRequest("INDICATOR_NOT_IN_TASK");
  if (ctx.filesFound !== fileIds.length) throw notFound("FILE_NOT_FOUND");
  const broken = brokenRule(reportRulesOf(plan.report_rules), {
    status: input.status,
    narrative: input.narrative,
    fileCount: fileIds.length,
  });
  if (broken) throw progressError(broken, 400, { rules: reportRulesOf(plan.report_rules) });
  const now = at.toISOString();
  const report: repo.ProgressReportRow = {
    region_id: task.region_id,
    id: existing?.id ?? newId(),
    task_id: task.id,
    org_id: orgId,
    period: input.period,
    status: input.status,
    narrative: input.narrative,
    percent: input.percent,
    submitted_by: actor.userId,
    submitted_at: now,
    updated_at: now,
    deleted_at: null,
  };
  const reported = { regionId: task.region_id, taskId: task.id, orgId, actorId: actor.userId };
  await repo.writeReport(db, statuses && { followUp: statuses, item: reported }, {
    report,
    planId: task.plan_id,
    replacing: existing !== undefined,
    actuals: actuals.map((a) => ({ id: newId(), indicatorId: a.indicatorId, value: a.value })),
    fileIds,
    audit: {
      id: newId(),
      actorId: actor.userId,
      action: existing ? "update" : "create",
      before: existing ? json(existing) : null,
      after: json({ ...report, actuals, fileIds }),
    },
  });
  return { ...report, actuals, fileIds };
}

/** A task's report history: every org's reports for plan readers; only their own subtree's for assignees. */
export async function reportHistory(db: Database, actor: Actor, taskId: string) {
  const { task, plan } = await readableTask(db, actor, taskId);
  return reportHistoryOf(db, actor, task, plan);
}

/** reportHistory for a task already found readable (one query). */
export async function reportHistoryOf(
  db: Database,
  actor: Actor,
  task: { region_id: string; id: string },
  plan: { org_id: string },
) {
  const all = await repo.reportsOfTask(db, task.region_id, task.id);
  return sees(actor, plan.org_id) ? all : all.filter((r) => sees(actor, r.org_id));
}
