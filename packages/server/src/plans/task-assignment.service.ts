import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { Plan, PlanTask } from "../db/schema.js";
import { json, newId } from "../ids.js";
import { notifyUnits } from "./change-notices.js";
import * as repo from "./plans.repository.js";
import { manageablePlan } from "./plans.service.js";
import { candidateOrgs } from "./publish.service.js";
import { publishingError } from "./publishing.messages.js";
import {
  type AssignmentChange,
  changedTaskFields,
  changesUnits,
  deadlineOf,
  describeChange,
  type NamedOrg,
  type UnitRole,
  unitRoles,
} from "./task-assignment.js";

/** A draft or published plan whose tasks a manager may still assign (not withdrawn or archived). */
async function assignablePlan(db: Database, actor: Actor, planId: string) {
  const plan = await manageablePlan(db, actor, planId);
  if (plan.status !== "draft" && plan.status !== "published") throw publishingError("PLAN_NOT_PUBLISHED", 409);
  return plan;
}

/**
 * Batch assignment of units (lead/co), a deadline and a cadence to selected tasks, before or after
 * publishing. On a draft the tasks' fields change (publishing reads them); on a published plan the
 * assignments and milestones change too, each task's change is audited, and every unit assigned
 * before or after is notified.
 */
export async function assignTasks(
  db: Database,
  actor: Actor,
  planId: string,
  taskIds: string[],
  change: AssignmentChange,
  now: () => Date,
) {
  const plan = await assignablePlan(db, actor, planId);
  if (!changesUnits(change) && change.dueDate === undefined && change.cadence === undefined)
    throw publishingError("NOTHING_TO_ASSIGN", 400);
  if (changesUnits(change) && (change.lead ?? []).length === 0) throw publishingError("LEAD_UNIT_REQUIRED", 400);
  const ids = [...new Set(taskIds)];
  const tasks = await repo.tasksByIds(db, plan.region_id, plan.id, ids);
  if (tasks.length !== ids.length) throw publishingError("TASKS_NOT_IN_PLAN", 404);
  const candidates = new Map<string, NamedOrg>((await candidateOrgs(db, plan)).map((o) => [o.id, o]));
  const unknown = unitRoles(change).filter((r) => !candidates.has(r.orgId));
  if (unknown.length > 0) throw publishingError("TASKS_NOT_IN_PLAN", 404, { orgIds: unknown.map((u) => u.orgId) });
  const before = new Map<string, UnitRole[]>();
  for (const a of await repo.liveAssignments(db, plan.region_id, ids)) {
    before.set(a.task_id, [...(before.get(a.task_id) ?? []), { orgId: a.org_id, role: a.role }]);
  }
  return db.transaction().execute(async (trx) => {
    const updated: PlanTask[] = [];
    for (const task of tasks) {
      const fields = changedTaskFields(task, change, candidates);
      const row = await repo.updateTask(trx, task, {
        units: json(fields.units),
        lead_count: fields.lead_count,
        deadlines: json(fields.deadlines),
        cadence: fields.cadence,
      });
      if (plan.status === "published") await applyToPublished(trx, plan, task, change, candidates);
      await recordAudit(trx, {
        regionId: plan.region_id,
        actorId: actor.userId,
        entity: "plan_task",
        entityId: task.id,
        action: "assign",
        before: { units: task.units, lead_count: task.lead_count, deadlines: task.deadlines, cadence: task.cadence },
        after: { ...fields, planStatus: plan.status },
      });
      if (plan.status === "published") {
        const was = (before.get(task.id) ?? []).map((r) => r.orgId);
        const after = changesUnits(change) ? unitRoles(change).map((r) => r.orgId) : was;
        const summary = describeChange(change, candidates, before.get(task.id) ?? []);
        await notifyUnits(trx, {
          regionId: plan.region_id,
          actorId: actor.userId,
          planId: plan.id,
          taskId: task.id,
          kind: changesUnits(change) ? "units" : change.dueDate ? "deadline" : "cadence",
          orgIds: [...was, ...after],
          ...(changesUnits(change) && { units: { before: was, after } }),
          subject: `${task.no} ${task.title}`,
          summary: `任务“${task.no} ${task.title}”：${summary}`,
          at: now().toISOString(),
        });
      }
      updated.push(row);
    }
    return { plan, tasks: updated };
  });
}

async function applyToPublished(
  trx: Database,
  plan: Plan,
  task: PlanTask,
  change: AssignmentChange,
  orgs: ReadonlyMap<string, NamedOrg>,
) {
  if (changesUnits(change)) {
    await repo.replaceAssignments(
      trx,
      plan.region_id,
      task.id,
      unitRoles(change).map((r) => ({
        id: newId(),
        org_id: r.orgId,
        role: r.role,
        unit_name: orgs.get(r.orgId)!.name,
      })),
    );
  }
  if (change.dueDate) {
    const d = deadlineOf(change.dueDate);
    await repo.replaceMilestones(trx, plan.region_id, task.id, [
      {
        region_id: plan.region_id,
        id: newId(),
        task_id: task.id,
        seq: 0,
        text: d.text,
        due_date: d.date,
        kind: d.kind,
      },
    ]);
  }
}
