import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { AppError } from "../errors.js";
import { diskFileStore } from "../files/file-store.js";
import { storeEvidence } from "../files/files.service.js";
import { placementMultipart } from "../placement/placement.fixtures.js";
import { createTestApp, freshDatabase, loginAs, type TestContext } from "../test/app.js";
import { actorByUsername, dumpTables, populateWithBlobs, storedBlobs, withoutRestoreAudit } from "../test/backup.js";
import { restore, verifyBackup } from "./restore.js";
import { tablesInOrder } from "./tables.js";
import { backup } from "./write-backup.js";

let t: TestContext;
let placementId: string;
let dir: string;
let good: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ placementId } = await populateWithBlobs(t));
  dir = mkdtempSync(join(tmpdir(), "luoshi-backup-"));
  good = join(dir, "good.luoshi-backup");
  await backup(t.db, t.files, good);
}, 120_000);
afterAll(() => t.close());

/** Restores into a fresh database and file store; gives them to `check`, then drops them. */
async function intoFresh<T>(
  check: (target: Awaited<ReturnType<typeof freshDatabase>>, filesRoot: string) => Promise<T>,
): Promise<T> {
  const target = await freshDatabase();
  const filesRoot = mkdtempSync(join(tmpdir(), "luoshi-restore-files-"));
  try {
    return await check(target, filesRoot);
  } finally {
    await target.drop();
  }
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

/** One empty target for every refusal: each must leave it empty (no row in any table, no blob). */
let empty: { db: Awaited<ReturnType<typeof freshDatabase>>; filesRoot: string } | undefined;
afterAll(() => empty?.db.drop());

async function expectRefused(path: string, code: string) {
  empty ??= { db: await freshDatabase(), filesRoot: mkdtempSync(join(tmpdir(), "luoshi-restore-files-")) };
  const { db, filesRoot } = empty;
  expect(await codeOf(restore(db.db, diskFileStore(filesRoot), path))).toBe(code);
  const dump = await dumpTables(db.db);
  expect(Object.entries(dump).filter(([, rows]) => rows.length > 0)).toEqual([]);
  expect(storedBlobs(filesRoot)).toEqual([]);
}

describe("backup and restore", () => {
  it("covers every table a migration creates, parents before children, but not sessions", async () => {
    const names = (await tablesInOrder(t.db)).map((x) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(["orgs", "plans", "plan_tasks", "progress_reports", "placement_runs", "bulletins"]),
    );
    expect(names).not.toContain("sessions");
    expect(names).not.toContain("schema_migrations");
    expect(names.indexOf("orgs")).toBeLessThan(names.indexOf("users"));
  });

  it("a round trip restores every row and every blob, and placement downloads and verify work after it", async () => {
    const source = await dumpTables(t.db);
    const verified = await verifyBackup(good, t.db);
    expect(verified.counts.rows).toBe(Object.values(source).reduce((n, rows) => n + rows.length, 0));
    // Evidence, bulletin docx + xlsx, placement roster, teachers, commitment notice, result, classes, notice.
    expect(verified.counts.files).toBe(9);
    await intoFresh(async (target, filesRoot) => {
      const files = diskFileStore(filesRoot);
      const counts = await restore(target.db, files, good);
      expect(counts).toEqual({ ...verified.counts, sha256: verified.end.sha256 });
      expect(withoutRestoreAudit(await dumpTables(target.db))).toEqual(source);
      expect(storedBlobs(filesRoot)).toEqual(storedBlobs(join(t.dataDir, "files")));

      const config = loadConfig({}, { dataDir: filesRoot, loginAttemptsPerMinute: 100_000 });
      const app = await buildApp({ db: target.db, config, files });
      try {
        const admin = await loginAs(app, t.fixture.a.users.admin);
        for (const kind of ["result", "classes", "notice"]) {
          const url = `/api/placements/${placementId}/files/${kind}`;
          const before = await t.app.inject({ url, headers: (await loginAs(t.app, t.fixture.a.users.admin)).headers });
          const after = await app.inject({ url, headers: admin.headers });
          expect(after.statusCode, after.body).toBe(200);
          expect(after.rawPayload.equals(before.rawPayload)).toBe(true);
        }
        const body = placementMultipart({});
        const verify = await app.inject({
          method: "POST",
          url: `/api/placements/${placementId}/verify`,
          headers: { ...admin.headers, ...body.headers },
          payload: body.payload,
        });
        expect(verify.statusCode, verify.body).toBe(200);
        expect(verify.json().ok).toBe(true);
      } finally {
        await app.close();
      }
    });
  }, 120_000);

  it("a backup taken during a stream of writes restores exactly the snapshot it read", async () => {
    const reporter = await actorByUsername(t.db, t.fixture.a.users.school_reporter);
    let writing = true;
    let written = 0;
    const stream = (async () => {
      while (writing) {
        const bytes = new TextEncoder().encode(`证明材料 ${written} ${randomBytes(16).toString("hex")}`);
        await storeEvidence(t.db, t.files, reporter, { bytes, filename: `证明${written}.txt` });
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const path = join(dir, "during-writes.luoshi-backup");
    let atSnapshot: Record<string, string[]> | undefined;
    const startedAt = written;
    await backup(t.db, t.files, path, {
      inSnapshot: async (trx) => {
        atSnapshot = await dumpTables(trx);
      },
    });
    writing = false;
    await stream;
    expect(written).toBeGreaterThan(startedAt);
    const final = await dumpTables(t.db);
    expect(final.files!.length).toBeGreaterThan(atSnapshot!.files!.length);
    await intoFresh(async (target, filesRoot) => {
      await restore(target.db, diskFileStore(filesRoot), path);
      expect(withoutRestoreAudit(await dumpTables(target.db))).toEqual(atSnapshot);
    });
  }, 120_000);

  it("refuses a truncated backup, at any point, and writes nothing", async () => {
    const bytes = readFileSync(good);
    const endLine = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    const cuts = {
      half: Math.floor(bytes.length / 2),
      beforeEnd: endLine,
      insideEnd: endLine + 10,
      lastNewline: bytes.length - 1,
    };
    for (const [name, at] of Object.entries(cuts)) {
      const path = join(dir, `cut-${name}.luoshi-backup`);
      writeFileSync(path, bytes.subarray(0, at));
      await expectRefused(path, "BACKUP_TRUNCATED");
    }
  }, 120_000);

  it("refuses a backup with any byte altered (row, blob, manifest) and writes nothing", async () => {
    const text = readFileSync(good, "utf8");
    const alter = (pattern: RegExp, replace: (s: string) => string) => {
      const m = pattern.exec(text);
      if (!m) throw new Error(`no ${pattern}`);
      return text.slice(0, m.index) + replace(m[0]) + text.slice(m.index + m[0].length);
    };
    const variants = {
      row: alter(/"name":"基础教育股"/, (s) => s.replace("基础", "基本")),
      blob: alter(/"data":"[A-Za-z0-9+/]{8}/, (s) => `${s.slice(0, -1)}${s.endsWith("A") ? "B" : "A"}`),
      manifest: alter(/"rows":\d+,"sha256"/, (s) => s.replace(/\d+/, (n) => String(Number(n) + 1))),
      droppedRow: text.replace(/\{"table":"org_aliases".*\n/, ""),
    };
    for (const [name, content] of Object.entries(variants)) {
      expect(content).not.toBe(text);
      const path = join(dir, `altered-${name}.luoshi-backup`);
      writeFileSync(path, content);
      await expectRefused(path, "BACKUP_CORRUPT");
    }
    const other = join(dir, "not-a-backup.txt");
    writeFileSync(other, "2025年工作要点\n一、总体要求\n");
    await expectRefused(other, "BACKUP_NOT_A_BACKUP");
  }, 120_000);

  it("refuses to restore into a database that holds data", async () => {
    expect(await codeOf(restore(t.db, t.files, good))).toBe("BACKUP_TARGET_NOT_EMPTY");
  });
});
