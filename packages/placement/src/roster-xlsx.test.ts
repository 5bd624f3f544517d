import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { preparePlacement } from "./prepare.js";
import { readXlsxTable } from "./roster-xlsx.js";

describe("xlsx roster reader", () => {
  it("reads numbers, rich text and formula results with spreadsheet row numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["七年级新生名单"]);
    sheet.addRow(["学号", "姓名", "性别", "语文", "数学", "总分"]);
    sheet.addRow([
      "A01",
      { richText: [{ text: "欧阳" }, { text: "娜娜" }] },
      "女",
      96.5,
      88,
      { formula: "D3+E3", result: 184.5 },
    ]);
    sheet.addRow(["A02", "张三", "男", 80, "七十", 150]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const table = await readXlsxTable(buffer);
    expect(table.rows[2]).toEqual({ row: 3, cells: ["A01", "欧阳娜娜", "女", "96.5", "88", "184.5"] });
    expect(() => preparePlacement({ students: table, classCount: 1 })).toThrow(
      "[SCORE_NOT_NUMERIC] 第 4 行：「数学」成绩「七十」不是数字",
    );
  });
});
