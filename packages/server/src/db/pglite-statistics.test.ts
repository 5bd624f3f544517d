import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import { pgliteOf } from "./database.js";
import { analyzeDueTables, startStatisticsKeeper, tablesDueForAnalyze } from "./pglite-statistics.js";

const { db, drop } = await freshDatabase();
afterAll(() => drop());

const probe = (due: string[]) => due.some((t) => t.endsWith(".stats_probe"));
const insert = (from: number, to: number) =>
  sql`INSERT INTO stats_probe SELECT g FROM generate_series(${from}::int, ${to}::int) g`.execute(db);

describe.runIf(!process.env.LUOSHI_TEST_PG_URL)("planner statistics on PGlite (no autovacuum there)", () => {
  it("a table never analysed is due; analysed, it is not until more than 50 + 10% of its rows change", async () => {
    expect(pgliteOf(db)).toBeDefined();
    await sql`CREATE TABLE stats_probe (id int PRIMARY KEY)`.execute(db);
    expect(probe(await tablesDueForAnalyze(db))).toBe(true);
    const keeper = startStatisticsKeeper(db, (msg, err) => {
      throw new Error(`${msg}: ${err}`);
    });
    await keeper.ready;
    await keeper.stop();
    expect(await tablesDueForAnalyze(db)).toEqual([]);

    await insert(1, 40);
    expect(probe(await tablesDueForAnalyze(db))).toBe(false);
    await insert(41, 1000);
    expect(probe(await tablesDueForAnalyze(db))).toBe(true);
    expect(probe(await analyzeDueTables(db))).toBe(true);
    const { rows } = await sql<{ reltuples: number }>`
      SELECT reltuples FROM pg_class WHERE relname = 'stats_probe'`.execute(db);
    expect(rows[0]?.reltuples).toBe(1000);
    // 1,000 rows: more than 150 changes are due, 90 are not.
    await sql`UPDATE stats_probe SET id = id + 10000 WHERE id <= 90`.execute(db);
    expect(probe(await tablesDueForAnalyze(db))).toBe(false);
    await sql`UPDATE stats_probe SET id = id + 10000 WHERE id BETWEEN 91 AND 200`.execute(db);
    expect(probe(await tablesDueForAnalyze(db))).toBe(true);
  });
});

describe.runIf(process.env.LUOSHI_TEST_PG_URL)("planner statistics on PostgreSQL", () => {
  it("are autovacuum's business: nothing is analysed here", async () => {
    expect(await analyzeDueTables(db)).toEqual([]);
  });
});
