import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "../test/app.js";
import { pgliteOf } from "./database.js";
import {
  analyzeDueTables,
  maintainDueTables,
  quietHours,
  startStatisticsKeeper,
  tablesDue,
  tablesDueForAnalyze,
} from "./pglite-statistics.js";

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

/** The table's dead rows and vacuum count, as PGlite's statistics have them now. */
async function vacuumState(table: string) {
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ dead: number; vacuums: number }>`
    SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums FROM pg_stat_user_tables WHERE relname = ${table}`.execute(
    db,
  );
  return rows[0]!;
}
const dueNamed = async (table: string) => (await tablesDue(db)).find((t) => t.name.endsWith(`.${table}`));

describe.runIf(!process.env.LUOSHI_TEST_PG_URL)("vacuum on PGlite (no autovacuum there)", () => {
  it("a table with more dead rows than 50 + 20% of its rows is vacuumed, in the quiet hours only", async () => {
    await sql`CREATE TABLE vacuum_probe (id int PRIMARY KEY, n int NOT NULL)`.execute(db);
    await sql`INSERT INTO vacuum_probe SELECT g, 0 FROM generate_series(1, 500) g`.execute(db);
    await maintainDueTables(db, { vacuum: true });
    expect(await dueNamed("vacuum_probe")).toBeUndefined();
    // 500 rows: 140 dead rows are not due (50 + 100), 300 are.
    await sql`UPDATE vacuum_probe SET n = n + 1 WHERE id <= 140`.execute(db);
    expect((await dueNamed("vacuum_probe"))?.vacuum ?? false).toBe(false);
    await sql`UPDATE vacuum_probe SET n = n + 1 WHERE id <= 160`.execute(db);
    expect((await dueNamed("vacuum_probe"))?.vacuum).toBe(true);
    const before = await vacuumState("vacuum_probe");
    expect(before.dead).toBe(300);

    // Outside the quiet hours a due table is analysed, not vacuumed.
    await maintainDueTables(db, { vacuum: false });
    expect(await vacuumState("vacuum_probe")).toEqual(before);
    const done = await maintainDueTables(db, { vacuum: true });
    expect(done.find((t) => t.name.endsWith(".vacuum_probe"))?.vacuum).toBe(true);
    expect(await vacuumState("vacuum_probe")).toEqual({ dead: 0, vacuums: before.vacuums + 1 });
  });

  it("a table that only grows is vacuumed after 1,000 + 20% inserts, which keeps its visibility map", async () => {
    await sql`CREATE TABLE insert_probe (id int PRIMARY KEY)`.execute(db);
    await sql`INSERT INTO insert_probe SELECT g FROM generate_series(1, 1200) g`.execute(db);
    expect((await dueNamed("insert_probe"))?.vacuum).toBe(true);
    await maintainDueTables(db, { vacuum: true });
    // 1,200 rows: 1,200 more inserts are not due (1,000 + 240), 1,300 are.
    await sql`INSERT INTO insert_probe SELECT g FROM generate_series(1201, 2400) g`.execute(db);
    expect((await dueNamed("insert_probe"))?.vacuum ?? false).toBe(false);
    await sql`INSERT INTO insert_probe SELECT g FROM generate_series(2401, 2500) g`.execute(db);
    expect((await dueNamed("insert_probe"))?.vacuum).toBe(true);
    await maintainDueTables(db, { vacuum: true });
    const { rows } = await sql<{ all_visible: number; pages: number }>`
      SELECT relallvisible AS all_visible, relpages AS pages FROM pg_class WHERE relname = 'insert_probe'`.execute(db);
    expect(rows[0]!.all_visible).toBe(rows[0]!.pages);
  });

  it("the keeper vacuums on its ticks in the quiet hours, and only analyses when it starts", async () => {
    await sql`CREATE TABLE keeper_probe (id int PRIMARY KEY, n int NOT NULL)`.execute(db);
    await sql`INSERT INTO keeper_probe SELECT g, 0 FROM generate_series(1, 200) g`.execute(db);
    await maintainDueTables(db, { vacuum: true });
    await sql`UPDATE keeper_probe SET n = 1`.execute(db);
    const before = await vacuumState("keeper_probe");
    const keeper = startStatisticsKeeper(
      db,
      (msg, err) => {
        throw new Error(`${msg}: ${err}`);
      },
      { intervalMs: 20, quiet: () => true },
    );
    await keeper.ready;
    expect((await vacuumState("keeper_probe")).vacuums).toBe(before.vacuums);
    await vi.waitFor(async () => expect((await vacuumState("keeper_probe")).vacuums).toBe(before.vacuums + 1));
    await keeper.stop();
  });

  it("the quiet hours are 01:00-05:00 in China", () => {
    const at = (utc: string) => quietHours(new Date(utc));
    expect([
      at("2026-12-05T16:59:00Z"),
      at("2026-12-05T17:00:00Z"),
      at("2026-12-05T20:59:00Z"),
      at("2026-12-05T21:00:00Z"),
    ]).toEqual([false, true, true, false]);
  });
});

describe.runIf(process.env.LUOSHI_TEST_PG_URL)("planner statistics on PostgreSQL", () => {
  it("are autovacuum's business: nothing is analysed or vacuumed here", async () => {
    expect(await analyzeDueTables(db)).toEqual([]);
    expect(await maintainDueTables(db, { vacuum: true })).toEqual([]);
  });
});
