import ExcelJS from "exceljs";
import { fitRowHeights, printableSheet, styleRow, titleRow } from "./xlsx-print.js";

/**
 * Print-ready tables: a merged title row, a bold header, thin borders, A4 landscape one page wide
 * with the title and header repeated on each page, rows as tall as their wrapped text.
 */
export interface SheetSpec {
  name: string;
  title: string;
  header: string[];
  rows: (string | number | null)[][];
  widths: number[];
}

const FONT = "宋体";

export async function tablesToXlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Luoshi";
  workbook.created = new Date(0);
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, printableSheet({ frozenRows: 2, repeatRows: "1:2" }));
    const columns = spec.header.length;
    sheet.columns = spec.widths.map((width) => ({ width }));
    titleRow(sheet, 1, columns, spec.title, FONT);
    const header = sheet.getRow(2);
    header.values = spec.header;
    styleRow(header, columns, { name: FONT, size: 11, bold: true }, "center");
    for (const values of spec.rows) {
      const row = sheet.addRow(values);
      styleRow(row, columns, { name: FONT, size: 11 });
      for (let c = 1; c <= columns; c++) {
        const cell = row.getCell(c);
        if (typeof cell.value === "number") cell.alignment = { ...cell.alignment, horizontal: "center" };
      }
    }
    fitRowHeights(sheet);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
