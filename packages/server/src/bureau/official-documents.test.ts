import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { actorFor } from "../auth/auth.service.js";
import { bulletinFile, generateBulletin } from "../bulletins/bulletins.service.js";
import type { Database } from "../db/database.js";
import { diskFileStore, type FileStore } from "../files/file-store.js";
import { noticeDocx } from "../notices/notice-document.js";
import { issueNotice } from "../notices/notices.service.js";
import { runStatusEngine } from "../status/status.service.js";
import { clockAt, reportAll, type SupervisedPlan, supervisedPlan } from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, seedFixture } from "../test/fixture.js";
import { docxToPdf, pdfPages } from "../test/pdf-pages.js";
import { publishedPlan } from "../test/plans.js";
import { saveBureauProfile } from "./bureau.service.js";

/**
 * The 通报 and the 督办单 as a bureau sends them: LibreOffice prints each Word file, and page 1 of
 * the PDF carries the red 发文机关标志 and the 发文字号 above the title (GB/T 9704 版头).
 */
let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan<Fixture>;
let store: FileStore;
let dir: string;
let supervisor: Actor;

const LETTERHEAD = {
  fullName: "城关县教育和体育局",
  shortName: "城关县教体局",
  mark: "城关县教育和体育局文件",
  noticeNumberPattern: "城教体督〔{year}〕{n}号",
  bulletinNumberPattern: "城教体通〔{year}〕{n}号",
  signature: "城关县教育和体育局",
  contactLine: "联系人：教育督导室 王明，联系电话：0000-1234567",
  ccLine: "县委教育工委，县政府督查室",
  printingOffice: "城关县教育和体育局办公室",
};

/**
 * The 版记 (GB/T 9704 §7.4) on the last page, below everything else but the page number: the
 * 抄送 line ending with 。, then 印发机关 and 印发日期 (Asia/Shanghai) on one line; in the docx, a
 * thick line above the 抄送, a thin one under it and a thick last line.
 */
async function expectColophon(docx: Uint8Array, pages: Awaited<ReturnType<typeof pdfPages>>, printedOn: string) {
  const last = pages.at(-1)!;
  const lines = last.lines.map((l) => l.text.replace(/\s+/g, ""));
  const cc = lines.indexOf("抄送：县委教育工委，县政府督查室。");
  const printed = lines.indexOf(`城关县教育和体育局办公室${printedOn}印发`);
  expect(cc).toBeGreaterThan(0);
  expect(printed).toBe(cc + 1);
  // Only the page number is below the 版记; no earlier page has one.
  expect(lines.slice(printed + 1).every((l) => /^—\d+—$/.test(l))).toBe(true);
  for (const page of pages.slice(0, -1)) expect(page.lines.some((l) => l.text.includes("印发"))).toBe(false);
  // 印发机关 flush left one character in, 印发日期 flush right.
  const row = last.lines.find((l) => l.text.replace(/\s+/g, "").endsWith("印发"))!;
  expect(row.x).toBeGreaterThan(90);
  expect(row.x).toBeLessThan(100);
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  const paragraph = (text: string) =>
    [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map(([p]) => p).find((p) => p.includes(text))!;
  expect(paragraph("抄送：")).toMatch(/<w:top w:val="single"[^>]*w:sz="8"/);
  expect(paragraph("抄送：")).toMatch(/<w:bottom w:val="single"[^>]*w:sz="6"/);
  expect(paragraph("印发<")).toMatch(/<w:bottom w:val="single"[^>]*w:sz="8"/);
}

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  await saveBureauProfile(db, null, fixture.a.bureauId, LETTERHEAD);
  dir = mkdtempSync(join(tmpdir(), "luoshi-redhead-"));
  store = diskFileStore(dir);
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", fixture.a.users.supervisor)
    .executeTakeFirstOrThrow();
  supervisor = await actorFor(db, user);
  await reportAll(db, ctx, ["2024-01", "2024-02", "2024-03"], "in_progress", 50);
  await runStatusEngine(db, { now: clockAt("2024-04-10") });
}, 300_000);
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The runs of document.xml with their colour and text. */
async function runs(docx: Uint8Array) {
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map(([, inner = ""]) => ({
    color: /<w:color w:val="([0-9A-Fa-f]{6})"/.exec(inner)?.[1] ?? null,
    text: [...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""),
  }));
}

