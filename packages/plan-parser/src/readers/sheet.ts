import * as XLSX from "@e965/xlsx";
import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { cellText } from "./text-utils.js";
import { displayText } from "./xlsx.js";

const MAX_ROWS = 100_000;
const MAX_COLS = 1_000;

/** A serial date (days since 1899-12-30) as the xlsx reader shows it: a Date at UTC. */
const serialDate = (serial: number): Date => new Date(Math.round((serial - 25569) * 86_400_000));

/** The text a cell shows, the same as the xlsx reader gives for the same cell. */
function cellValue(cell: XLSX.CellObject | undefined): string {
  if (!cell) return "";
  const format = typeof cell.z === "string" ? cell.z : undefined;
  if (cell.t === "n" && typeof cell.v === "number" && format && XLSX.SSF.is_date(format)) {
    return displayText(serialDate(cell.v));
  }
  if (cell.t === "e") return cell.w ?? "";
  return displayText(cell.v, format);
}

/** A sheet's cells on a grid, each merged range repeating its first cell's text. */
function sheetRows(sheet: XLSX.WorkSheet): string[][] {
  const ref = sheet["!ref"];
  if (!ref) return [];
  const range = XLSX.utils.decode_range(ref);
  const lastRow = Math.min(range.e.r, range.s.r + MAX_ROWS - 1);
  const lastCol = Math.min(range.e.c, range.s.c + MAX_COLS - 1);
  const grid: string[][] = [];
  for (let r = range.s.r; r <= lastRow; r++) {
    const row: string[] = [];
    for (let c = 0; c <= lastCol; c++) row.push(cellText(cellValue(sheet[XLSX.utils.encode_cell({ r, c })])));
    grid.push(row);
  }
  for (const m of sheet["!merges"] ?? []) {
    const text = grid[m.s.r - range.s.r]?.[m.s.c] ?? "";
    for (let r = m.s.r; r <= Math.min(m.e.r, lastRow); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, lastCol); c++) {
        const row = grid[r - range.s.r];
        if (row) row[c] = text;
      }
    }
  }
  return grid;
}

/**
 * An Excel 97-2003 workbook (.xls, WPS .et) or an OpenDocument spreadsheet (.ods), read as the
 * xlsx reader reads a workbook: each sheet's name as a paragraph, then its non-empty rows.
 */
export function readSheet(bytes: Uint8Array): Block[] {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: "array", cellNF: true, cellDates: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    if (e instanceof Error && /password-protected/i.test(e.message)) {
      throw new PlanParseError("ENCRYPTED_DOCUMENT", "password-protected workbook", { cause: e });
    }
    throw e;
  }
  const blocks: Block[] = [];
  workbook.SheetNames.forEach((name, table) => {
    const sheet = workbook.Sheets[name];
    blocks.push({ kind: "paragraph", text: cellText(name) });
    if (!sheet) return;
    for (const cells of sheetRows(sheet)) {
      while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
      if (cells.length > 0) blocks.push({ kind: "row", cells, table });
    }
  });
  return blocks;
}
