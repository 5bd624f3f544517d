import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { diskFileStore, type FileStore } from "../files/file-store.js";
import { noticeDocx } from "../notices/notice-document.js";
import { closeNotice, issueNotice, replyToNotice } from "../notices/notices.service.js";
import { runStatusEngine } from "../status/status.service.js";
import { freshDatabase } from "../test/app.js";
import { seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { bulletinFile, generateBulletin } from "./bulletins.service.js";
import { evaluation, evaluationXlsx } from "./evaluation.service.js";
import { clockAt, report, reportAll, type SupervisedPlan, supervisedPlan } from "./test-support.js";

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan;
let store: FileStore;
let dir: string;
const actors = {} as Record<"supervisor" | "dept_head", Actor>;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  dir = mkdtempSync(join(tmpdir(), "luoshi-sup-"));
  store = diskFileStore(dir);
  for (const role of ["supervisor", "dept_head"] as const) {
    const user = await db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", fixture.a.users[role])
      .executeTakeFirstOrThrow();
    actors[role] = await actorFor(db, user);
  }
  await reportAll(db, ctx, ["2024-01", "2024-02", "2024-03"], "in_progress", 50);
  const firstTask = ctx.assignments.filter((a) => a.task_id === ctx.taskIds[0]);
  await report(
    db,
    ctx.regionId,
    firstTask.map((a) => ({
      taskId: a.task_id,
      orgId: a.org_id,
      period: "2024-04",
      status: "done" as const,
      percent: 100,
    })),
  );
  for (const day of ["2024-03-20", "2024-04-03", "2024-04-10", "2024-04-30"])
    await runStatusEngine(db, { now: clockAt(day) });
}, 120_000);
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

const docxText = async (bytes: Uint8Array) => {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  // Every Word document declares the official fonts with the fallbacks Word and WPS substitute.
  const fonts = await zip.file("word/fontTable.xml")!.async("string");
  expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  return { zip, text: xml.replace(/<[^>]+>/g, "") };
};

