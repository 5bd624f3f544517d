import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import { type Database, writeGenerationOf } from "./database.js";
import { groupCommit } from "./group-commit.js";

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
    // The first write runs alone; the nine that came while it ran share one commit.
    expect(generation.value - before).toBe(2);
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
});
