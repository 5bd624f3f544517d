import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { TableRows } from "./model.js";
import { decodeCsvBytes, parseCsvText } from "./roster-csv.js";
import { readXlsxTable } from "./roster-xlsx.js";

/** A student or teacher list from file bytes, by the file name's extension: .xlsx, else CSV (.csv / .txt). */
export async function tableFromBytes(bytes: Uint8Array, filename: string): Promise<TableRows> {
  if (extname(filename).toLowerCase() === ".xlsx") return readXlsxTable(Buffer.from(bytes));
  return parseCsvText(decodeCsvBytes(bytes));
}

export async function readTableFile(path: string): Promise<TableRows> {
  return tableFromBytes(await readFile(path), path);
}
