import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import type { FollowUp } from "../db/group-commit.js";
import type { DB } from "../db/schema.js";
import { type Clock, type RegionRefresh, refreshTaskStatuses } from "./status.service.js";

type Regions = Map<string, { taskIds: Set<string>; orgIds: Set<string> | null; actorId: string | null }>;

interface Batch {
  regions: Regions;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A report filed: its task, the unit it was filed for, and who filed it. */
export interface Reported {
  regionId: string;
  taskId: string;
  orgId: string;
  actorId: string | null;
}

/**
 * Refreshes the statuses of reported tasks in batches, one batch at a time: a report's refresh
 * joins the next batch to start, which starts after its report committed, so the statuses a
 * submission answers after are computed from facts that include it (as if refreshed alone).
 * Under a stream of submissions each batch covers the tasks reported while the previous one
 * ran: one currentDays query, four fact queries and one transaction for many reports instead
 * of each.
 *
 * As the follow-up of report writes (db/group-commit.ts): on an embedded PGlite the refresh of a
 * batch of reports runs in the batch's own transaction, after the reports (inBatch), so reports
 * and their statuses commit together; on PostgreSQL each report's refresh joins the queue
 * once the report committed (after).
 */
export class StatusRefreshQueue implements FollowUp<Reported> {
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
    add(batch.regions, regionId, taskIds, actorId, orgIds);
    void this.drain();
    return batch.done;
  }

  /** The statuses of these reports' assignments (and their tasks'), in the transaction that filed them. */
  inBatch(trx: Kysely<DB>, items: Reported[]): Promise<void> {
    const regions: Regions = new Map();
    for (const r of items) add(regions, r.regionId, [r.taskId], r.actorId, [r.orgId]);
    return refreshTaskStatuses(trx, this.now, regions as ReadonlyMap<string, RegionRefresh>);
  }

  /** The statuses of a report's assignment (and its task's), in the next batch, once it committed. */
  after(r: Reported): Promise<void> {
    return this.refresh(r.regionId, [r.taskId], r.actorId, [r.orgId]);
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

/** Adds tasks (of these units, or of all when orgIds is absent) of a region to a refresh. */
function add(
  regions: Regions,
  regionId: string,
  taskIds: Iterable<string>,
  actorId: string | null,
  orgIds: Iterable<string> | undefined,
): void {
  let region = regions.get(regionId);
  if (!region) {
    region = { taskIds: new Set(), orgIds: new Set(), actorId };
    regions.set(regionId, region);
  }
  for (const id of taskIds) region.taskIds.add(id);
  if (orgIds === undefined) region.orgIds = null;
  else if (region.orgIds) for (const id of orgIds) region.orgIds.add(id);
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
