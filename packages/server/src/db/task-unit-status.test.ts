import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import type { Database } from "./database.js";

/** The read model must always equal the latest live report per (task, org), recomputed from scratch. */
const expected = (db: Database) =>
  sql<{ task_id: string; org_id: string; report_id: string }>`
    SELECT DISTINCT ON (task_id, org_id) task_id, org_id, id AS report_id FROM progress_reports
    WHERE deleted_at IS NULL ORDER BY task_id, org_id, period DESC, submitted_at DESC`.execute(db);
const actual = (db: Database) =>
  sql<{ task_id: string; org_id: string; report_id: string }>`
    SELECT task_id, org_id, report_id FROM task_unit_status ORDER BY task_id, org_id`.execute(db);

type Op =
  | { kind: "insert"; task: number; org: number; month: number; status: number }
  | { kind: "resubmit"; pick: number; status: number }
  | { kind: "delete"; pick: number }
  | { kind: "restore"; pick: number };

const STATUSES = ["not_started", "in_progress", "done", "blocked"];

describe("task_unit_status read model", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let run = 0;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase());
    await sql`INSERT INTO orgs (region_id, id, parent_id, name, kind) VALUES ('r', 'r', NULL, '县局', 'bureau')`.execute(
      db,
    );
    await sql`INSERT INTO plans (region_id, id, org_id, title, year, status, cadence, source_text)
      VALUES ('r', 'p', 'r', '计划', 2024, 'published', 'monthly', '')`.execute(db);
    await sql`INSERT INTO plan_tasks (region_id, id, plan_id, seq, no, path, title, units, lead_count)
      SELECT 'r', 't' || n, 'p', n, n::text, '[]', '任务', '[]', 1 FROM generate_series(0, 2) n`.execute(db);
  }, 60_000);
  afterAll(() => drop());

  it("takes resubmissions of one (task, unit) committed at the same time (on PostgreSQL: two connections)", async () => {
    await sql`INSERT INTO progress_reports (region_id, id, task_id, org_id, period, status, submitted_by)
      VALUES ('r', 'race1', 't2', 'r', '2024-01', 'in_progress', 'u'), ('r', 'race2', 't2', 'r', '2024-02', 'in_progress', 'u')`.execute(
      db,
    );
    for (let round = 0; round < 20; round++) {
      const resubmit = (id: string) =>
        sql`UPDATE progress_reports SET percent = ${round}, submitted_at = clock_timestamp() WHERE region_id = 'r' AND id = ${id}`.execute(
          db,
        );
      await Promise.all([resubmit("race1"), resubmit("race2")]);
    }
    expect((await actual(db)).rows).toEqual((await expected(db)).rows);
  });

  it("follows inserts, resubmissions, soft deletes and restores, single and set-based", async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("insert" as const),
        task: fc.nat(2),
        org: fc.nat(2),
        month: fc.integer({ min: 1, max: 4 }),
        status: fc.nat(3),
      }),
      fc.record({ kind: fc.constant("resubmit" as const), pick: fc.nat(), status: fc.nat(3) }),
      fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("restore" as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops: Op[]) => {
        run++;
        await sql`DELETE FROM progress_reports`.execute(db);
        expect((await actual(db)).rows).toEqual([]);
        for (const o of ops) await apply(db, o, run);
        expect((await actual(db)).rows).toEqual((await expected(db)).rows);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("a set-based load of many reports in one statement keeps the newest per pair", async () => {
    await sql`DELETE FROM progress_reports`.execute(db);
    await sql`INSERT INTO progress_reports (region_id, id, task_id, org_id, period, status, submitted_by, submitted_at)
      SELECT 'r', 'bulk' || t || o || m, 't' || t, 'o' || o, '2024-' || lpad(m::text, 2, '0'), 'in_progress', 'x',
             timestamptz '2024-01-01' + m * interval '1 day'
      FROM generate_series(0, 2) t, generate_series(0, 3) o, generate_series(1, 12) m`.execute(db);
    const rows = (await actual(db)).rows;
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.report_id.endsWith("12"))).toBe(true);
    expect(rows).toEqual((await expected(db)).rows);
  });
});

async function apply(db: Database, o: Op, run: number) {
  const ids = (await sql<{ id: string }>`SELECT id FROM progress_reports ORDER BY id`.execute(db)).rows.map(
    (r) => r.id,
  );
  const picked = "pick" in o && ids.length > 0 ? ids[o.pick % ids.length] : undefined;
  if (o.kind === "insert") {
    await sql`INSERT INTO progress_reports (region_id, id, task_id, org_id, period, status, submitted_by)
      VALUES ('r', ${`${run}-${ids.length}`}, ${`t${o.task}`}, ${`o${o.org}`}, ${`2024-0${o.month}`},
              ${STATUSES[o.status]}, 'x')
      ON CONFLICT (region_id, task_id, org_id, period) DO NOTHING`.execute(db);
  } else if (picked && o.kind === "resubmit") {
    await sql`UPDATE progress_reports SET status = ${STATUSES[o.status]}, submitted_at = clock_timestamp(),
      deleted_at = NULL WHERE id = ${picked}`.execute(db);
  } else if (picked && o.kind === "delete") {
    await sql`UPDATE progress_reports SET deleted_at = clock_timestamp() WHERE id = ${picked}`.execute(db);
  } else if (picked && o.kind === "restore") {
    await sql`UPDATE progress_reports SET deleted_at = NULL WHERE id = ${picked}`.execute(db);
  }
}
