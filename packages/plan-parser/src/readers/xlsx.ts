import ExcelJS from "exceljs";
import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { cellText } from "./text-utils.js";

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  // exceljs reads serial dates as UTC; a time of day shows only when there is one.
  return iso.slice(11, 19) === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function numberText(n: number, numFmt: string | undefined): string {
  if (numFmt?.includes("%")) return `${Number((n * 100).toPrecision(12))}%`;
  return String(Number(n.toPrecision(15)));
}

/** The text a cell shows: rich text flattened, formulas as their result, dates as ISO. */
export function displayText(value: unknown, numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => String(r.text ?? "")).join("");
    if ("formula" in v || "sharedFormula" in v) return displayText(v.result, numFmt);
    if ("text" in v) return displayText(v.text, numFmt);
    if (typeof v.error === "string") return v.error;
  }
  return "";
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    throw new PlanParseError("CORRUPT_DOCUMENT", "unreadable workbook", { cause: e });
  }
  return workbook;
}

/**
 * Every sheet: its name as a paragraph (a title when the sheet has no title row), then every
 * non-empty row as a row block with `table` = the sheet's index. A merged range repeats the
 * master cell's text into every cell it covers.
 */
export async function readXlsx(bytes: Uint8Array): Promise<Block[]> {
  const workbook = await loadWorkbook(bytes);
  const blocks: Block[] = [];
  workbook.worksheets.forEach((sheet, table) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const source = cell.isMerged ? cell.master : cell;
        cells[col - 1] = cellText(displayText(source.value, source.numFmt));
      });
      const filled = Array.from(cells, (c) => c ?? "");
      while (filled.length > 0 && filled[filled.length - 1] === "") filled.pop();
      if (filled.length > 0) rows.push(filled);
    });
    blocks.push({ kind: "paragraph", text: cellText(sheet.name) });
    for (const cells of rows) blocks.push({ kind: "row", cells, table });
  });
  return blocks;
}