describe("supervision notices", () => {
  it("numbers notices per region and year without gaps or duplicates under concurrency", async () => {
    const deptTask = ctx.assignments.find((a) => a.org_id === ctx.fixture.a.deptId)!;
    const issue = () =>
      issueNotice(
        db,
        actors.supervisor,
        {
          taskId: deptTask.task_id,
          orgId: deptTask.org_id,
          reason: "进度滞后",
          requirement: "限期整改",
          replyDue: "2024-05-15",
        },
        clockAt("2024-05-06"),
      );
    const notices = await Promise.all([issue(), issue(), issue(), issue(), issue()]);
    expect(notices.map((n) => n.seq).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(notices.find((n) => n.seq === 3)!.doc_no).toBe("督办〔2024〕第3号");
  });

  it("the unit replies with evidence, the supervisor closes, and the Word form shows it all", async () => {
    const deptTask = ctx.assignments.find((a) => a.org_id === ctx.fixture.a.deptId)!;
    const notice = await issueNotice(
      db,
      actors.supervisor,
      {
        taskId: deptTask.task_id,
        orgId: deptTask.org_id,
        reason: "三月进度未达预期",
        requirement: "说明原因，提出整改措施",
        replyDue: "2024-05-20",
      },
      clockAt("2024-05-08"),
    );
    await replyToNotice(db, actors.dept_head, notice.id, { text: "已召开专题会议整改" }, clockAt("2024-05-12"));
    const closed = await closeNotice(db, actors.supervisor, notice.id, "整改到位", clockAt("2024-05-13"));
    expect(closed.status).toBe("closed");
    const { filename, bytes } = await noticeDocx(db, actors.dept_head, notice.id);
    expect(filename).toBe("督办〔2024〕第6号.docx");
    const { text } = await docxText(bytes);
    for (const s of [
      "督办通知单",
      "督办〔2024〕第6号",
      "三月进度未达预期",
      "2024年5月20日",
      "已召开专题会议整改",
      "已办结",
      "基础教育股",
    ]) {
      expect(text).toContain(s);
    }
  });
});

describe("bulletins", () => {
  it("April's bulletin: figures, ranking table, overdue tasks, charts as SVG with PNG fallback, xlsx appendix", async () => {
    const bulletin = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-04",
      actor: actors.supervisor,
      now: clockAt("2024-05-02"),
    });
    expect(bulletin.title).toBe("城关县教育和体育局关于2024年4月工作任务落实情况的通报");
    const summary = bulletin.summary as { total: number; done: number; asOf: string };
    const firstTaskUnits = ctx.assignments.filter((a) => a.task_id === ctx.taskIds[0]).length;
    expect(summary).toMatchObject({ total: ctx.assignments.length, done: firstTaskUnits, asOf: "2024-04-30" });

    const docx = await bulletinFile(db, store, actors.dept_head, bulletin.id, "docx");
    const { zip, text } = await docxText(docx.bytes);
    expect(text).toContain(`全局共分解落实任务${ctx.assignments.length}项`);
    expect(text).toContain(`已完成${firstTaskUnits}项`);
    for (const s of [
      "一、总体情况",
      "二、各单位完成情况",
      "名次",
      "完成率",
      "三、逾期任务",
      "四、指标完成情况",
      "特此通报。",
      "2024年5月2日",
    ]) {
      expect(text).toContain(s);
    }
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.some((f) => f.endsWith(".svg"))).toBe(true);
    expect(media.some((f) => f.endsWith(".png"))).toBe(true);

    const xlsx = await bulletinFile(db, store, actors.supervisor, bulletin.id, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("各单位完成情况")!;
    expect(sheet.getRow(2).values).toContain("完成率");
    const rows = sheet.getSheetValues().slice(3) as unknown[][];
    const totals = rows.reduce((s, r) => s + Number(r[3]), 0);
    expect(totals).toBe(ctx.assignments.length);
    expect(rows[0]![1]).toBe(1);
  });

  it("generating the same period again replaces the earlier bulletin", async () => {
    const again = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-04",
      actor: null,
      now: clockAt("2024-05-03"),
    });
    const live = await db
      .selectFrom("bulletins" as never)
      .selectAll()
      .where("deleted_at" as never, "is", null)
      .execute();
    expect(live.map((b) => (b as { id: string }).id)).toEqual([again.id]);
  });
});

describe("evaluation", () => {
  it("scores and ranks units with the breakdown, and exports it", async () => {
    const e = await evaluation(db, actors.supervisor, 2024, clockAt("2024-05-15"));
    expect(e.units.length).toBeGreaterThan(0);
    const dept = e.units.find((u) => u.orgId === ctx.fixture.a.deptId)!;
    // 基础教育股 received six notices in May: 2 points each off.
    expect(dept.notices).toBe(6);
    expect(dept.breakdown.noticePenalty).toBe(-12);
    for (const u of e.units) {
      const sum = u.breakdown.completion + u.breakdown.timeliness + u.breakdown.attainment + u.breakdown.noticePenalty;
      expect(u.score).toBeCloseTo(sum, 1);
    }
    expect(e.units.map((u) => u.rank)[0]).toBe(1);
    expect([...e.units].sort((a, b) => b.score - a.score).map((u) => u.orgId)).toEqual(e.units.map((u) => u.orgId));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await evaluationXlsx(db, actors.supervisor, 2024, clockAt("2024-05-15"))) as unknown as ArrayBuffer,
    );
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell("A1").value)).toContain("2024年度工作任务落实考核结果");
    const deptRow = (sheet.getSheetValues() as unknown[][]).find((r) => r?.[2] === "基础教育股")!;
    expect(deptRow[3]).toBe(dept.score);
    expect(deptRow[7]).toBe(-12);
  });
});
