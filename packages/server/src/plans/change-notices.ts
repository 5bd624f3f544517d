import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import type { DB } from "../db/schema.js";
import { newId } from "../ids.js";
import { insertNotifications, type NewNotification } from "../reminders/reminders.repository.js";

/** A change to published work that the units concerned must hear about. */
export interface TaskChangeNotice {
  regionId: string;
  actorId: string | null;
  planId: string;
  /** The task changed, or null for the whole plan (withdrawn, archived). */
  taskId: string | null;
  kind: "units" | "deadline" | "cadence" | "indicators" | "withdrawn" | "archived";
  /** Every organisation affected: the assignees before and after the change. */
  orgIds: string[];
  /** When the units change: the organisations assigned before and after (who is added, who removed). */
  units?: { before: string[]; after: string[] };
  /** What changed, naming the task or the plan. */
  summary: string;
  /** When the change was made (the app's clock). */
  at: string;
  /** The task as its units know it ("3 开展主题教育"), or the plan's title. */
  subject: string;
}

/** Whether the change added the unit to the task, took it off, or changed the task it keeps. */
export function unitPart(notice: TaskChangeNotice, orgId: string): "added" | "removed" | "kept" {
  if (!notice.units) return "kept";
  const { before, after } = notice.units;
  if (after.includes(orgId) && !before.includes(orgId)) return "added";
  if (before.includes(orgId) && !after.includes(orgId)) return "removed";
  return "kept";
}

const TITLES: Record<"added" | "removed" | "kept", (n: TaskChangeNotice) => string> = {
  added: (n) => `您单位新承担任务“${n.subject}”`,
  removed: (n) => `您单位不再承担任务“${n.subject}”`,
  kept: (n) =>
    n.kind === "withdrawn" || n.kind === "archived"
      ? `计划“${n.subject}”已${n.kind === "withdrawn" ? "撤回" : "归档"}`
      : `任务“${n.subject}”已调整`,
};

/** One in-app notification per unit affected, addressed to the unit (all its users read it). */
export function changeNotifications(notice: TaskChangeNotice, changeId: string) {
  return [...new Set(notice.orgIds)].map(
    (orgId): NewNotification => ({
      region_id: notice.regionId,
      org_id: orgId,
      user_id: null,
      event: "task_changed",
      entity_kind: notice.taskId ? "task" : "plan",
      entity_id: notice.taskId ?? notice.planId,
      title: TITLES[unitPart(notice, orgId)](notice),
      body: notice.summary,
      delivery_key: `task_changed:${changeId}`,
    }),
  );
}

/**
 * The hook through which publishing tells units about changes, in the transaction of the change:
 * each unit affected gets an in-app notification (消息中心), and the notice is kept as an audit
 * event (entity "notification", action "task_changed") naming the organisations told.
 */
export async function notifyUnits(trx: Kysely<DB>, notice: TaskChangeNotice): Promise<void> {
  if (notice.orgIds.length === 0) return;
  const changeId = newId();
  await insertNotifications(trx, changeNotifications(notice, changeId), notice.at);
  await recordAudit(trx, {
    regionId: notice.regionId,
    actorId: notice.actorId,
    entity: "notification",
    entityId: notice.taskId ?? notice.planId,
    action: "task_changed",
    after: {
      planId: notice.planId,
      taskId: notice.taskId,
      kind: notice.kind,
      orgIds: [...new Set(notice.orgIds)],
      summary: notice.summary,
    },
  });
}
