import { describe, expect, it } from "vitest";
import { mayWrite } from "./write-generation.js";

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
