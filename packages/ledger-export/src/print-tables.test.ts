import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tablesToXlsx } from "./print-tables.js";

async function reread(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe("tablesToXlsx", () => {
  it("writes each table print-ready: merged title, bold header repeated on every page, A4 landscape, bordered rows tall enough for wrapped text", async () => {
    const long = "学校安全隐患排查整治台账需逐条登记，整改责任人、整改时限和复查结果一并填写，".repeat(4);
    const workbook = await reread(
      await tablesToXlsx([
        {
          name: "台账",
          title: "隐患整改台账",
          header: ["序号", "内容", "数量"],
          rows: [
            [1, long, 3],
            [2, "短", null],
          ],
          widths: [6, 30, 8],
        },
        { name: "汇总", title: "汇总表", header: ["单位"], rows: [], widths: [20] },
      ]),
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["台账", "汇总"]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("隐患整改台账");
    expect(sheet.model.merges).toContain("A1:C1");
    expect(sheet.getCell("B2").value).toBe("内容");
    expect(sheet.getCell("B2").font?.bold).toBe(true);
    expect(sheet.pageSetup.orientation).toBe("landscape");
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printTitlesRow).toBe("1:2");
    expect(sheet.getCell("B3").border?.left?.style).toBe("thin");
    expect(sheet.getCell("C3").alignment?.horizontal).toBe("center");
    expect(sheet.getRow(3).height ?? 0).toBeGreaterThan(sheet.getRow(4).height ?? 15);
    expect(workbook.worksheets[1]!.rowCount).toBe(2);
  });
});
