import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/auth.service.js";
import { diskFileStore } from "../files/file-store.js";
import { storeEvidence } from "../files/files.service.js";
import { createTestApp, freshDatabase, loginAs, rowCounts, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";
import { backup, restore, tablesInOrder } from "./backup.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

const withoutHeader = (path: string) => readFileSync(path, "utf8").split("\n").slice(1).join("\n");

describe("backup and restore", () => {
  it("covers every table a migration creates, parents before children, but not sessions", async () => {
    const names = (await tablesInOrder(t.db)).map((x) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(["orgs", "plans", "plan_tasks", "progress_reports", "placement_runs"]),
    );
    expect(names).not.toContain("sessions");
    expect(names).not.toContain("schema_migrations");
    expect(names.indexOf("orgs")).toBeLessThan(names.indexOf("users"));
  });

  it("a round trip restores every row and file exactly", async () => {
    await publishedPlan(t.db, t.fixture.a.bureauId);
    const session = await loginAs(t.app, t.fixture.a.users.school_reporter);
    const actor = (await authenticate(t.db, session.cookie.split("=")[1]!))!.actor;
    await storeEvidence(t.db, t.files, actor, {
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2]),
      filename: "证明.pdf",
    });

    const dir = mkdtempSync(join(tmpdir(), "luoshi-backup-"));
    const first = join(dir, "a.jsonl");
    const written = await backup(t.db, t.files, first);
    expect(written.files).toBe(1);

    const target = await freshDatabase();
    const files = diskFileStore(join(dir, "files"));
    try {
      const restored = await restore(target.db, files, first);
      expect(restored).toEqual(written);
      expect(await rowCounts(target.db)).toEqual(await rowCounts(t.db));
      const second = join(dir, "b.jsonl");
      await backup(target.db, files, second);
      expect(withoutHeader(second)).toEqual(withoutHeader(first));
      await expect(restore(target.db, files, first)).rejects.toThrow(/empty/);
    } finally {
      await target.drop();
    }
  }, 120_000);
});
