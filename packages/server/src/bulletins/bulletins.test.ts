import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { diskFileStore, type FileStore } from "../files/file-store.js";
import {
  actorNamed,
  clockAt,
  report,
  reportAll,
  type SupervisedPlan,
  supervisedPlan,
} from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { bulletinData, bulletinFile, generateBulletin } from "./bulletins.service.js";

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan<Fixture>;
let store: FileStore;
let dir: string;
const actors = {} as Record<"supervisor" | "dept_head", Actor>;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  dir = mkdtempSync(join(tmpdir(), "luoshi-bul-"));
  store = diskFileStore(dir);
  for (const role of ["supervisor", "dept_head"] as const) actors[role] = await actorNamed(db, fixture.a.users[role]);
  await reportAll(db, ctx, ["2024-01", "2024-02", "2024-03"], "in_progress", 50);
  const firstTask = ctx.assignments.filter((a) => a.task_id === ctx.taskIds[0]);
  await report(
    db,
    ctx.regionId,
    firstTask.map((a) => ({ taskId: a.task_id, orgId: a.org_id, period: "2024-04", status: "done", percent: 100 })),
  );
  // May's report of one unit arrives only in July, after June's bulletin day.
  const late = ctx.assignments.find((a) => a.task_id !== ctx.taskIds[0])!;
  await report(db, ctx.regionId, [
    {
      taskId: late.task_id,
      orgId: late.org_id,
      period: "2024-05",
      status: "in_progress",
      percent: 60,
      submittedAt: "2024-07-10T02:00:00Z",
    },
  ]);
}, 120_000);
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

const docxText = async (bytes: Uint8Array) => {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  return { zip, text: xml.replace(/<[^>]+>/g, "") };
};

const sheetRows = async (bytes: Uint8Array, name: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return (wb.getWorksheet(name)!.getSheetValues().slice(3) as unknown[][]).filter(Boolean);
};

describe("bulletins from the records as of the period's end", () => {
  it("April's bulletin states the real figures though the status engine never ran", async () => {
    const snapshots = await db.selectFrom("status_snapshots").select("day").execute();
    expect(snapshots).toEqual([]);
    const bulletin = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-04",
      actor: actors.supervisor,
      now: clockAt("2024-05-02"),
    });
    expect(bulletin.title).toBe("城关县教育和体育局关于2024年4月工作任务落实情况的通报");
    const firstTaskUnits = ctx.assignments.filter((a) => a.task_id === ctx.taskIds[0]).length;
    expect(bulletin.summary).toMatchObject({
      total: ctx.assignments.length,
      done: firstTaskUnits,
      overdue: 0,
      asOf: "2024-04-30",
    });

    const docx = await bulletinFile(db, store, actors.dept_head, bulletin.id, "docx");
    const { zip, text } = await docxText(docx.bytes);
    expect(text).toContain(`全局共分解落实任务${ctx.assignments.length}项`);
    expect(text).toContain(`已完成${firstTaskUnits}项`);
    expect(text).toContain("逾期0项");
    expect(text).toContain("本期无逾期任务。");
    for (const s of ["一、总体情况", "二、各单位完成情况", "名次", "四、指标完成情况", "特此通报。", "2024年5月2日"]) {
      expect(text).toContain(s);
    }
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.some((f) => f.endsWith(".svg"))).toBe(true);
    expect(media.some((f) => f.endsWith(".png"))).toBe(true);

    const xlsx = await bulletinFile(db, store, actors.supervisor, bulletin.id, "xlsx");
    const units = await sheetRows(xlsx.bytes, "各单位完成情况");
    expect(units.reduce((s, r) => s + Number(r[3]), 0)).toBe(ctx.assignments.length);
    expect(units.reduce((s, r) => s + Number(r[4]), 0)).toBe(firstTaskUnits);
    expect(units[0]![1]).toBe(1);
  });

  it("June: May's reports are missing, the overdue list is grouped by unit and its rows equal the stated count", async () => {
    const data = await bulletinData(db, { regionId: ctx.regionId, period: "2024-06", now: clockAt("2024-07-20") });
    const firstTaskUnits = ctx.assignments.filter((a) => a.task_id === ctx.taskIds[0]).length;
    // Everyone but the first task's units (done in April) owes May's report by June 5; the report
    // that came in July does not count as of June 30.
    expect(data.totals.overdue).toBe(ctx.assignments.length - firstTaskUnits);
    const listed = data.overdue.flatMap((g) => g.tasks);
    expect(listed.length).toBe(data.totals.overdue);
    expect(new Set(data.overdue.map((g) => g.orgId)).size).toBe(data.overdue.length);
    expect(listed.every((t) => t.reasons.includes("missing_report:2024-05"))).toBe(true);

    const bulletin = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-06",
      actor: actors.supervisor,
      now: clockAt("2024-07-20"),
    });
    const { text } = await docxText((await bulletinFile(db, store, actors.supervisor, bulletin.id, "docx")).bytes);
    expect(text).toContain(`逾期${data.totals.overdue}项`);
    expect(text).toContain(`${data.overdue.length}个单位共有逾期任务${data.totals.overdue}项`);
    expect(text).toContain("2024-05期未填报");
    const rows = await sheetRows(
      (await bulletinFile(db, store, actors.supervisor, bulletin.id, "xlsx")).bytes,
      "逾期任务",
    );
    expect(rows.map((r) => r[1])).toEqual(listed.map((_, i) => i + 1));
    // Grouped: each unit's rows are consecutive.
    const unitsInOrder = rows.map((r) => String(r[2]).replace(/（\d+项）$/, ""));
    expect(unitsInOrder.filter((u, i) => u !== unitsInOrder[i - 1]).length).toBe(data.overdue.length);

    // As of July 20 the May report is in, and counted late (due June 5).
    const late = ctx.assignments.find((a) => a.task_id !== ctx.taskIds[0])!;
    const july = await bulletinData(db, { regionId: ctx.regionId, period: "2024-07", now: clockAt("2024-07-20") });
    expect(july.units.find((u) => u.orgId === late.org_id)!.late).toBe(1);
    expect(data.units.find((u) => u.orgId === late.org_id)!.late).toBe(0);
  });

  it("refuses a period with no plan in force, and one not yet begun, with stable codes", async () => {
    const generate = (period: string) =>
      generateBulletin(db, store, { regionId: ctx.regionId, period, actor: null, now: clockAt("2024-07-20") });
    await expect(generate("2023-12")).rejects.toMatchObject({ code: "BULLETIN_NO_PLAN", statusCode: 422 });
    await expect(generate("2024-08")).rejects.toMatchObject({ code: "PERIOD_NOT_STARTED", statusCode: 400 });
    await expect(generate("2024-13")).rejects.toMatchObject({ code: "PERIOD_INVALID" });
    // Another region's plan does not put this one's in force.
    await expect(
      generateBulletin(db, store, {
        regionId: ctx.fixture.b.bureauId,
        period: "2024-06",
        actor: null,
        now: clockAt("2024-07-20"),
      }),
    ).rejects.toMatchObject({ code: "BULLETIN_NO_PLAN" });
  });

  it("generating the same period again replaces the earlier bulletin", async () => {
    const again = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-04",
      actor: null,
      now: clockAt("2024-05-03"),
    });
    const live = await db
      .selectFrom("bulletins")
      .select(["id", "period"])
      .where("deleted_at", "is", null)
      .where("period", "=", "2024-04")
      .execute();
    expect(live.map((b) => b.id)).toEqual([again.id]);
  });
});
