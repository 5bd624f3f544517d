import type { Database } from "../db/database.js";
import { type Clock, type RegionRefresh, refreshTaskStatuses } from "./status.service.js";

interface Batch {
  regions: Map<string, { taskIds: Set<string>; orgIds: Set<string> | null; actorId: string | null }>;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Refreshes the statuses of reported tasks in batches, one batch at a time: a report's refresh
 * joins the next batch to start, which starts after its report committed, so the statuses a
 * submission answers after are computed from facts that include it (as if refreshed alone).
 * Under a stream of submissions each batch covers the tasks reported while the previous one
 * ran: one currentDays query, four fact queries and one transaction for many reports instead
 * of each.
 */
export class StatusRefreshQueue {
  private next: Batch | undefined;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly now: Clock,
  ) {}

  /**
   * Resolves once today's statuses of these tasks are stored from facts committed before the
   * call: of the assignments of these units (the reporters), or of all when orgIds is absent.
   */
  refresh(
    regionId: string,
    taskIds: Iterable<string>,
    actorId: string | null,
    orgIds?: Iterable<string>,
  ): Promise<void> {
    this.next ??= newBatch();
    const batch = this.next;
    let region = batch.regions.get(regionId);
    if (!region) {
      region = { taskIds: new Set(), orgIds: new Set(), actorId };
      batch.regions.set(regionId, region);
    }
    for (const id of taskIds) region.taskIds.add(id);
    if (orgIds === undefined) region.orgIds = null;
    else if (region.orgIds) for (const id of orgIds) region.orgIds.add(id);
    void this.drain();
    return batch.done;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.next) {
        const batch = this.next;
        this.next = undefined;
        try {
          await refreshTaskStatuses(this.db, this.now, batch.regions as ReadonlyMap<string, RegionRefresh>);
          batch.resolve();
        } catch (error) {
          batch.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { regions: new Map(), done, resolve, reject };
}
