import { extname } from "node:path";
import type { TableRows } from "./model.js";
import { readCsvTable } from "./roster-csv.js";
import { readXlsxTable } from "./roster-xlsx.js";

/** Reads a student or teacher list by extension: .xlsx, or .csv / .txt. */
export async function readTableFile(path: string): Promise<TableRows> {
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx") return readXlsxTable(path);
  return readCsvTable(path);
}
