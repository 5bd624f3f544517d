import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByUsername } from "../auth/auth.repository.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { seedDemo } from "../demo/seed-demo.js";
import { diskFileStore, type FileStore } from "../files/file-store.js";
import { todayInShanghai } from "../progress/periods.js";
import { runStatusEngine } from "../status/status.service.js";
import { freshDatabase } from "../test/app.js";
import { endOfDay } from "./as-of.js";
import { bulletinFile, generateBulletin, previousMonth } from "./bulletins.service.js";

let db: Database;
let drop: () => Promise<void>;
let store: FileStore;
let dir: string;
const today = new Date("2024-05-15T08:00:00Z");
const now = () => today;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  await seedDemo(db, today);
  dir = mkdtempSync(join(tmpdir(), "luoshi-demo-bul-"));
  store = diskFileStore(dir);
}, 180_000);
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("last month's bulletin on the demo data", () => {
  it("states the figures the status engine computes on the period's last day, and lists every overdue row", async () => {
    const period = previousMonth(todayInShanghai(today));
    expect(period).toBe("2024-04");
    const regionId = (await db.selectFrom("plans").select("region_id").executeTakeFirstOrThrow()).region_id;
    const bulletin = await generateBulletin(db, store, { regionId, period, actor: null, now });
    const summary = bulletin.summary as unknown as Record<string, number> & { overdueByUnit: { tasks: unknown[] }[] };
    const assignments = await db.selectFrom("assignments").select("id").where("deleted_at", "is", null).execute();
    expect(summary.total).toBe(assignments.length);
    expect(summary.overdue).toBeGreaterThan(0);
    expect(summary.overdueByUnit.flatMap((g) => g.tasks).length).toBe(summary.overdue);

    // The engine, run on April 30 over the records of that day, stores the same counts.
    const later = db.selectFrom("progress_reports").select("id").where("submitted_at", ">=", endOfDay("2024-04-30"));
    await db.deleteFrom("indicator_actuals").where("report_id", "in", later).execute();
    await db.deleteFrom("report_evidence").where("report_id", "in", later).execute();
    await db.deleteFrom("progress_reports").where("submitted_at", ">=", endOfDay("2024-04-30")).execute();
    await runStatusEngine(db, { now: () => new Date("2024-04-30T08:00:00Z") });
    const snapshots = await db
      .selectFrom("status_snapshots")
      .select(["status"])
      .where("day", "=", "2024-04-30")
      .where("entity_kind", "=", "assignment")
      .execute();
    const count = (s: string) => snapshots.filter((r) => r.status === s).length;
    expect(summary).toMatchObject({
      total: snapshots.length,
      done: count("done"),
      normal: count("normal"),
      warning: count("warning"),
      overdue: count("overdue"),
    });

    const admin = await findUserByUsername(db, "admin");
    const docx = await bulletinFile(db, store, await actorFor(db, admin!), bulletin.id, "docx");
    const xml = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(`全局共分解落实任务${summary.total}项（按责任单位计），已完成${summary.done}项`);
    expect(text).toContain(`逾期${summary.overdue}项`);
    expect(text).toContain("数据截至2024年4月30日");
  }, 180_000);
});
