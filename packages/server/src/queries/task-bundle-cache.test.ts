import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/database.js";
import { taskScope, writesTo } from "../db/write-generation.js";
import type { TaskBundle } from "./queries.repository.js";
import { type TaskBundleCache, taskBundleCacheOf } from "./task-bundle-cache.js";

let db: Database;
let cache: TaskBundleCache;
const tasks = [
  { id: "t1", plan_id: "p1" },
  { id: "t2", plan_id: "p1" },
  { id: "t3", plan_id: "p2" },
];
/** The ids each load was asked for, and a counter that tells a recomputed bundle from a kept one. */
let loads: string[][] = [];
let computed = 0;
const load = async (ids: string[]) => {
  loads.push(ids);
  computed++;
  return tasks
    .filter((t) => ids.includes(t.id))
    .map((t) => ({ ...t, title: `${t.id}@${computed}` }) as unknown as TaskBundle);
};
const titles = async (today = "2026-12-05", of = tasks) => (await cache.bundles(of, today, load)).map((b) => b.title);
/** A committed write that says it changed only these scopes (or, with none, anything). */
const write = (scopes?: string[]) =>
  sql`${sql.raw(scopes ? writesTo(scopes) : "")}UPDATE marks SET n = n + 1`.execute(db);

beforeAll(async () => {
  db = await openDatabase({ kind: "pglite" });
  await sql`CREATE TABLE marks (n int)`.execute(db);
  await sql`INSERT INTO marks VALUES (0)`.execute(db);
  cache = taskBundleCacheOf(db)!;
}, 60_000);
afterAll(() => db.destroy());

describe("TaskBundleCache (embedded database)", () => {
  it("computes a task's bundle again only after a write to that task or its plan as a whole", async () => {
    expect(await titles()).toEqual(["t1@1", "t2@1", "t3@1"]);
    expect(await titles()).toEqual(["t1@1", "t2@1", "t3@1"]);
    expect(loads).toEqual([["t1", "t2", "t3"]]);

    await write([taskScope("p1", "t2")]);
    expect(await titles()).toEqual(["t1@1", "t2@2", "t3@1"]);
    expect(loads.at(-1)).toEqual(["t2"]);

    // A write to plan p1 as a whole (not through one task) moves its tasks, not p2's.
    await write(["p:p1"]);
    expect(await titles()).toEqual(["t1@3", "t2@3", "t3@1"]);

    await write();
    expect(await titles()).toEqual(["t1@4", "t2@4", "t3@4"]);
  });

  it("keeps bundles per day, and gives them in the order asked, leaving out tasks that are gone", async () => {
    loads = [];
    await titles("2026-12-06");
    expect(loads).toEqual([["t1", "t2", "t3"]]);
    const reversed = [...tasks].reverse();
    expect(await titles("2026-12-06", reversed)).toEqual(await titles("2026-12-06").then((t) => t.reverse()));
    expect(await titles("2026-12-06", [{ id: "gone", plan_id: "p1" }, tasks[0]!])).toHaveLength(1);
  });

  it("does not keep a bundle its task was written to while it was computed", async () => {
    loads = [];
    const racing = async (ids: string[]) => {
      const bundles = await load(ids);
      await write([taskScope("p2", "t3")]);
      return bundles;
    };
    await cache.bundles(tasks, "2026-12-07", racing);
    await titles("2026-12-07");
    expect(loads).toEqual([["t1", "t2", "t3"], ["t3"]]);
  });

  it("is absent on PostgreSQL-like databases without a write generation", () => {
    expect(taskBundleCacheOf({} as Database)).toBeUndefined();
  });
});
