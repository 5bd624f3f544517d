import ExcelJS from "exceljs";
import { type ColumnMap, isScreeningHeader, mapColumns } from "./columns.js";
import type { SheetRow } from "./rows.js";

/**
 * The sheets of an uploaded screening file: xlsx (one sheet per class or one per school; every sheet
 * whose header names a student key and a measurement) or csv (UTF-8, else GB18030 as Excel saves it
 * in China). The header is the first of the top five rows that reads as ours.
 */

export interface Sheet {
  name: string;
  header: string[];
  map: ColumnMap;
  rows: SheetRow[];
}

export type SheetError = "UNREADABLE" | "NO_HEADER" | "TOO_MANY_ROWS";

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return v.result instanceof Date ? v.result.toISOString().slice(0, 10) : String(v.result ?? "");
    if ("text" in v) return String(v.text);
    return "";
  }
  return String(v);
};

function findHeader(name: string, lines: SheetRow[]): Sheet | null {
  for (const [at, line] of lines.slice(0, 5).entries()) {
    const map = mapColumns(line.cells);
    if (isScreeningHeader(map)) return { name, header: line.cells, map, rows: lines.slice(at + 1) };
  }
  return null;
}

/** Splits CSV text (RFC 4180 quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) out.push([...row, cell]);
  return out;
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const isZip = (bytes: Buffer) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;

export async function readSheets(bytes: Buffer, maxRows: number): Promise<Sheet[] | SheetError> {
  const raw: { name: string; lines: SheetRow[] }[] = [];
  if (isZip(bytes)) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      return "UNREADABLE";
    }
    for (const sheet of book.worksheets) {
      const lines: SheetRow[] = [];
      sheet.eachRow({ includeEmpty: false }, (r, row) => {
        const values = r.values as ExcelJS.CellValue[];
        lines.push({ sheet: sheet.name, row, cells: Array.from(values.slice(1), (v) => cellText(v)) });
      });
      raw.push({ name: sheet.name, lines });
    }
  } else {
    if (bytes.includes(0)) return "UNREADABLE";
    const lines = parseCsv(decodeText(bytes)).map((cells, i) => ({ sheet: "CSV", row: i + 1, cells }));
    raw.push({ name: "CSV", lines });
  }
  if (raw.reduce((n, s) => n + s.lines.length, 0) > maxRows + raw.length * 5) return "TOO_MANY_ROWS";
  const sheets = raw.flatMap((s) => findHeader(s.name, s.lines) ?? []);
  return sheets.length === 0 ? "NO_HEADER" : sheets;
}
