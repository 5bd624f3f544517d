import { A4, LANDSCAPE_MARGINS, textWidth } from "./official-document.js";

/** The 任务分解表 table on landscape A4 (page setup, fonts and sizes: ./official-document.ts). */
export const TABLE_WIDTH = textWidth(LANDSCAPE_MARGINS, A4.height);
/** Shares of the table width, in LEDGER_COLUMNS order; they sum to 100. */
export const COLUMN_SHARES = [5, 12, 13, 30, 9, 11, 9, 11];
