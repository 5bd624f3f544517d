import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { App } from "../http/types.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";
import { CACHE_HEADER } from "./read-cache.js";

/**
 * No stale read, whatever the writes: after any sequence of writes (submissions to plans of two
 * regions, a status run, a raw statement naming no plan) every cached read answers exactly what
 * the same read answers from a server without the cache, on the same database.
 */
let t: TestContext;
let uncached: App;
type Plan = { planId: string; taskIds: string[]; assignees: { taskId: string; orgId: string }[] };
let plans: Plan[];
let sessions: Record<"adminA" | "adminB" | "school" | "dept", Session>;
let hits = 0;

async function planWithAssignees(bureauId: string): Promise<Plan> {
  const plan = await publishedPlan(t.db, bureauId);
  const assignees = await t.db
    .selectFrom("assignments")
    .select(["task_id as taskId", "org_id as orgId"])
    .where("task_id", "in", plan.taskIds)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
  return { ...plan, assignees };
}

beforeAll(async () => {
  t = await createTestApp();
  uncached = await buildApp({ db: t.db, config: { ...t.config, readCache: false }, files: t.files });
  await uncached.ready();
  sessions = {
    adminA: await loginAs(t.app, t.fixture.a.users.admin),
    adminB: await loginAs(t.app, t.fixture.b.users.admin),
    school: await loginAs(t.app, t.fixture.a.users.school_reporter),
    dept: await loginAs(t.app, t.fixture.a.users.dept_head),
  };
  // Two plans in region A, one in region B.
  plans = [
    await planWithAssignees(t.fixture.a.bureauId),
    await planWithAssignees(t.fixture.a.bureauId),
    await planWithAssignees(t.fixture.b.bureauId),
  ];
}, 120_000);
afterAll(async () => {
  await uncached?.close();
  await t.close();
});

/** Every cached read of the plans, by the users who see them. */
function reads(): [keyof typeof sessions, string][] {
  const [a1, a2, b] = plans as [Plan, Plan, Plan];
  return [
    ["adminA", `/api/plans/${a1.planId}/completion`],
    ["adminA", `/api/plans/${a2.planId}/completion`],
    ["adminA", `/api/plans/${a1.planId}/indicators`],
    ["adminA", `/api/tasks?planId=${a1.planId}`],
    ["adminA", `/api/tasks?planId=${a2.planId}&supervision=overdue`],
    ["adminA", `/api/dashboard?planId=${a1.planId}`],
    ["adminA", `/api/dashboard?planId=${a2.planId}`],
    ["adminA", `/api/tasks/${a1.taskIds[0]}`],
    ["adminA", "/api/tasks/overdue"],
    ["school", "/api/tasks/mine"],
    ["dept", "/api/tasks/mine"],
    ["dept", `/api/tasks/${a2.taskIds[1]}`],
    ["adminB", `/api/plans/${b.planId}/completion`],
    ["adminB", `/api/tasks?planId=${b.planId}`],
    ["adminB", "/api/tasks/mine"],
  ];
}

type Write =
  | { kind: "submit"; plan: number; assignee: number; month: number; percent: number }
  | { kind: "status-run" }
  | { kind: "raw"; plan: number };

const writeArb: fc.Arbitrary<Write> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("submit" as const),
      plan: fc.nat(2),
      assignee: fc.nat(200),
      month: fc.integer({ min: 1, max: 12 }),
      percent: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("status-run" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("raw" as const), plan: fc.nat(2) }) },
);

async function apply(w: Write) {
  if (w.kind === "status-run") {
    for (const admin of [sessions.adminA, sessions.adminB]) {
      const res = await t.app.inject({ method: "POST", url: "/api/supervision/status/run", headers: admin.headers });
      expect(res.statusCode).toBe(200);
    }
    return;
  }
  const plan = plans[w.plan]!;
  if (w.kind === "raw") {
    // A statement outside any route, naming no plan: a task's title changes.
    await sql`UPDATE plan_tasks SET title = title || '。' WHERE id = ${plan.taskIds[0]}`.execute(t.db);
    return;
  }
  const a = plan.assignees[w.assignee % plan.assignees.length]!;
  const admin = w.plan === 2 ? sessions.adminB : sessions.adminA;
  const res = await t.app.inject({
    method: "POST",
    url: `/api/tasks/${a.taskId}/reports`,
    headers: admin.headers,
    payload: {
      orgId: a.orgId,
      period: `2024-${String(w.month).padStart(2, "0")}`,
      status: w.percent === 100 ? "done" : "in_progress",
      percent: w.percent,
      narrative: "本月推进情况",
    },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** Each read from the cached server (twice: the second may be a hit) equals the uncached server's. */
async function expectFresh(label: string) {
  for (const [who, url] of reads()) {
    const headers = sessions[who].headers;
    const truth = await uncached.inject({ url, headers });
    expect(truth.statusCode, `${label} ${who} ${url}`).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ url, headers });
      if (res.headers[CACHE_HEADER] === "hit") hits++;
      expect(res.json(), `${label} ${who} ${url}`).toEqual(truth.json());
    }
  }
}

describe("read cache: no stale read", () => {
  it("after any writes, every cached read equals an uncached read of the same data", async () => {
    await expectFresh("start");
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 4 }), async (writes) => {
        for (const [i, w] of writes.entries()) {
          await apply(w);
          await expectFresh(`after write ${i} ${JSON.stringify(w)}`);
        }
      }),
      { numRuns: Number(process.env.LUOSHI_CACHE_PROPERTY_RUNS ?? 12), endOnFailure: true },
    );
    // The cache was in play: answers left standing by writes elsewhere came from memory.
    expect(hits).toBeGreaterThan(reads().length);
  }, 600_000);
});
