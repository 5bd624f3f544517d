import { describe, expect, it } from "vitest";
import { mayWrite, planScope, splitWriteScope, taskScope, WriteGeneration, writesTo } from "./write-generation.js";

describe("mayWrite", () => {
  it("counts data-changing statements in any form", () => {
    for (const sql of [
      'insert into "orgs" ("id") values ($1)',
      "UPDATE progress_reports SET deleted_at = now() WHERE id = $1",
      "delete from sessions where token_hash = $1",
      "WITH moved AS (UPDATE plans SET status = 'published' RETURNING id) SELECT * FROM moved",
      "select * from orgs for update",
      "CREATE INDEX x ON y (z)",
    ])
      expect(mayWrite(sql), sql).toBe(true);
  });

  it("lets reads and transaction control through", () => {
    for (const sql of [
      'select "id", "updated_at", "deleted_at" from "plans" where "id" = $1',
      "SELECT json_agg(json_build_object('id', t.id)) FROM plan_tasks t",
      "begin",
      "commit",
      "rollback",
    ])
      expect(mayWrite(sql), sql).toBe(false);
  });
});

describe("WriteGeneration per scope", () => {
  it("moves answers of the scopes written, and every answer on a write of unknown scope", () => {
    const g = new WriteGeneration();
    const [p1, p2] = [planScope("plan-1"), planScope("plan-2")];
    const since = g.value;
    expect(g.changedSince(since, [p1])).toBe(false);
    g.bump([p1]);
    expect(g.changedSince(since, [p1])).toBe(true);
    expect(g.changedSince(since, [p2])).toBe(false);
    expect(g.changedSince(since, [])).toBe(false);
    expect(g.changedSince(since, undefined)).toBe(true);
    expect(g.changedSince(g.value, [p1])).toBe(false);
    const later = g.value;
    g.bump();
    expect(g.changedSince(later, [p2])).toBe(true);
    expect(g.changedSince(later, [])).toBe(true);
  });

  it("nests tasks in their plan: a task's write moves its plan and itself, a plan's write moves all its tasks", () => {
    const g = new WriteGeneration();
    const [plan, other] = [planScope("p/1"), planScope("p2")];
    const [t1, t2, elsewhere] = [taskScope("p/1", "t1"), taskScope("p/1", "t/2"), taskScope("p2", "t1")];
    let since = g.value;
    g.bump([t1]);
    expect(g.changedSince(since, [t1])).toBe(true);
    expect(g.changedSince(since, [plan])).toBe(true);
    expect(g.changedSince(since, [t2])).toBe(false);
    expect(g.changedSince(since, [other, elsewhere])).toBe(false);
    since = g.value;
    g.bump([plan]);
    expect(g.changedSince(since, [t1])).toBe(true);
    expect(g.changedSince(since, [t2])).toBe(true);
    expect(g.changedSince(since, [plan])).toBe(true);
    expect(g.changedSince(since, [elsewhere])).toBe(false);
    since = g.value;
    g.bump();
    expect(g.changedSince(since, [t2])).toBe(true);
    // A task's scope never reads as another plan's, whatever the ids hold.
    expect(taskScope("a", "b/t:c")).not.toBe(taskScope("a/t:b", "c"));
  });

  it("reads the scopes a statement names and gives its text back without them", () => {
    const marked = `${writesTo([planScope("a*/b c"), planScope("p2")])}INSERT INTO t VALUES ($1)`;
    expect(splitWriteScope(marked)).toEqual({
      sql: "INSERT INTO t VALUES ($1)",
      scopes: [planScope("a*/b c"), planScope("p2")],
    });
    expect(planScope("a*/b c")).not.toMatch(/\*\/| /);
    expect(splitWriteScope("UPDATE t SET x = 1 /* luoshi:writes p:x */")).toEqual({
      sql: "UPDATE t SET x = 1 /* luoshi:writes p:x */",
      scopes: undefined,
    });
  });
});
