import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Block } from "../model.js";
import { readDocument } from "./index.js";

async function taskWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("重点任务");
  sheet.addRow(["城南县2025年教育重点任务分解表"]);
  sheet.mergeCells("A1:D1");
  sheet.addRow(["类别", "工作任务", "责任单位", "完成时限"]);
  sheet.addRow(["安全稳定", "开展校园安全隐患排查", "安全股、各学校", new Date(Date.UTC(2025, 5, 30))]);
  sheet.addRow([
    null,
    { richText: [{ text: "落实" }, { text: "防溺水", font: { bold: true } }, { text: "教育" }] },
    "安全股",
  ]);
  sheet.mergeCells("A3:A4");
  sheet.addRow(["合计", { formula: "COUNTA(B3:B4)", result: 2 }, "", ""]);
  const second = wb.addWorksheet("附表");
  second.addRow(["学校", "达标率"]);
  second.addRow(["城南一中", 0.955]);
  second.getCell("B2").numFmt = "0.0%";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("xlsx reader", () => {
  it("reads every sheet: its name as a paragraph, then its rows as displayed", async () => {
    const { format, blocks } = await readDocument(await taskWorkbook(), "分解表.xlsx");
    expect(format).toBe("xlsx");
    const expected: Block[] = [
      { kind: "paragraph", text: "重点任务" },
      { kind: "row", cells: Array(4).fill("城南县2025年教育重点任务分解表"), table: 0 },
      { kind: "row", cells: ["类别", "工作任务", "责任单位", "完成时限"], table: 0 },
      { kind: "row", cells: ["安全稳定", "开展校园安全隐患排查", "安全股、各学校", "2025-06-30"], table: 0 },
      { kind: "row", cells: ["安全稳定", "落实防溺水教育", "安全股"], table: 0 },
      { kind: "row", cells: ["合计", "2"], table: 0 },
      { kind: "paragraph", text: "附表" },
      { kind: "row", cells: ["学校", "达标率"], table: 1 },
      { kind: "row", cells: ["城南一中", "95.5%"], table: 1 },
    ];
    expect(blocks).toEqual(expected);
  });

  it("reports a damaged workbook as corrupt", async () => {
    const bytes = await taskWorkbook();
    await expect(readDocument(bytes.subarray(0, bytes.length - 200), "a.xlsx")).rejects.toMatchObject({
      code: "CORRUPT_DOCUMENT",
    });
  });
});
