import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { loadMigrations, migrate } from "./migrate.js";

describe("migration 0007: usernames unique regardless of case", () => {
  it("keeps the oldest of existing case-variants, renames the others with an audit event, then enforces it", async () => {
    const db = await openDatabase({ kind: "pglite" });
    try {
      const all = loadMigrations();
      await migrate(
        db,
        all.filter((m) => m.name < "0007"),
      );
      await sql`INSERT INTO orgs (region_id, id, name, kind) VALUES ('r1', 'r1', '某县教育局', 'bureau')`.execute(db);
      for (const [id, username, at] of [
        ["u1", "Admin", "2024-01-01"],
        ["u2", "admin", "2024-02-01"],
        ["u3", "ADMIN", "2024-03-01"],
        ["u4", "other", "2024-01-01"],
      ] as const)
        await sql`INSERT INTO users (region_id, id, org_id, username, display_name, password_hash, role, created_at)
          VALUES ('r1', ${id}, 'r1', ${username}, ${username}, 'x', 'leader', ${at})`.execute(db);
      await migrate(db, all);
      const users = await db.selectFrom("users").select(["id", "username"]).orderBy("id").execute();
      expect(users).toEqual([
        { id: "u1", username: "Admin" },
        { id: "u2", username: "admin-dup-u2" },
        { id: "u3", username: "ADMIN-dup-u3" },
        { id: "u4", username: "other" },
      ]);
      const audit = await db
        .selectFrom("audit_events")
        .select(["entity_id", "action", "before", "after"])
        .orderBy("entity_id")
        .execute();
      expect(audit).toEqual([
        { entity_id: "u2", action: "rename", before: { username: "admin" }, after: { username: "admin-dup-u2" } },
        { entity_id: "u3", action: "rename", before: { username: "ADMIN" }, after: { username: "ADMIN-dup-u3" } },
      ]);
      await expect(
        sql`INSERT INTO users (region_id, id, org_id, username, display_name, password_hash, role)
          VALUES ('r1', 'u5', 'r1', 'OTHER', 'x', 'x', 'leader')`.execute(db),
      ).rejects.toThrow();
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
