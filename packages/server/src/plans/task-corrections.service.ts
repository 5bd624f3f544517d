import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import * as repo from "./plans.repository.js";
import { manageablePlan } from "./plans.service.js";

export interface TaskCorrection {
  title?: string;
  body?: string;
}

/**
 * Wording fixes on a task of any plan, published or not. Units, deadlines and targets of
 * a published plan drive assignments, milestones and indicators, so they change by re-import.
 */
export async function correctTask(db: Database, actor: Actor, taskId: string, patch: TaskCorrection) {
  const task = await repo.findTask(db, taskId);
  if (!task) throw notFound("TASK_NOT_FOUND");
  const plan = await manageablePlan(db, actor, task.plan_id).catch(() => {
    throw notFound("TASK_NOT_FOUND");
  });
  const set = {
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.body !== undefined && { body: patch.body }),
  };
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updateTask(trx, task, set);
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan_task",
      entityId: task.id,
      action: "correct",
      before: { title: task.title, body: task.body },
      after: { title: updated.title, body: updated.body },
    });
    return updated;
  });
}
