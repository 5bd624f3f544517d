import type ExcelJS from "exceljs";
import { isWide } from "./title-lines.js";

/**
 * Print-ready worksheets shared by every xlsx the project writes (任务分解表, 通报附件, 考核, 编班名单):
 * thin borders, A4 landscape (or portrait) one page wide, the title and header rows repeated on each
 * printed page, and row heights that show wrapped text whole — Excel and WPS do not grow a row for
 * wrapped text on opening a file, so a row keeps the height the file gives it.
 */

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
export const THIN_BORDERS: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Column width units are the width of "0" in the default 11 pt font; a CJK character takes two. */
const BASE_FONT_PT = 11;
/** Cell padding, in width units, left of the text and right of it. */
const CELL_PADDING = 1;
/** Line height over font size for 宋体 and Calibri, as Excel and WPS lay out wrapped lines. */
const LINE_FACTOR = 1.35;
/** Top and bottom cell margin, in points. */
const ROW_PADDING_PT = 4;
/** Excel's maximum row height, in points. */
export const MAX_ROW_HEIGHT = 409;

/** Width units one character takes at a font size: CJK two, others one. */
const charUnits = (ch: string, fontSize: number) => ((isWide(ch) ? 2 : 1.1) * fontSize) / BASE_FONT_PT;

/** How many lines a text wraps to in a column `width` units wide, breaking anywhere (as CJK text does). */
export function wrappedLines(text: string, width: number, fontSize: number): number {
  const usable = Math.max(1, width - CELL_PADDING);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    let count = 1;
    for (const ch of paragraph) {
      const w = charUnits(ch, fontSize);
      if (line + w > usable && line > 0) {
        count++;
        line = 0;
      }
      line += w;
    }
    lines += count;
  }
  return lines;
}

/** The row height, in points, that shows `lines` lines of text at a font size. */
export const heightForLines = (lines: number, fontSize: number) =>
  Math.min(MAX_ROW_HEIGHT, Math.ceil((lines * fontSize * LINE_FACTOR + ROW_PADDING_PT) * 4) / 4);

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
};

/**
 * Sets each row's height from `from` on to fit its tallest wrapped cell: the text's lines in its
 * column's width (a merged cell: the merged columns' widths) at the cell's font size.
 */
export function fitRowHeights(sheet: ExcelJS.Worksheet, from = 1): void {
  const widths = (sheet.columns ?? []).map((c) => c.width ?? 9);
  const mergedWidth = new Map<string, number>();
  for (const range of sheet.model.merges ?? []) {
    const [start = "", end = ""] = range.split(":");
    const a = sheet.getCell(start);
    const b = sheet.getCell(end);
    if (a.row !== b.row) continue;
    let w = 0;
    for (let c = Number(a.col); c <= Number(b.col); c++) w += widths[c - 1] ?? 9;
    mergedWidth.set(start, w);
  }
  for (let r = from; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    let height = 0;
    row.eachCell((cell, col) => {
      if (cell.isMerged && cell.master !== cell) return;
      const size = cell.font?.size ?? BASE_FONT_PT;
      const width = mergedWidth.get(cell.address) ?? widths[col - 1] ?? 9;
      const text = cellText(cell.value);
      const lines = cell.alignment?.wrapText ? wrappedLines(text, width, size) : text.split("\n").length;
      height = Math.max(height, heightForLines(lines, size));
    });
    if (height > 0) row.height = height;
  }
}

export interface PrintOptions {
  /** Rows repeated at the top of each printed page, e.g. "1:2" (title and header). */
  repeatRows: string;
  orientation?: "landscape" | "portrait";
  /** Footer, Excel codes: &P page, &N pages. */
  footer?: string;
}

/** A4, one page wide and as many tall as needed, centred, the title and header on each page. */
export const a4PageSetup = (o: PrintOptions): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9,
  orientation: o.orientation ?? "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  printTitlesRow: o.repeatRows,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
});

/** Page-numbered footer of a printed sheet: 第 1 页，共 3 页. */
export const PAGE_FOOTER = "&C第 &P 页，共 &N 页";

/** Options of a new print-ready sheet: frozen below the header, A4 setup, numbered pages. */
export const printableSheet = (o: PrintOptions & { frozenRows: number }): Partial<ExcelJS.AddWorksheetOptions> => ({
  views: [{ state: "frozen", xSplit: 0, ySplit: o.frozenRows, topLeftCell: `A${o.frozenRows + 1}` }],
  pageSetup: a4PageSetup(o),
  headerFooter: { oddFooter: o.footer ?? PAGE_FOOTER, evenFooter: o.footer ?? PAGE_FOOTER },
});

/** Borders, wrapping and alignment on the first `columns` cells of a row. */
export function styleRow(
  row: ExcelJS.Row,
  columns: number,
  font: Partial<ExcelJS.Font>,
  horizontal: "left" | "center" = "left",
): void {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.font = font;
    cell.border = THIN_BORDERS;
    cell.alignment = { horizontal, vertical: horizontal === "center" ? "middle" : "top", wrapText: true };
  }
}

/** A title merged across the table's columns, bold and centred. */
export function titleRow(sheet: ExcelJS.Worksheet, rowNo: number, columns: number, title: string, font: string) {
  const row = sheet.getRow(rowNo);
  row.getCell(1).value = title;
  sheet.mergeCells(rowNo, 1, rowNo, columns);
  row.getCell(1).font = { name: font, size: 16, bold: true };
  row.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  return row;
}
