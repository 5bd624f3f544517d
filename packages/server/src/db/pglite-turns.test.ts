import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./database.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ kind: "pglite" });
  await sql`CREATE TABLE t (id int, title text)`.execute(db);
}, 60_000);
afterAll(() => db.destroy());

describe("a long transaction on PGlite", () => {
  it("gives the event loop turns between its statements", async () => {
    const started = performance.now();
    let firedAt: number | undefined;
    setTimeout(() => {
      firedAt = performance.now() - started;
    }, 0);
    await db.transaction().execute(async (tx) => {
      for (let chunk = 0; chunk < 80; chunk++) {
        const rows = Array.from({ length: 100 }, (_, i) => ({ id: chunk * 100 + i, title: `任务${i}`.repeat(10) }));
        await tx
          .insertInto("t" as never)
          .values(rows as never)
          .execute();
      }
    });
    const total = performance.now() - started;
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM t`.execute(db);
    expect(rows[0]!.n).toBe(8000);
    // Without turns the timer fired only after the commit (measured: never before `total`).
    expect(firedAt).toBeDefined();
    expect(firedAt!).toBeLessThan(total / 2);
  });
});
