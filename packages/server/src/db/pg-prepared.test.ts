import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { PREPARED } from "./pg-prepared.js";

const marked = (n: number) => sql<{ next: number }>`${sql.raw(PREPARED)} SELECT ${n}::int + 1 AS next`;
const plain = (n: number) => sql<{ next: number }>`SELECT ${n}::int + 2 AS next`;

describe("statements marked PREPARED", () => {
  it("answer as unmarked ones on the embedded database (the mark is a comment)", async () => {
    const db = await openDatabase({ kind: "pglite" });
    expect((await marked(1).execute(db)).rows).toEqual([{ next: 2 }]);
    expect((await marked(41).execute(db)).rows).toEqual([{ next: 42 }]);
    await db.destroy();
  });

  const url = process.env.LUOSHI_TEST_PG_URL;
  it.skipIf(!url)("run on PostgreSQL as one named prepared statement per connection; others stay unnamed", async () => {
    const db = await openDatabase({ kind: "postgres", url: url! });
    try {
      await db.connection().execute(async (conn) => {
        expect((await marked(1).execute(conn)).rows).toEqual([{ next: 2 }]);
        expect((await marked(41).execute(conn)).rows).toEqual([{ next: 42 }]);
        expect((await plain(1).execute(conn)).rows).toEqual([{ next: 3 }]);
        const kept = await sql<{ name: string; statement: string }>`
          SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(conn);
        expect(kept.rows).toHaveLength(1);
        expect(kept.rows[0]!.name).toMatch(/^luoshi_[0-9a-f]{24}$/);
        expect(kept.rows[0]!.statement.startsWith(PREPARED)).toBe(true);
        // Naming its columns, a kept statement survives a column added meanwhile (a migration by another process).
        await sql`CREATE TEMP TABLE kept_check (a int)`.execute(conn);
        await sql`INSERT INTO kept_check VALUES (7)`.execute(conn);
        const read = () => sql<{ a: number }>`${sql.raw(PREPARED)} SELECT a FROM kept_check`.execute(conn);
        expect((await read()).rows).toEqual([{ a: 7 }]);
        await sql`ALTER TABLE kept_check ADD COLUMN b int`.execute(conn);
        expect((await read()).rows).toEqual([{ a: 7 }]);
      });
    } finally {
      await db.destroy();
    }
  });
});
