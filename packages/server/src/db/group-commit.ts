import type { Kysely, Transaction } from "kysely";
import { type Database, pgliteOf } from "./database.js";
import type { DB } from "./schema.js";

/**
 * A write of one request: ONE statement, run on the connection it is given (alone, it is its
 * own transaction; in a batch, part of the batch's).
 */
export type GroupedWrite = (db: Kysely<DB>) => Promise<unknown>;

interface Waiting {
  write: GroupedWrite;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Writes one transaction takes at most: a batch's last write waits for all before it. */
const MAX_BATCH = 64;

/**
 * Group commit for an embedded PGlite, whose writes take turns on one connection anyway: the
 * writes that arrive while a batch runs go together in the next batch, one transaction for all
 * (one BEGIN, one COMMIT, one WAL flush and fsync) instead of one each. Each write's promise
 * resolves only once the transaction holding it committed durably (the dialect answers a
 * commit after its fsync), so each request still answers after its own data is on disk.
 * A batch that fails is rolled back whole and its writes are run again one by one, each its
 * own transaction, so that one bad write fails alone and the others commit as if alone.
 * On PostgreSQL writes run at once (concurrent transactions on the pool).
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  private running = false;

  constructor(private readonly db: Database) {}

  run(write: GroupedWrite): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commit(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      const committed = await this.db
        .transaction()
        .execute(async (trx: Transaction<DB>) => {
          for (const w of batch) await w.write(trx);
        })
        .then(
          () => true,
          () => false,
        );
      if (committed) {
        for (const w of batch) w.resolve();
        return;
      }
    }
    // Alone, or again one by one after the batch failed: each statement its own transaction.
    for (const w of batch) await w.write(this.db).then(w.resolve, w.reject);
  }
}

const groups = new WeakMap<Database, GroupCommit>();

/**
 * Runs a request's one-statement write, grouped with concurrent ones into one transaction on an
 * embedded PGlite (GroupCommit), at once on PostgreSQL. Resolves once committed.
 */
export async function groupCommit(db: Database, write: GroupedWrite): Promise<void> {
  if (!pgliteOf(db)) {
    await write(db);
    return;
  }
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group.run(write);
}
