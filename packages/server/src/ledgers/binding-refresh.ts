import type { Database } from "../db/database.js";
import { refreshTaskStatuses } from "../status/status.service.js";
import { activeBindings } from "./bindings.repository.js";

/**
 * After a change to a region's ledger (or its bindings): today's statuses of the tasks whose
 * indicators are bound, so the board and dashboard show the new computed value at once.
 */
export async function refreshBoundTasks(
  db: Database,
  now: () => Date,
  regionId: string,
  actorId: string,
  taskIds?: string[],
): Promise<void> {
  const tasks = taskIds ?? (await activeBindings(db, { regionIds: [regionId] })).map((b) => b.task_id);
  if (tasks.length === 0) return;
  await refreshTaskStatuses(db, now, new Map([[regionId, { taskIds: new Set(tasks), actorId }]]));
}

/** For routes: answers after refreshing the bound tasks of the caller's region (a change moved their indicators). */
export const refreshingBound =
  (db: Database, now: () => Date) =>
  async <T>(actor: { regionId: string; userId: string }, answer: T): Promise<T> => {
    await refreshBoundTasks(db, now, actor.regionId, actor.userId);
    return answer;
  };
