export { type DocxOptions, ledgerToDocx } from "./docx.js";
export type { LedgerInput, LedgerPlan, LedgerTask } from "./input.js";
export { formatDeadline, formatTarget, type LedgerRow, ledgerRows, splitUnits } from "./ledger-rows.js";
export { ledgerToMarkdown } from "./markdown.js";
export { LEDGER_COLUMNS } from "./messages.js";
export * from "./official-document.js";
export { type SheetSpec, tablesToXlsx } from "./print-tables.js";
export { sanitizeSheetName, uniqueSheetNames } from "./sheet-names.js";
export { displayWidth, isWide, titleLines, titleWords } from "./title-lines.js";
export { ledgerToXlsx } from "./xlsx.js";
export {
  a4PageSetup,
  fitRowHeights,
  heightForLines,
  MAX_ROW_HEIGHT,
  PAGE_FOOTER,
  type PrintOptions,
  printableSheet,
  styleRow,
  THIN_BORDERS,
  titleRow,
  wrappedLines,
} from "./xlsx-print.js";
