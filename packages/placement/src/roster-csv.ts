import { readFile } from "node:fs/promises";
import type { TableRows } from "./model.js";

/** UTF-8 (with or without BOM) when valid, else GB18030 — what Excel in China saves as "CSV". */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends. Row numbers are 1-based lines of records. */
export function parseCsvText(text: string): TableRows {
  const rows: TableRows["rows"] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    rows.push({ row: rows.length + 1, cells });
    cells = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      cells.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
    } else field += ch;
    i += 1;
  }
  if (field !== "" || cells.length > 0) endRecord();
  return { rows };
}

export async function readCsvTable(path: string): Promise<TableRows> {
  return parseCsvText(decodeCsvBytes(await readFile(path)));
}
