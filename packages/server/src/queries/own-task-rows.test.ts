import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInShanghai } from "../progress/periods.js";
import { addDays } from "../status/calendar.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";
import { OwnTaskRows } from "./own-task-rows.js";
import { publishedTaskBundles } from "./queries.repository.js";

/**
 * A school's own list kept row by row: what it returns always equals the whole query, and after a
 * report it reads again only the reported task's row. The route's answers under any writes are
 * checked against an uncached server in http/read-cache.property.test.ts.
 */
let t: TestContext;
let rows: OwnTaskRows | undefined;
let admin: Session;
let planOrgIds: string[];
let only: { assignedTo: string[] };
const today = todayInShanghai();

beforeAll(async () => {
  t = await createTestApp();
  rows = OwnTaskRows.of(t.db);
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  await publishedPlan(t.db, t.fixture.a.bureauId);
  await publishedPlan(t.db, t.fixture.a.bureauId);
  const { schoolId, bureauId } = t.fixture.a;
  planOrgIds = [schoolId, bureauId, t.fixture.cityId, t.fixture.provinceId];
  only = { assignedTo: [schoolId] };
  // Today's statuses computed, as a running server's are: a report then refreshes its task's only.
  const run = await t.app.inject({ method: "POST", url: "/api/supervision/status/run", headers: admin.headers });
  expect(run.statusCode).toBe(200);
}, 120_000);
afterAll(() => t.close());

const whole = () => publishedTaskBundles(t.db, planOrgIds, only, today);

async function report(taskId: string, percent: number) {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/tasks/${taskId}/reports`,
    headers: admin.headers,
    payload: { orgId: t.fixture.a.schoolId, period: "2024-05", status: "in_progress", percent, narrative: "推进中" },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe("a unit's own task rows", () => {
  it("are none on PostgreSQL, where other processes write too", () => {
    if (process.env.LUOSHI_TEST_PG_URL) expect(rows).toBeUndefined();
    else expect(rows).toBeDefined();
  });

  it.skipIf(process.env.LUOSHI_TEST_PG_URL)("equal the whole query, reading only the rows writes moved", async () => {
    const kept = rows!;
    const first = await kept.bundles(t.db, planOrgIds, only, today);
    const all = await whole();
    expect(all.length).toBeGreaterThan(1);
    expect(first).toEqual(all);
    expect(kept.rowsRead).toBe(all.length);

    // Nothing written: nothing read again.
    expect(await kept.bundles(t.db, planOrgIds, only, today)).toEqual(all);
    expect(kept.rowsRead).toBe(all.length);

    // A report moves its task's row only.
    const reported = all[1]!;
    await report(reported.id, 40);
    const after = await kept.bundles(t.db, planOrgIds, only, today);
    expect(after).toEqual(await whole());
    expect(after.find((r) => r.id === reported.id)).not.toEqual(reported);
    expect(kept.rowsRead).toBe(all.length + 1);

    // Another day reads its own rows.
    await kept.bundles(t.db, planOrgIds, only, addDays(today, 1));
    expect(kept.rowsRead).toBe(2 * all.length + 1);

    // A write naming no plan may have moved anything: every row is read again.
    await sql`UPDATE orgs SET name = name || '（更名）' WHERE id = ${t.fixture.a.bureauId}`.execute(t.db);
    expect(await kept.bundles(t.db, planOrgIds, only, today)).toEqual(await whole());
    expect(kept.rowsRead).toBe(3 * all.length + 1);

    // A task taken off the plan leaves the list.
    await sql`UPDATE plan_tasks SET deleted_at = now() WHERE id = ${all[0]!.id}`.execute(t.db);
    const less = await kept.bundles(t.db, planOrgIds, only, today);
    expect(less).toEqual(await whole());
    expect(less.map((r) => r.id)).not.toContain(all[0]!.id);
  });
});
