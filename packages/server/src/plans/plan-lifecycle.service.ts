import { TARGET_OP_LABELS } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { PlanStatus, TargetJson } from "../db/schema.js";
import { notFound } from "../errors.js";
import { json, newId } from "../ids.js";
import { notifyUnits } from "./change-notices.js";
import * as repo from "./plans.repository.js";
import { manageablePlan } from "./plans.service.js";
import { publishingError } from "./publishing.messages.js";

/** Which statuses a plan may leave for each end state: withdrawn from published; archived from either. */
const FROM: Record<"withdrawn" | "archived", PlanStatus[]> = {
  withdrawn: ["published"],
  archived: ["published", "withdrawn"],
};

/**
 * Withdraws (撤回, with a reason) or archives a published plan. Nothing is deleted: its tasks,
 * assignments and reports stay; units stop seeing it and cannot report on it; every unit
 * assigned to it is notified.
 */
export async function endPlan(
  db: Database,
  actor: Actor,
  planId: string,
  to: "withdrawn" | "archived",
  reason: string | null,
  now: () => Date,
) {
  const plan = await manageablePlan(db, actor, planId);
  if (!FROM[to].includes(plan.status)) throw publishingError("PLAN_NOT_PUBLISHED", 409, { status: plan.status });
  const orgIds = await repo.assignedOrgsOfPlan(db, plan.region_id, plan.id);
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updatePlan(trx, plan, { status: to, status_reason: reason });
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan",
      entityId: plan.id,
      action: to === "withdrawn" ? "withdraw" : "archive",
      before: { status: plan.status },
      after: { status: to, reason },
    });
    await notifyUnits(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      planId: plan.id,
      taskId: null,
      kind: to,
      orgIds,
      subject: plan.title,
      summary: `计划“${plan.title}”已${to === "withdrawn" ? "撤回" : "归档"}${reason ? `：${reason}` : ""}`,
      at: now().toISOString(),
    });
    return updated;
  });
}

/** "培训覆盖率 不低于 100%；…", or 无 when every indicator was removed. */
export function indicatorsText(targets: TargetJson[]): string {
  const one = (t: TargetJson) =>
    t.op === "range"
      ? `${t.subject} ${t.min ?? ""}–${t.max ?? ""}${t.unit}`
      : `${t.subject} ${TARGET_OP_LABELS[t.op]} ${t.value ?? t.min ?? ""}${t.unit}`;
  return targets.map(one).join("；") || "无";
}

export type IndicatorEdit = TargetJson & { id?: string };

/**
 * A task's indicators as the manager now states them. On a draft the task's targets change; on a
 * published plan the indicators themselves: those named by id are updated (their reported actuals
 * stay attached), new ones added, the rest retired; the assigned units are notified.
 */
export async function editIndicators(
  db: Database,
  actor: Actor,
  planId: string,
  taskId: string,
  edits: IndicatorEdit[],
  now: () => Date,
) {
  const plan = await manageablePlan(db, actor, planId);
  if (plan.status !== "draft" && plan.status !== "published") throw publishingError("PLAN_NOT_PUBLISHED", 409);
  const [task] = await repo.tasksByIds(db, plan.region_id, plan.id, [taskId]);
  if (!task) throw notFound("TASK_NOT_FOUND");
  const current = plan.status === "published" ? await repo.liveIndicators(db, plan.region_id, task.id) : [];
  if (edits.some((e) => e.id && !current.some((c) => c.id === e.id)))
    throw publishingError("INDICATOR_NOT_IN_TASK_EDIT", 400);
  const targets: TargetJson[] = edits.map(({ id: _id, ...t }) => t);
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updateTask(trx, task, { targets: json(targets) });
    if (plan.status === "published") {
      const rows = edits.map((e, seq) => ({
        region_id: plan.region_id,
        id: e.id ?? newId(),
        task_id: task.id,
        seq,
        text: e.text,
        subject: e.subject,
        op: e.op,
        baseline: e.baseline ?? null,
        target_value: e.value,
        target_min: e.min,
        target_max: e.max,
        unit: e.unit,
      }));
      await repo.replaceIndicators(trx, plan.region_id, task.id, rows);
      const assignees = await repo.liveAssignments(trx, plan.region_id, [task.id]);
      await notifyUnits(trx, {
        regionId: plan.region_id,
        actorId: actor.userId,
        planId: plan.id,
        taskId: task.id,
        kind: "indicators",
        orgIds: assignees.map((a) => a.org_id),
        subject: `${task.no} ${task.title}`,
        summary: `任务“${task.no} ${task.title}”的指标调整为：${indicatorsText(targets)}`,
        at: now().toISOString(),
      });
    }
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan_task",
      entityId: task.id,
      action: "edit_indicators",
      before: { targets: task.targets, indicators: current },
      after: { targets },
    });
    return { plan, task: updated };
  });
}
