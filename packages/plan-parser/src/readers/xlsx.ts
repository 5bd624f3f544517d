import ExcelJS from "exceljs";
import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { LimitGuard } from "./limits.js";
import { cellText } from "./text-utils.js";
import { LimitedZip } from "./zip.js";

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

const ROW_OPEN = [Buffer.from("<row "), Buffer.from("<row>")];

/** Rows opened in a worksheet's XML (`<row `, `<row>`), counted in the bytes without parsing. */
function countRows(xml: Buffer, guard: LimitGuard): void {
  for (const tag of ROW_OPEN) {
    let at = xml.indexOf(tag);
    let n = 0;
    while (at >= 0) {
      if (++n % 4096 === 0) guard.rows(4096);
      at = xml.indexOf(tag, at + tag.length);
    }
    guard.rows(n % 4096);
  }
}

/**
 * Before exceljs unpacks and models the whole workbook (it has no limits of its own): the archive
 * within the unpacked-size budget and its real sizes checked, the sheets and their rows counted.
 */
function preflight(bytes: Uint8Array, guard: LimitGuard): void {
  const zip = new LimitedZip(bytes, guard.limits);
  const sheets = [...zip.entries.keys()].filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name));
  guard.count("TOO_MANY_SHEETS", sheets.length);
  for (const name of sheets) countRows(zip.bytes(name)!, guard);
  for (const name of zip.entries.keys()) if (!sheets.includes(name) && !name.endsWith("/")) zip.bytes(name);
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
export async function readXlsx(bytes: Uint8Array, guard = new LimitGuard()): Promise<Block[]> {
  preflight(bytes, guard);
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
