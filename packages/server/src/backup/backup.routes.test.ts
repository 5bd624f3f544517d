import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { App } from "../http/types.js";
import { createTestApp, freshDatabase, loginAs, type Session, type TestContext } from "../test/app.js";
import { populateWithBlobs } from "../test/backup.js";
import { PASSWORD } from "../test/fixture.js";
import { createUser } from "../users/users.service.js";
import { type BackupRecord, BackupService } from "./backup-service.js";
import { verifyBackup } from "./restore.js";
import { testRestore } from "./test-restore.js";
import { backup } from "./write-backup.js";

let t: TestContext;
let root: Session;
beforeAll(async () => {
  t = await createTestApp();
  await populateWithBlobs(t);
  // An admin at the province sees both bureaus, so every region stored.
  await createUser(t.db, null, {
    orgId: t.fixture.provinceId,
    username: "province_admin",
    displayName: "省级管理员",
    password: PASSWORD,
    role: "admin",
  });
  root = await loginAs(t.app, "province_admin");
}, 120_000);
afterAll(() => t.close());

async function finished(app: App, id: string, headers: Record<string, string>): Promise<BackupRecord> {
  for (let i = 0; i < 600; i++) {
    const res = await app.inject({ url: `/api/admin/backups/${id}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const record = res.json().backup as BackupRecord;
    if (record.status !== "running" && record.verify.status !== "pending") return record;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("backup did not finish");
}

describe("backups through the running server", () => {
  it("an admin who sees every region starts one, it is test-restored, listed, downloaded and audited", async () => {
    const start = await t.app.inject({ method: "POST", url: "/api/admin/backups", headers: root.headers });
    expect(start.statusCode, start.body).toBe(202);
    const again = await t.app.inject({ method: "POST", url: "/api/admin/backups", headers: root.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("BACKUP_RUNNING");

    const record = await finished(t.app, start.json().backup.id, root.headers);
    expect(record).toMatchObject({ status: "done", kind: "manual", verify: { status: "ok" }, files: 9 });
    const list = await t.app.inject({ url: "/api/admin/backups", headers: root.headers });
    expect(list.json().backups.map((b: BackupRecord) => b.id)).toContain(record.id);
    expect(list.json().policy).toMatchObject({ keepDaily: 7, keepWeekly: 4 });

    const download = await t.app.inject({ url: `/api/admin/backups/${record.id}/download`, headers: root.headers });
    expect(download.statusCode).toBe(200);
    const path = join(mkdtempSync(join(tmpdir(), "luoshi-dl-")), "b.luoshi-backup");
    writeFileSync(path, download.rawPayload);
    const checked = await verifyBackup(path, t.db);
    expect(checked.end.sha256).toBe(record.sha256);
    expect(checked.counts.rows).toBe(record.rows);

    const audit = await t.db.selectFrom("audit_events").selectAll().where("entity", "=", "backup").execute();
    const actions = audit.filter((a) => a.entity_id === record.id).map((a) => `${a.region_id}:${a.action}`);
    const regions = (await t.db.selectFrom("orgs").select("region_id").distinct().execute()).length;
    expect(actions.filter((a) => a.endsWith(":create"))).toHaveLength(regions);
    expect(actions.filter((a) => a.endsWith(":download"))).toHaveLength(regions);
  }, 180_000);

  it("a bureau admin, who does not see the other bureau, is refused", async () => {
    const admin = await loginAs(t.app, t.fixture.a.users.admin);
    const res = await t.app.inject({ url: "/api/admin/backups", headers: admin.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("BACKUP_OTHER_REGIONS");
  });

  it("the local admin token of `luoshi backup` is accepted, a wrong one is not", async () => {
    const config = loadConfig({ LUOSHI_DATA_DIR: t.dataDir, LUOSHI_BACKUP_SCHEDULE: "off" }, { dataDir: t.dataDir });
    const app = await buildApp({ db: t.db, config, files: t.files, localAdminToken: "a".repeat(64) });
    try {
      const wrong = await app.inject({
        url: "/api/admin/backups",
        headers: { authorization: `Bearer ${"b".repeat(64)}` },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await app.inject({
        url: "/api/admin/backups",
        headers: { authorization: `Bearer ${"a".repeat(64)}` },
      });
      expect(right.statusCode, right.body).toBe(200);
      // The token opens the backup routes only.
      const other = await app.inject({ url: "/api/audit", headers: { authorization: `Bearer ${"a".repeat(64)}` } });
      expect(other.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it("an admin verifies a backup again: the file as written passes, an altered or replaced one fails", async () => {
    const [latest] = (await t.app.inject({ url: "/api/admin/backups", headers: root.headers })).json()
      .backups as BackupRecord[];
    const file = join(t.dataDir, "backups", `${latest!.id}.luoshi-backup`);
    const written = readFileSync(file);
    const verify = async (id: string) => {
      const res = await t.app.inject({ method: "POST", url: `/api/admin/backups/${id}/verify`, headers: root.headers });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().backup.verify.status).toBe("pending");
      const listed = (await t.app.inject({ url: "/api/admin/backups", headers: root.headers })).json().backups;
      expect(listed.find((b: BackupRecord) => b.id === id).verify.status).toBe("pending");
      return finished(t.app, id, root.headers);
    };

    const again = await verify(latest!.id);
    expect(again.verify).toMatchObject({ status: "ok", message: null });
    expect(again.verify.at! > latest!.verify.at!).toBe(true);

    writeFileSync(file, written.toString("utf8").replace('"name":"基础教育股"', '"name":"基本教育股"'));
    const altered = await verify(latest!.id);
    expect(altered.verify).toMatchObject({ status: "failed", message: expect.stringContaining("已损坏或被改动") });
    // Nothing is written by a test restore anyway: the restore's reassurance is left out.
    expect(altered.verify.message).not.toContain("未写入");
    // The outcome is kept with the backup: the next listing, and the retention rule, see it.
    const listed = (await t.app.inject({ url: "/api/admin/backups", headers: root.headers })).json().backups;
    expect(listed.find((b: BackupRecord) => b.id === latest!.id).verify.status).toBe("failed");

    // Another valid backup put in this one's place (written aside: a second one through the server
    // would take this one's slot of the day under the retention rule).
    const other = join(mkdtempSync(join(tmpdir(), "luoshi-other-")), "other.luoshi-backup");
    await backup(t.db, t.files, other);
    writeFileSync(file, readFileSync(other));
    const replaced = await verify(latest!.id);
    expect(replaced.verify).toMatchObject({ status: "failed", message: expect.stringContaining("已被替换") });

    writeFileSync(file, written);
    expect((await verify(latest!.id)).verify.status).toBe("ok");
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity", "=", "backup")
      .where("entity_id", "=", latest!.id)
      .where("action", "=", "verify")
      .execute();
    const regions = (await t.db.selectFrom("orgs").select("region_id").distinct().execute()).length;
    expect(audit).toHaveLength(4 * regions);

    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/admin/backups/20990101-000000-abcdef/verify",
      headers: root.headers,
    });
    expect(unknown.statusCode).toBe(404);
    const bureau = await loginAs(t.app, t.fixture.a.users.admin);
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/admin/backups/${latest!.id}/verify`,
      headers: bureau.headers,
    });
    expect(refused.statusCode).toBe(403);
  }, 300_000);

  it("one job at a time: a backup asked for during a verification is refused, a scheduled one waits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "luoshi-jobs-"));
    const service = new BackupService({
      db: t.db,
      files: t.files,
      config: { dir, schedule: null, keepDaily: 7, keepWeekly: 4 },
      scratch: freshDatabase,
    });
    const first = await service.start("manual", { userId: null }).done;
    const verifying = service.verify(first.id, { userId: null });
    expect(service.list()[0]!.verify.status).toBe("pending");
    expect(() => service.start("manual", { userId: null })).toThrow(
      expect.objectContaining({ code: "BACKUP_RUNNING" }),
    );
    expect(() => service.verify(first.id, { userId: null })).toThrow(
      expect.objectContaining({ code: "BACKUP_RUNNING" }),
    );
    await service.whenIdle();
    expect((await verifying.done).verify.status).toBe("ok");
    const next = await service.start("scheduled", { userId: null }).done;
    expect(next.verify.status).toBe("ok");
  }, 120_000);

  it("a test restore of an altered file reports the failure", async () => {
    const record = (await t.app.inject({ url: "/api/admin/backups", headers: root.headers })).json()
      .backups[0] as BackupRecord;
    const original = join(t.dataDir, "backups", `${record.id}.luoshi-backup`);
    const altered = join(mkdtempSync(join(tmpdir(), "luoshi-alt-")), "x.luoshi-backup");
    writeFileSync(altered, readFileSync(original, "utf8").replace('"name":"基础教育股"', '"name":"基本教育股"'));
    const outcome = await testRestore(
      altered,
      { rows: 0, files: 0, tables: {}, sha256: record.sha256! },
      freshDatabase,
    );
    expect(outcome.status).toBe("failed");
    expect(outcome.message).toContain("已损坏");
  }, 60_000);
});
