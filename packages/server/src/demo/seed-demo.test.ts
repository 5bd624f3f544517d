import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { diskFileStore } from "../files/file-store.js";
import { freshDatabase } from "../test/app.js";
import { seedDemo } from "./seed-demo.js";

let target: Awaited<ReturnType<typeof freshDatabase>>;
let db: Database;
beforeAll(async () => {
  target = await freshDatabase();
  db = target.db;
}, 120_000);
afterAll(() => target.drop());

describe("demo seed", () => {
  it("creates a county bureau, its plan through the parser, and progress history", async () => {
    const { logins, planId } = await seedDemo(db, new Date("2024-05-15T08:00:00Z"));
    const count = async (kind: "department" | "school") =>
      (await db.selectFrom("orgs").select("id").where("kind", "=", kind).execute()).length;
    expect(await count("department")).toBe(12);
    expect(await count("school")).toBe(40);
    expect(logins.map((l) => l.role).sort()).toEqual(["admin", "dept_head", "leader", "school_reporter", "supervisor"]);
    const tasks = await db.selectFrom("plan_tasks").select("id").where("plan_id", "=", planId).execute();
    expect(tasks.length).toBe(15);
    const reports = await db.selectFrom("progress_reports").select("period").execute();
    expect(new Set(reports.map((r) => r.period))).toEqual(new Set(["2024-01", "2024-02", "2024-03", "2024-04"]));

    const app = await buildApp({ db, config: loadConfig({}), files: diskFileStore("/nonexistent") });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "jijiao", password: logins[0]!.password },
    });
    expect(login.statusCode).toBe(200);
    await app.close();
  }, 120_000);
});
