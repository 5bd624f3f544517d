import type { Kysely, Transaction } from "kysely";
import { type Database, pgliteOf } from "./database.js";
import type { DB } from "./schema.js";

/**
 * A write of one request: ONE statement, run on the connection it is given (in a batch's
 * transaction on PGlite; alone, its own transaction, on PostgreSQL).
 */
export type GroupedWrite = (db: Kysely<DB>) => Promise<unknown>;

/**
 * Work that follows writes, done once for all the writes of a batch that asked for it: the
 * items are what each write asked it to do.
 */
export interface FollowUp<T> {
  /** On an embedded PGlite: inside the batch's transaction, after its writes (their effects seen). */
  inBatch(trx: Kysely<DB>, items: T[]): Promise<void>;
  /** On PostgreSQL, where writes are not batched: after the write committed, for its item. */
  after(item: T): Promise<void>;
}

/** A write's follow-up and what it asks of it. */
export interface Then<T> {
  followUp: FollowUp<T>;
  item: T;
}

interface Waiting {
  write: GroupedWrite;
  // biome-ignore lint/suspicious/noExplicitAny: each write's follow-up has its own item type
  then: Then<any> | undefined;
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
 * A batch takes the writes queued when it gets the connection, so the writes that come while it
 * waits for it join it; once it took them the next batch may wait for the connection, which the
 * first frees after its COMMIT and before its fsync: a batch's fsync overlaps the next batch's
 * work instead of holding it back (the dialect's WAL sync then covers both in as few fsyncs as
 * it can).
 * A write may ask for a follow-up (FollowUp: the status refresh after a report), run once per
 * batch in the same transaction after the writes, for all that asked: so the follow-up's writes
 * commit with the writes that caused them, in the same fsync, and a request waits for one
 * commit, not two in a row.
 * A batch that fails is rolled back whole and its writes are run again one by one, each its
 * own transaction (with its own follow-up), so that one bad write fails alone and the others
 * commit as if alone. On PostgreSQL writes run at once (concurrent transactions on the pool),
 * each followed by its follow-up's `after`.
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  /** Whether a batch is waiting for the connection (it will take the writes queued by then). */
  private waiting = false;

  constructor(private readonly db: Database) {}

  run<T>(write: GroupedWrite, then?: Then<T>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ write, then, resolve, reject });
      this.open();
    });
  }

  /** Opens a batch for the queued writes, unless one is already waiting to take them. */
  private open(): void {
    if (this.waiting || this.queue.length === 0) return;
    this.waiting = true;
    let batch: Waiting[] | undefined;
    const take = () => {
      batch = this.queue.splice(0, MAX_BATCH);
      this.waiting = false;
      this.open();
      return batch;
    };
    this.transaction(take).then(
      () => {
        for (const w of batch!) w.resolve();
      },
      (error: unknown) => {
        // Failed before it took any (no connection): the writes queued now go one by one.
        const failed = batch ?? take();
        if (failed.length === 1) failed[0]!.reject(error);
        else void this.oneByOne(failed);
      },
    );
  }

  /** Again one by one after their batch failed: each its own transaction. */
  private async oneByOne(batch: Waiting[]): Promise<void> {
    for (const w of batch) await this.transaction(() => [w]).then(w.resolve, w.reject);
  }

  /**
   * The writes `take` gives once the transaction holds the connection, then each follow-up they
   * asked for once with all its items, in one transaction.
   */
  private transaction(take: () => Waiting[]): Promise<void> {
    return this.db.transaction().execute(async (trx: Transaction<DB>) => {
      const batch = take();
      for (const w of batch) await w.write(trx);
      const followUps = new Map<FollowUp<unknown>, unknown[]>();
      for (const { then } of batch)
        if (then) followUps.set(then.followUp, [...(followUps.get(then.followUp) ?? []), then.item]);
      for (const [followUp, items] of followUps) await followUp.inBatch(trx, items);
    });
  }
}

const groups = new WeakMap<Database, GroupCommit>();

/**
 * Runs a request's one-statement write, grouped with concurrent ones into one transaction on an
 * embedded PGlite (GroupCommit), at once on PostgreSQL; then its follow-up, if it asks for one
 * (in the batch's transaction on PGlite, after the commit on PostgreSQL). Resolves once all of it
 * committed.
 */
export async function groupCommit<T>(db: Database, write: GroupedWrite, then?: Then<T>): Promise<void> {
  if (!pgliteOf(db)) {
    await write(db);
    await then?.followUp.after(then.item);
    return;
  }
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group.run(write, then);
}
