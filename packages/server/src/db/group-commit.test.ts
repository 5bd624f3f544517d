import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import { type Database, writeGenerationOf } from "./database.js";
import { type FollowUp, GroupCommit, groupCommit } from "./group-commit.js";

let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  await sql`CREATE TABLE group_commit_probe (id int PRIMARY KEY, note text NOT NULL)`.execute(db);
}, 120_000);
afterAll(() => drop());

const insert =
  (id: number, note = "ok") =>
  (conn: Database) =>
    sql`INSERT INTO group_commit_probe (id, note) VALUES (${id}, ${note})`.execute(conn);
const ids = async () =>
  (await sql<{ id: number }>`SELECT id FROM group_commit_probe ORDER BY id`.execute(db)).rows.map((r) => r.id);

describe("group commit", () => {
  it("commits concurrent writes, each answered once its own write is committed", async () => {
    const writes = Array.from({ length: 20 }, (_, i) => groupCommit(db, insert(i + 1)));
    await Promise.all(writes);
    expect(await ids()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("on PGlite, commits the writes that arrive together in fewer transactions than writes", async () => {
    const generation = writeGenerationOf(db);
    if (!generation) return; // PostgreSQL: each write its own transaction on the pool
    const before = generation.value;
    await Promise.all(Array.from({ length: 10 }, (_, i) => groupCommit(db, insert(100 + i))));
    // The batch takes the writes queued when it gets the connection: all ten, one commit.
    expect(generation.value - before).toBe(1);
  });

  it("fails only the bad write of a batch: the others commit as if alone", async () => {
    const results = await Promise.allSettled([
      groupCommit(db, insert(200)),
      groupCommit(db, insert(201)),
      groupCommit(db, insert(1, "duplicate key")), // id 1 exists: this one fails
      groupCommit(db, insert(202)),
      groupCommit(db, insert(203)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "23505" });
    expect((await ids()).filter((id) => id >= 200)).toEqual([200, 201, 202, 203]);
    const notes = await sql<{ note: string }>`SELECT note FROM group_commit_probe WHERE id = 1`.execute(db);
    expect(notes.rows).toEqual([{ note: "ok" }]);
  });

  it("starts the next batch while the one before waits for its fsync", async () => {
    // A database whose transactions take turns on one connection, freed at COMMIT; the commit is
    // answered only once its fsync (here: a promise the test settles) is done, as on PGlite.
    const log: string[] = [];
    let turn = Promise.resolve();
    let fsync!: () => void;
    const synced = new Promise<void>((r) => {
      fsync = r;
    });
    const fake = {
      transaction: () => ({
        execute: async (work: (trx: unknown) => Promise<void>) => {
          const mine = turn.then(() => work(fake));
          turn = mine.catch(() => undefined);
          await mine;
          await synced;
        },
      }),
    } as unknown as Database;
    const group = new GroupCommit(fake);
    const write = (name: string) => async () => {
      log.push(name);
    };
    // With a follow-up, so that a lone write too is a transaction.
    const first = group.run(write("a"), {
      followUp: { inBatch: async () => undefined, after: async () => undefined },
      item: 0,
    });
    await new Promise((r) => setTimeout(r, 10));
    // a committed and waits for its fsync: b and c go in the next batch now, not after it.
    const next = Promise.all([group.run(write("b")), group.run(write("c"))]);
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(["a", "b", "c"]);
    fsync();
    await Promise.all([first, next]);
  });

  it("runs a follow-up once per batch, in its transaction after its writes, for the writes that asked", async () => {
    await sql`CREATE TABLE group_commit_follow (items int NOT NULL, seen int NOT NULL)`.execute(db);
    const calls: number[][] = [];
    const afters: number[] = [];
    const followUp: FollowUp<number> = {
      async inBatch(trx, items) {
        calls.push(items);
        // The batch's writes are seen, and what it writes commits with them.
        const seen = await sql<{ n: number }>`SELECT count(*)::int AS n FROM group_commit_probe
          WHERE id = ANY(${items}::int[])`.execute(trx);
        await sql`INSERT INTO group_commit_follow VALUES (${items.length}, ${seen.rows[0]!.n})`.execute(trx);
      },
      async after(item) {
        afters.push(item);
      },
    };
    const generation = writeGenerationOf(db);
    const before = generation?.value ?? 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        groupCommit(db, insert(300 + i), i % 2 === 0 ? { followUp, item: 300 + i } : undefined),
      ),
    );
    expect((await ids()).filter((id) => id >= 300)).toHaveLength(10);
    if (!generation) {
      // PostgreSQL: each write at once, then its follow-up's after.
      expect(afters.sort()).toEqual([300, 302, 304, 306, 308]);
      return;
    }
    // One batch, one commit: the follow-up once, for the five that asked, seeing their writes.
    expect(generation.value - before).toBe(1);
    expect(calls).toEqual([[300, 302, 304, 306, 308]]);
    const follows = await sql`SELECT items, seen FROM group_commit_follow ORDER BY items`.execute(db);
    expect(follows.rows).toEqual([{ items: 5, seen: 5 }]);
    expect(afters).toEqual([]);
  });

  it("on PGlite, a follow-up that fails takes back its write: the others commit as if alone", async () => {
    if (!writeGenerationOf(db)) return; // PostgreSQL: the follow-up runs after the write committed
    const followUp: FollowUp<number> = {
      async inBatch(trx, items) {
        if (items.includes(402)) throw new Error("refresh failed");
        await sql`UPDATE group_commit_probe SET note = 'followed' WHERE id = ANY(${items}::int[])`.execute(trx);
      },
      after: async () => undefined,
    };
    const results = await Promise.allSettled(
      [400, 401, 402, 403].map((id) => groupCommit(db, insert(id), { followUp, item: id })),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const rows = await sql<{ id: number; note: string }>`SELECT id, note FROM group_commit_probe
      WHERE id >= 400 ORDER BY id`.execute(db);
    expect(rows.rows).toEqual([
      { id: 400, note: "followed" },
      { id: 401, note: "followed" },
      { id: 403, note: "followed" },
    ]);
  });
});
