import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEDGER_COLUMNS } from "./messages.js";
import { arbitraryLedger } from "./test-support/arbitrary.js";
import { doc, tasks } from "./test-support/fixtures.js";
import { ledgerToXlsx } from "./xlsx.js";

async function reread(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const texts = (row: ExcelJS.Row): string[] => LEDGER_COLUMNS.map((_, i) => String(row.getCell(i + 1).value ?? ""));

describe("ledgerToXlsx", () => {
  it("writes one sheet per plan with unique names, a title, the header and a row per task", async () => {
    const workbook = await reread(await ledgerToXlsx(doc));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "2024年全市教育和体育工作要点",
      "2024年全市教育和体育工作要点(2)",
      "空计划：无任务 草稿",
    ]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("2024年全市教育和体育工作要点");
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A1").font?.size).toBe(16);
    expect(sheet.model.merges).toContain("A1:H1");
    expect(texts(sheet.getRow(2))).toEqual([...LEDGER_COLUMNS]);
    expect(sheet.rowCount).toBe(2 + tasks.length);
    expect(workbook.worksheets[1]!.rowCount).toBe(3);
    expect(workbook.worksheets[2]!.rowCount).toBe(2);
  });

  it("fills the cells: section path, lead and co units, deadlines with dates, formatted targets", async () => {
    const sheet = (await reread(await ledgerToXlsx(doc))).worksheets[0]!;
    expect(texts(sheet.getRow(3))).toEqual([
      "1",
      "一、加快推动教育高质量发展 / （一）教育资源供给行动",
      "加快推进基础设施建设",
      tasks[0]!.body,
      "基建装备科",
      "教研中心、基教科、各基层学校",
      "6月底前完成（2024-06-30）",
      "学前三年毛入园率 ≥ 94.5%",
    ]);
    expect(sheet.getCell("G4").value).toBe("贯穿全年\n年底前（2024-12-31）");
    expect(sheet.getCell("H4").value).toBe("评选市级骨干教师 700–800人\n体质健康优良率 提升3–5个百分点");
    expect(sheet.getCell("D3").alignment?.wrapText).toBe(true);
    expect(sheet.getCell("D3").border?.top?.style).toBe("thin");
  });

  it("freezes the header and sets up A4 landscape printing fitted to width", async () => {
    const sheet = (await reread(await ledgerToXlsx(doc))).worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:2",
    });
    expect(sheet.pageSetup.margins?.left).toBe(0.5);
  });

  it("makes each row as tall as its wrapped text, so a long task is not clipped to one line", async () => {
    const long = "加强中小学校园安全隐患排查整治，落实安全管理责任。".repeat(12);
    const input = {
      plans: [
        {
          title: "2024年工作要点",
          year: 2024,
          tasks: [
            { ...tasks[2]!, body: long },
            { ...tasks[2]!, body: "开展排查。" },
          ],
        },
      ],
    };
    const sheet = (await reread(await ledgerToXlsx(input))).worksheets[0]!;
    // Independent estimate: a column of width w holds (w·7 + 5) px = 0.75·(w·7 + 5) pt; a 10.5 pt
    // CJK character is 10.5 pt wide; each line needs at least 1.2 × the font size.
    const perLine = Math.floor((0.75 * (sheet.getColumn(4).width! * 7 + 5)) / 10.5);
    const lines = Math.ceil([...long].length / perLine);
    expect(lines).toBeGreaterThan(8);
    expect(sheet.getRow(3).height).toBeGreaterThanOrEqual(lines * 10.5 * 1.2);
    expect(sheet.getRow(3).height).toBeLessThanOrEqual((lines + 2) * 10.5 * 1.5);
    // A short row stays short (the 所属板块 column wraps it to two lines at most).
    expect(sheet.getRow(4).height).toBeLessThan(4 * 10.5 * 1.5);
    expect(sheet.getRow(4).height).toBeGreaterThanOrEqual(10.5 * 1.2);
    // The title row fits its 16 pt line.
    expect(sheet.getRow(1).height).toBeGreaterThanOrEqual(16 * 1.2);
    expect(sheet.getCell("D3").border?.bottom?.style).toBe("thin");
  });

  it("still writes an openable workbook for a document without plans", async () => {
    const workbook = await reread(await ledgerToXlsx({ plans: [] }));
    expect(workbook.worksheets).toHaveLength(1);
    expect(texts(workbook.worksheets[0]!.getRow(2))).toEqual([...LEDGER_COLUMNS]);
  });

  it("never throws on arbitrary strings and always re-reads", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryLedger, async (d) => {
        const workbook = await reread(await ledgerToXlsx(d));
        expect(workbook.worksheets).toHaveLength(Math.max(1, d.plans.length));
        d.plans.forEach((p, i) => {
          expect(workbook.worksheets[i]!.rowCount).toBe(2 + p.tasks.length);
          expect(workbook.worksheets[i]!.pageSetup.printTitlesRow).toBe("1:2");
        });
      }),
      { numRuns: 40 },
    );
  });
});
