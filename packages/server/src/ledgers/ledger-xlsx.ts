import { fitRowHeights, printableSheet, styleRow, titleRow } from "@luoshi/ledger-export";
import ExcelJS from "exceljs";
import { ledgerIoError } from "./ledger-io-messages.js";
/**
 * Ledger workbooks: any table as a print-ready sheet (A4 landscape one page wide, title and header
 * repeated on each printed page, bordered, rows as tall as their text — the print setup every xlsx
 * of the project shares), and the first sheet of an uploaded workbook as rows of cell values.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FONT = "宋体";

import type { Cell } from "./ledger-sheet.js";

export interface PrintTable {
  name: string;
  title: string;
  /** A line under the title (the unit, the period, the date of export). */
  subtitle?: string;
  header: string[];
  widths: number[];
  rows: Cell[][];
  /** Rows under the table (totals), bold. */
  footRows?: Cell[][];
}

export async function tablesToWorkbook(tables: PrintTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Luoshi";
  book.created = new Date(0);
  for (const t of tables) {
    const headerRow = t.subtitle ? 3 : 2;
    const sheet = book.addWorksheet(
      t.name,
      printableSheet({ frozenRows: headerRow, repeatRows: `1:${headerRow}`, orientation: "landscape" }),
    );
    const columns = t.header.length;
    sheet.columns = t.widths.map((width) => ({ width }));
    titleRow(sheet, 1, columns, t.title, FONT);
    if (t.subtitle) {
      sheet.getRow(2).getCell(1).value = t.subtitle;
      sheet.mergeCells(2, 1, 2, columns);
      sheet.getRow(2).getCell(1).font = { name: FONT, size: 10.5 };
      sheet.getRow(2).getCell(1).alignment = { horizontal: "right" };
    }
    const header = sheet.getRow(headerRow);
    header.values = t.header;
    styleRow(header, columns, { name: FONT, size: 11, bold: true }, "center");
    header.eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    });
    const add = (values: Cell[], bold: boolean) => {
      const row = sheet.addRow(values);
      styleRow(row, columns, { name: FONT, size: 10.5, bold });
      for (let c = 1; c <= columns; c++) {
        const cell = row.getCell(c);
        if (typeof cell.value === "number") cell.alignment = { ...cell.alignment, horizontal: "center" };
      }
    };
    for (const values of t.rows) add(values, false);
    for (const values of t.footRows ?? []) add(values, true);
    fitRowHeights(sheet, headerRow);
  }
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A cell's value as the import reads it: text, number, date, or null. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && !(v instanceof Date)) {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return v.result ?? null;
    if ("text" in v) return String(v.text);
    return null;
  }
  return v;
}

export interface SheetData {
  rows: { row: number; cells: unknown[] }[];
}

/** The first worksheet's non-empty rows, each with the row number Excel shows. */
export async function readFirstSheet(bytes: Buffer): Promise<SheetData> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw ledgerIoError("LEDGER_IMPORT_UNREADABLE", 415);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw ledgerIoError("LEDGER_IMPORT_UNREADABLE", 415);
  const rows: SheetData["rows"] = [];
  sheet.eachRow({ includeEmpty: false }, (r, row) => {
    const values = (r.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (values.some((v) => v !== null && String(v).trim() !== "")) rows.push({ row, cells: values });
  });
  return { rows };
}
