import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { DeadlineJson, TargetJson } from "../db/schema.js";
import { json, newId } from "../ids.js";
import * as repo from "./plans.repository.js";
import { manageableDraft } from "./plans.service.js";

export interface NewTask {
  no: string;
  title: string;
  path?: string[];
  units?: string[];
  leadCount?: number;
  deadlines?: DeadlineJson[];
  targets?: TargetJson[];
  body?: string;
  measures?: string[];
}

/**
 * Adds a task the parser missed to a draft plan, after its last task. It has no source
 * span: it was typed, not found in the document.
 */
export async function addTask(db: Database, actor: Actor, planId: string, input: NewTask) {
  const plan = await manageableDraft(db, actor, planId);
  const units = input.units ?? [];
  return db.transaction().execute(async (trx) => {
    const current = await repo.listTasks(trx, plan.region_id, plan.id);
    const [task] = await repo.insertTasks(trx, [
      {
        region_id: plan.region_id,
        id: newId(),
        plan_id: plan.id,
        seq: current.reduce((m, t) => Math.max(m, t.seq), -1) + 1,
        no: input.no,
        path: json(input.path ?? []),
        title: input.title,
        units: json(units),
        lead_count: Math.min(input.leadCount ?? (units.length > 0 ? 1 : 0), units.length),
        deadlines: json(input.deadlines ?? []),
        targets: json(input.targets ?? []),
        body: input.body ?? "",
        measures: json(input.measures ?? []),
        span: json(null),
      },
    ]);
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan_task",
      entityId: task!.id,
      action: "create",
      after: task,
    });
    return task!;
  });
}
