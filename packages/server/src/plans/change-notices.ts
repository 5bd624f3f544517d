import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import type { DB } from "../db/schema.js";

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
  summary: string;
}

/**
 * The hook through which publishing tells units about changes. Until an in-app notification
 * centre exists on main, each notice is kept as an audit event (entity "notification",
 * action "task_changed") in the same transaction as the change, naming the organisations
 * to notify; a notification centre should read these or replace this function's body.
 */
export async function notifyUnits(trx: Kysely<DB>, notice: TaskChangeNotice): Promise<void> {
  if (notice.orgIds.length === 0) return;
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
