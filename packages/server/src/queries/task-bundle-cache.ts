import { type Freshness, freshnessOf } from "../db/data-version.js";
import { type Database, writeGenerationOf } from "../db/database.js";
import { taskScope } from "../db/write-generation.js";
import type { TaskBundle } from "./queries.repository.js";

/** Bundles kept: a county's tasks many times over; the oldest go first. */
const MAX_ENTRIES = 20_000;

interface Entry {
  /** The data version read before the bundle was computed. */
  version: string;
  bundle: TaskBundle;
}

/**
 * Task bundles (queries.repository.ts publishedTaskBundles) kept one by one, per task and day, on
 * an embedded database, where the data version says which tasks a write touched
 * (db/write-generation.ts): a unit's own list is its tasks' bundles, and a report on one of them
 * moves that one alone. So under a stream of reports the list is rebuilt from the bundles that
 * still hold and the few computed again (a school's forty tasks: one task's query instead of
 * forty), where the whole-answer read cache (http/read-cache.ts) could only drop it.
 *
 * A bundle depends on its task's own data and its plan as a whole (the task, its assignments,
 * their reports and stored statuses, its milestones, the plan's title, the region's last
 * computed day, unit names): exactly what taskScope covers, with writes naming no scope moving
 * everything. Its content does not depend on who reads it (who may see it is decided by the
 * query listing the tasks), so readers share it; callers must not change it.
 */
export class TaskBundleCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly freshness: Freshness) {}

  /**
   * The bundles of these tasks, in their order, as of `today`: kept ones while no write to their
   * task or plan committed since they were computed, the others by `load` (given their ids, in
   * one call) and kept if nothing they depend on was written while it ran.
   */
  async bundles(
    tasks: readonly { id: string; plan_id: string }[],
    today: string,
    load: (taskIds: string[]) => Promise<TaskBundle[]>,
  ): Promise<TaskBundle[]> {
    const now = await this.freshness.now();
    const found = new Map<string, TaskBundle>();
    const missing: string[] = [];
    for (const task of tasks) {
      const key = keyOf(task.id, today);
      const entry = this.entries.get(key);
      if (entry && this.freshness.isCurrent(entry.version, [taskScope(task.plan_id, task.id)], now))
        found.set(task.id, entry.bundle);
      else {
        if (entry) this.entries.delete(key);
        missing.push(task.id);
      }
    }
    if (missing.length > 0) {
      const loaded = await load(missing);
      const after = await this.freshness.now();
      for (const bundle of loaded) {
        found.set(bundle.id, bundle);
        if (this.freshness.isCurrent(now, [taskScope(bundle.plan_id, bundle.id)], after))
          this.keep(keyOf(bundle.id, today), { version: now, bundle });
      }
    }
    // A task gone between the listing and the loading is left out, as a list read a moment later would.
    return tasks.flatMap((t) => found.get(t.id) ?? []);
  }

  private keep(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}

const keyOf = (taskId: string, today: string) => `${today}\u0000${taskId}`;

const caches = new WeakMap<Database, TaskBundleCache>();

/**
 * The task bundle cache of an embedded database; undefined on PostgreSQL, where any commit by any
 * process moves every answer (db/data-version.ts), so kept bundles would never be current.
 */
export function taskBundleCacheOf(db: Database): TaskBundleCache | undefined {
  if (!writeGenerationOf(db)) return undefined;
  let cache = caches.get(db);
  if (!cache) {
    cache = new TaskBundleCache(freshnessOf(db));
    caches.set(db, cache);
  }
  return cache;
}
