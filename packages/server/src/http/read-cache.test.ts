import { brotliDecompressSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeGenerationOf } from "../db/database.js";
import { taskScope } from "../db/write-generation.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";
import { within } from "../test/within.js";
import { CACHE_HEADER } from "./read-cache.js";

let t: TestContext;
let school: Session;
let dept: Session;
let plan: { planId: string; taskIds: string[] };

beforeAll(async () => {
  t = await createTestApp();
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  plan = await publishedPlan(t.db, t.fixture.a.bureauId);
}, 120_000);
afterAll(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ url, headers: s.headers });
const statusOf = (body: { tasks: { id: string; status: string }[] }, id: string) =>
  body.tasks.find((x) => x.id === id)?.status;

describe("read cache", () => {
  it("answers a repeated read from memory, with the same body", async () => {
    const [first, second] = await within(
      10,
      async () => [await get(school, "/api/tasks/mine"), await get(school, "/api/tasks/mine")] as const,
      ([, b]) => b.headers[CACHE_HEADER] === "hit",
    );
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers["content-type"]).toMatch(/^application\/json/);
    expect(second.headers[CACHE_HEADER]).toBe("hit");
  });

  it("sees a submission at once", async () => {
    const taskId = plan.taskIds[2]!;
    expect(statusOf((await get(school, "/api/tasks/mine")).json(), taskId)).toBe("not_started");
    const detail = await get(school, `/api/tasks/${taskId}`);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${taskId}/reports`,
      headers: school.headers,
      payload: { period: "2024-05", status: "in_progress", narrative: "已启动", percent: 10 },
    });
    expect(res.statusCode).toBe(201);
    const after = await get(school, "/api/tasks/mine");
    expect(after.headers[CACHE_HEADER]).not.toBe("hit");
    expect(statusOf(after.json(), taskId)).toBe("in_progress");
    const detailAfter = await get(school, `/api/tasks/${taskId}`);
    expect(detailAfter.json().reports).toHaveLength(detail.json().reports.length + 1);
  });

  it("sees a write made outside any request (a job, a migration, another module)", async () => {
    const taskId = plan.taskIds[2]!;
    await get(school, "/api/tasks/mine");
    await sql`UPDATE progress_reports SET status = 'blocked' WHERE task_id = ${taskId}`.execute(t.db);
    expect(statusOf((await get(school, "/api/tasks/mine")).json(), taskId)).toBe("blocked");
  });

  it("keeps each user's answers apart and does not keep errors", async () => {
    const mine = await get(school, "/api/tasks/mine");
    const theirs = await get(dept, "/api/tasks/mine");
    expect(theirs.headers[CACHE_HEADER]).not.toBe("hit");
    expect(theirs.body).not.toBe(mine.body);
    for (let i = 0; i < 2; i++) {
      const missing = await get(school, "/api/tasks/no-such-task");
      expect(missing.statusCode).toBe(404);
      expect(missing.headers[CACHE_HEADER]).toBeUndefined();
    }
  });
});

describe("read cache under concurrency", () => {
  it("computes an answer once for requests that arrive together, and gives each the same body", async () => {
    const misses = (answers: { headers: Record<string, unknown> }[]) =>
      answers.filter((a) => a.headers[CACHE_HEADER] === "miss");
    const answers = await within(
      10,
      async () => {
        const submitted = await t.app.inject({
          method: "POST",
          url: `/api/tasks/${plan.taskIds[2]}/reports`,
          headers: school.headers,
          payload: { period: "2024-06", status: "done", narrative: "完成", percent: 100 },
        });
        expect(submitted.statusCode).toBe(201);
        return Promise.all(Array.from({ length: 8 }, () => get(school, "/api/tasks/mine")));
      },
      (all) => misses(all).length === 1,
    );
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(misses(answers)).toHaveLength(1);
    expect(answers.filter((a) => a.headers[CACHE_HEADER] === "hit")).toHaveLength(7);
  });
});

describe("compressed answers", () => {
  it("sends JSON brotli-compressed to clients that accept it, cached or not, and still caches it", async () => {
    const plain = await get(school, "/api/tasks/mine");
    const answers = await within(
      10,
      async () => {
        const headers = { ...school.headers, "accept-encoding": "br, gzip" };
        return [
          await t.app.inject({ url: "/api/tasks/mine", headers }),
          await t.app.inject({ url: "/api/tasks/mine", headers }),
        ];
      },
      ([, second]) => second!.headers[CACHE_HEADER] === "hit",
    );
    for (const res of answers) {
      expect(res.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(plain.body);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    }
    expect(answers[1]!.headers[CACHE_HEADER]).toBe("hit");
  });
});

describe("read cache per plan", () => {
  // On PGlite a submission names its plan and moves only the answers drawn from it; on
  // PostgreSQL any commit moves every answer (db/data-version.ts).
  const perPlan = () => writeGenerationOf(t.db) !== undefined;
  let adminA: Session;
  let adminB: Session;
  let otherA: { planId: string; taskIds: string[] };
  let planB: { planId: string; taskIds: string[] };
  let period = 0;

  beforeAll(async () => {
    adminA = await loginAs(t.app, t.fixture.a.users.admin);
    adminB = await loginAs(t.app, t.fixture.b.users.admin);
    otherA = await publishedPlan(t.db, t.fixture.a.bureauId);
    planB = await publishedPlan(t.db, t.fixture.b.bureauId);
  }, 60_000);

  /** A submission to the first plan of region A, through the app. */
  const submitToPlanA = async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/tasks/${plan.taskIds[2]}/reports`,
      headers: school.headers,
      payload: {
        // Within the plan's year (2024); a repeated month is an update, still a write.
        period: `2024-${String((period % 12) + 1).padStart(2, "0")}`,
        status: "in_progress",
        percent: 30,
        narrative: "按计划推进",
      },
    });
    expect(res.statusCode).toBe(201);
    period++;
  };
  const pause = () => new Promise((r) => setTimeout(r, 200));
  /** Holds the database in an open transaction until the returned function is called. */
  const holdDatabase = () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const held = t.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await gate;
    });
    return async () => {
      open();
      await held;
    };
  };
  const cacheOf = async (s: Session, url: string) => (await get(s, url)).headers[CACHE_HEADER];
  /** Reads each URL until it is cached, writes, then reads each again: the cache header of each. */
  const afterWrite = async (reads: [Session, string][], write: () => Promise<void>) => {
    for (const [s, url] of reads)
      await within(
        5,
        () => cacheOf(s, url),
        (c) => c === "hit",
      );
    await write();
    return Promise.all(reads.map(([s, url]) => cacheOf(s, url)));
  };

  it("keeps region B's answers cached when region A's plan is written", async () => {
    const reads: [Session, string][] = [
      [adminB, `/api/plans/${planB.planId}/completion`],
      [adminB, `/api/tasks?planId=${planB.planId}`],
      [adminB, "/api/tasks/mine"],
      [adminB, `/api/tasks/${planB.taskIds[0]}`],
    ];
    const headers = await within(
      10,
      () => afterWrite(reads, submitToPlanA),
      (h) => !perPlan() || h.every((c) => c === "hit"),
    );
    expect(headers).toEqual(reads.map(() => (perPlan() ? "hit" : "miss")));
  });

  it("keeps another plan's answers, and the detail of the plan's other tasks, cached; moves the written plan's and its dashboard", async () => {
    const taskId = plan.taskIds[2];
    const kept: [Session, string][] = [
      // Another task of the written plan: a report is a write to its own task only.
      [adminA, `/api/tasks/${plan.taskIds[0]}`],
      [adminA, `/api/plans/${otherA.planId}/completion`],
      [adminA, `/api/plans/${otherA.planId}/indicators`],
      [adminA, `/api/tasks?planId=${otherA.planId}`],
      [adminA, `/api/dashboard?planId=${otherA.planId}`],
    ];
    const moved: [Session, string][] = [
      [adminA, `/api/plans/${plan.planId}/completion`],
      [adminA, `/api/dashboard?planId=${plan.planId}`],
      [adminA, `/api/tasks?planId=${plan.planId}`],
      [school, "/api/tasks/mine"],
      [school, `/api/tasks/${taskId}`],
    ];
    const before = (await get(adminA, `/api/tasks/${taskId}`)).json().reports.length;
    const headers = await within(
      10,
      () => afterWrite([...kept, ...moved], submitToPlanA),
      (h) => !perPlan() || h.slice(0, kept.length).every((c) => c === "hit"),
    );
    expect(headers.slice(0, kept.length)).toEqual(kept.map(() => (perPlan() ? "hit" : "miss")));
    expect(headers.slice(kept.length)).toEqual(moved.map(() => "miss"));
    // The written plan's answers are recomputed with the write in them.
    expect((await get(adminA, `/api/tasks/${taskId}`)).json().reports).toHaveLength(before + 1);
  });

  it("lets requests that come after a write to another plan share an answer being computed", async () => {
    if (!perPlan()) return; // on PostgreSQL any commit moves every answer
    const generation = writeGenerationOf(t.db)!;
    await submitToPlanA(); // the school's list, if cached, goes
    // The database is held, so the first request's answer stays in the making while region B's
    // plan is written (the write generation moves, as a commit does) and seven more arrive.
    const release = holdDatabase();
    const first = get(school, "/api/tasks/mine");
    await pause();
    generation.bump([taskScope(planB.planId, planB.taskIds[0]!)]);
    const later = Array.from({ length: 7 }, () => get(school, "/api/tasks/mine"));
    await pause();
    await release();
    const answers = await Promise.all([first, ...later]);
    expect(answers.map((a) => a.headers[CACHE_HEADER])).toEqual(["miss", ...later.map(() => "hit")]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it("answers those who came before a write with the answer being computed, and computes anew once for those after", async () => {
    if (!perPlan()) return; // the write is simulated by moving the write generation (PGlite)
    const generation = writeGenerationOf(t.db)!;
    await submitToPlanA();
    // The first request's answer is in the making (the database is held) while three more come,
    // then a report on one of the school's own tasks commits, then three more come.
    const release = holdDatabase();
    const first = get(school, "/api/tasks/mine");
    await pause();
    const before = Array.from({ length: 3 }, () => get(school, "/api/tasks/mine"));
    await pause();
    generation.bump([taskScope(plan.planId, plan.taskIds[2]!)]);
    const after = Array.from({ length: 3 }, () => get(school, "/api/tasks/mine"));
    await pause();
    await release();
    const answers = await Promise.all([first, ...before, ...after]);
    const headers = answers.map((a) => a.headers[CACHE_HEADER]);
    expect(headers.slice(0, 4)).toEqual(["miss", "hit", "hit", "hit"]);
    // Those after the write are not served the answer begun before it: one computes, two share.
    expect(headers.slice(4).sort()).toEqual(["hit", "hit", "miss"]);
    // That first answer was not kept; the one computed after the write was.
    const again = await get(school, "/api/tasks/mine");
    expect(again.headers[CACHE_HEADER]).toBe("hit");
    expect(again.body).toBe(answers[6]!.body);
  });

  it("moves every answer on a write that names no plan (a job, a migration, a raw statement)", async () => {
    const reads: [Session, string][] = [
      [adminB, `/api/plans/${planB.planId}/completion`],
      [adminA, `/api/plans/${otherA.planId}/completion`],
    ];
    const raw = async () => {
      await sql`UPDATE progress_reports SET narrative = 'raw' WHERE task_id = ${plan.taskIds[2]}`.execute(t.db);
    };
    expect(await afterWrite(reads, raw)).toEqual(["miss", "miss"]);
  });
});