/** Page 1 of the printed document: the 标志, then the 发文字号, then the title, top to bottom. */
async function expectRedHeader(docx: Uint8Array, docNo: string, titleStart: string) {
  const all = await runs(docx);
  const mark = all.find((r) => r.text === LETTERHEAD.mark);
  expect(mark?.color?.toUpperCase()).toBe("FF0000");
  expect(all.find((r) => r.text === docNo)?.color ?? null).toBeNull();
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  // The 版头分隔线: a red bottom border under the 发文字号's paragraph.
  expect(xml).toMatch(/<w:bottom [^>]*w:color="FF0000"/);

  const pages = await pdfPages(await docxToPdf(docx));
  const [first] = pages;
  const lines = first!.lines.map((l) => l.text.replace(/\s+/g, ""));
  const at = (s: string) => lines.findIndex((l) => l.includes(s));
  expect(at(LETTERHEAD.mark)).toBeGreaterThanOrEqual(0);
  expect(at(docNo)).toBeGreaterThan(at(LETTERHEAD.mark));
  expect(at(titleStart)).toBeGreaterThan(at(docNo));
  // The 标志 sits in the upper part of the page, the 发文字号 centred under it.
  const markLine = first!.lines[at(LETTERHEAD.mark)]!;
  expect(markLine.y).toBeGreaterThan(first!.height / 2);
  return pages;
}

describe("红头 documents printed by LibreOffice", () => {
  it("the 督办单 carries the red 标志 and its 发文字号 on page 1", async () => {
    const deptTask = ctx.assignments.find((a) => a.org_id === ctx.fixture.a.deptId)!;
    const notice = await issueNotice(
      db,
      supervisor,
      {
        taskId: deptTask.task_id,
        orgId: deptTask.org_id,
        reason: "三月进度未达预期",
        requirement: "说明原因，提出整改措施",
        replyDue: "2024-05-20",
      },
      clockAt("2024-05-08"),
    );
    expect(notice.doc_no).toBe("城教体督〔2024〕1号");
    const { filename, bytes } = await noticeDocx(db, supervisor, notice.id);
    expect(filename).toBe("城教体督〔2024〕1号.docx");
    const pages = await expectRedHeader(bytes, "城教体督〔2024〕1号", "城关县教育和体育局督办通知单");
    const text = pages.flatMap((p) => p.lines.map((l) => l.text.replace(/\s+/g, ""))).join("\n");
    expect(text).toContain("2024年5月8日");
    expect(text.replace(/\n/g, "")).toContain("（联系人：教育督导室王明，联系电话：0000-1234567）");
    // 28 characters a line: a body paragraph's first line, indented two characters, holds 26.
    expect(text).toContain("\n（承办单位填写办理情况、整改措施及结果，负责人签字并\n");
    // 署名 and 成文日期 share a page with the text above them.
    const signed = pages.find((p) => p.lines.some((l) => l.text.replace(/\s+/g, "") === "2024年5月8日"))!;
    expect(signed.lines.length).toBeGreaterThan(4);
    // 印发日期: the day the notice was issued in Asia/Shanghai.
    await expectColophon(bytes, pages, "2024年5月8日");
  }, 120_000);

  it("the 通报 carries them too, with its title broken between words; a regenerated one keeps its number", async () => {
    const bulletin = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-03",
      actor: supervisor,
      now: clockAt("2024-04-02"),
    });
    expect(bulletin.doc_no).toBe("城教体通〔2024〕1号");
    const docx = await bulletinFile(db, store, supervisor, bulletin.id, "docx");
    const pages = await expectRedHeader(docx.bytes, "城教体通〔2024〕1号", "城关县教育和体育局关于");
    const lines = pages[0]!.lines.map((l) => l.text.replace(/\s+/g, ""));
    // 城关县教育和体育局关于2024年3月工作任务落实情况的通报: two lines, the break between words.
    const first = lines.findIndex((l) => l.startsWith("城关县教育和体育局关于"));
    expect([lines[first], lines[first + 1]]).toEqual(["城关县教育和体育局关于2024年", "3月工作任务落实情况的通报"]);
    // Page numbers "— N —" in the footer.
    expect(lines.some((l) => /^—1—$/.test(l))).toBe(true);
    // Generated on 2 April (Asia/Shanghai): its 成文日期 and 印发日期.
    await expectColophon(docx.bytes, pages, "2024年4月2日");

    const again = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-03",
      actor: supervisor,
      now: clockAt("2024-04-03"),
    });
    expect(again.doc_no).toBe("城教体通〔2024〕1号");
    const next = await generateBulletin(db, store, {
      regionId: ctx.regionId,
      period: "2024-Q1",
      actor: supervisor,
      now: clockAt("2024-04-03"),
    });
    expect(next.doc_no).toBe("城教体通〔2024〕2号");
  }, 180_000);
});
