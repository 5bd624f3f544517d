import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREPARED } from "./pg-prepared.js";
import { PreparedStatements } from "./pglite-statements.js";

let pg: PGlite;
let statements: PreparedStatements;
const parsers = { 20: (v: string) => Number(v) };

beforeAll(async () => {
  pg = new PGlite();
  await pg.waitReady;
  await pg.exec("CREATE TABLE t (id text PRIMARY KEY, n int8, tags text[])");
  statements = new PreparedStatements(pg, parsers);
}, 60_000);
afterAll(() => pg.close());

describe("PreparedStatements (PGlite)", () => {
  it("gives the same rows, types and counts as PGlite's query(), run after run", async () => {
    for (let i = 0; i < 8; i++) {
      const inserted = await statements.query("INSERT INTO t (id, n, tags) VALUES ($1, $2, $3)", [
        `r${i}`,
        i,
        ["a", `b,${i}`],
      ]);
      expect(inserted.affectedRows).toBe(1);
    }
    const text = "SELECT id, n, tags FROM t WHERE n >= $1 ORDER BY n";
    for (let i = 0; i < 8; i++) {
      const mine = await statements.query(text, [i]);
      const theirs = await pg.query(text, [i], { parsers });
      expect(mine.rows).toEqual(theirs.rows);
      expect(mine.fields).toEqual(theirs.fields);
    }
    expect((await statements.query<{ n: number }>("SELECT n FROM t WHERE id = $1", ["r3"])).rows).toEqual([{ n: 3 }]);
  });

  it("throws PostgreSQL's error with its code, and keeps working after it", async () => {
    const insert = "INSERT INTO t (id, n) VALUES ($1, $2)";
    await expect(statements.query(insert, ["r1", 1])).rejects.toMatchObject({ code: "23505" });
    await expect(statements.query("SELEC nonsense", [])).rejects.toBeTruthy();
    await statements.query(insert, ["r100", 100]);
    expect((await statements.query("SELECT count(*) AS c FROM t", [])).rows).toEqual([{ c: 9 }]);
  });

  it("prepares again after a schema change, outside a transaction", async () => {
    const text = "SELECT * FROM t WHERE id = $1";
    expect(Object.keys((await statements.query<object>(text, ["r1"])).rows[0]!)).toEqual(["id", "n", "tags"]);
    await pg.exec("ALTER TABLE t ADD COLUMN note text DEFAULT 'x'");
    expect((await statements.query(text, ["r1"])).rows[0]).toMatchObject({ id: "r1", note: "x" });
  });

  it("keeps a PREPARED statement with one generic plan, and leaves the plan cache mode as it was", async () => {
    const plans = async (text: string) =>
      (
        await pg.query<{ generic_plans: number; custom_plans: number }>(
          "SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement = $1",
          [text],
        )
      ).rows;
    const mode = async () =>
      (await pg.query<{ m: string }>("SELECT current_setting('plan_cache_mode') AS m")).rows[0]!.m;
    const marked = `${PREPARED} SELECT id, n FROM t WHERE n >= $1 ORDER BY n`;
    const plain = "SELECT id, n FROM t WHERE n <= $1 ORDER BY n";
    for (let i = 0; i < 3; i++) {
      expect((await statements.query<{ id: string }>(marked, [6])).rows.map((r) => r.id)).toEqual(["r6", "r7", "r100"]);
      await statements.query(plain, [1]);
    }
    expect(await plans(marked)).toEqual([{ generic_plans: 3, custom_plans: 0 }]);
    expect(await plans(plain)).toEqual([{ generic_plans: 0, custom_plans: 3 }]);
    expect(await mode()).toBe("auto");
    // An error in the statement, outside a transaction and inside one: the setting is undone.
    const failing = `${PREPARED} SELECT 1 / $1::int AS q`;
    await expect(statements.query(failing, [0])).rejects.toMatchObject({ code: "22012" });
    expect(await mode()).toBe("auto");
    await statements.query("begin", []);
    await expect(statements.query(failing, [0])).rejects.toMatchObject({ code: "22012" });
    await statements.query("rollback", []);
    expect(await mode()).toBe("auto");
    expect((await statements.query(failing, [2])).rows).toEqual([{ q: 0 }]);
  });

  it("keeps transaction blocks: a rollback undoes what ran inside", async () => {
    await statements.query("begin", []);
    await statements.query("UPDATE t SET n = $1 WHERE id = $2", [-1, "r2"]);
    expect(pg.isInTransaction()).toBe(true);
    await statements.query("rollback", []);
    expect((await statements.query("SELECT n FROM t WHERE id = $1", ["r2"])).rows).toEqual([{ n: 2 }]);
  });

  it("parses with the parsers PGlite learns later (an array type it refreshed)", async () => {
    await pg.exec("CREATE TYPE mood AS ENUM ('calm', 'busy')");
    const text = "SELECT ARRAY['calm', 'busy']::mood[] AS moods";
    expect((await statements.query(text, [])).rows).toEqual([{ moods: "{calm,busy}" }]);
    await pg.refreshArrayTypes();
    expect((await statements.query(text, [])).rows).toEqual([{ moods: ["calm", "busy"] }]);
    expect((await statements.query("SELECT n FROM t WHERE id = $1", ["r3"])).rows).toEqual([{ n: 3 }]);
  });

  it("stays bounded: more distinct statements than it keeps still run", async () => {
    for (let i = 0; i < 300; i++) {
      const { rows } = await statements.query(`SELECT $1::int + ${i} AS v`, [1]);
      expect(rows).toEqual([{ v: i + 1 }]);
    }
    const { rows } = await pg.query<{ c: number }>("SELECT count(*)::int AS c FROM pg_prepared_statements");
    expect(rows[0]!.c).toBeLessThanOrEqual(256);
  });
});
