import { type Database, writeGenerationOf } from "../db/database.js";
import { taskScope, type WriteGeneration } from "../db/write-generation.js";
import * as repo from "./queries.repository.js";

/** Rows kept at most (one is about a kilobyte): a county's units × their tasks, several days over. */
const MAX_ROWS = 50_000;

interface Kept {
  row: repo.TaskBundle;
  /** The write generation read before the row was. */
  version: number;
}

/**
 * A unit's own task list (publishedTaskBundles with `assignedTo`), kept row by row on an
 * embedded PGlite. A report moves its task's row only (its task scope, db/write-generation.ts),
 * so the list a school reads after a report reads that one row again, not its forty: under a
 * stream of reports each recomputed list cost ~10 ms of the database's one thread, and every
 * report was followed by one. Which tasks the list holds is read every time (one short
 * statement), as is every row that a write to its task or plan, or a write naming no plan
 * (assignments, org names, a status run), may have moved since it was read. Rows are kept per
 * unit set and day (a row's statuses are the snapshots of the region's last computed day up to
 * today).
 *
 * On PostgreSQL other processes write too and no write generation is kept: there is nothing to
 * key rows on, and `of` gives none.
 */
export class OwnTaskRows {
  private readonly kept = new Map<string, Kept>();
  /** Rows read from the database so far. */
  rowsRead = 0;

  private constructor(private readonly generation: WriteGeneration) {}

  /** Kept rows for this database, when it is an embedded PGlite. */
  static of(db: Database): OwnTaskRows | undefined {
    const generation = writeGenerationOf(db);
    return generation ? new OwnTaskRows(generation) : undefined;
  }

  /** What publishedTaskBundles(db, planOrgIds, only, today) returns, from kept rows where they hold. */
  async bundles(
    db: Database,
    planOrgIds: string[],
    only: repo.TaskChoice & { assignedTo: string[] },
    today: string,
  ): Promise<repo.TaskBundle[]> {
    const version = this.generation.value;
    const chosen = await repo.chosenTaskIds(db, planOrgIds, only);
    const prefix = `${only.assignedTo.join(",")}\u0000${today}\u0000`;
    const stale = chosen.filter((t) => {
      const kept = this.kept.get(prefix + t.id);
      return !kept || this.generation.changedSince(kept.version, [taskScope(t.plan_id, t.id)]);
    });
    const read = new Map<string, repo.TaskBundle>();
    if (stale.length > 0) {
      const taskIds = stale.map((t) => t.id);
      for (const row of await repo.publishedTaskBundles(db, planOrgIds, { ...only, taskIds }, today)) {
        read.set(row.id, row);
        this.keep(prefix + row.id, { row, version });
      }
      this.rowsRead += read.size;
    }
    const staleIds = new Set(stale.map((t) => t.id));
    const rows: repo.TaskBundle[] = [];
    for (const t of chosen) {
      // A stale row not read again left the list between the two statements.
      const row = staleIds.has(t.id) ? read.get(t.id) : this.kept.get(prefix + t.id)?.row;
      if (row) rows.push(row);
    }
    return rows;
  }

  private keep(key: string, kept: Kept): void {
    this.kept.delete(key);
    if (this.kept.size >= MAX_ROWS) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, kept);
  }
}
