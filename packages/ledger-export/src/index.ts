export { type DocxOptions, ledgerToDocx } from "./docx.js";
export { DEFAULT_FONTS, type DocxFonts } from "./docx-style.js";
export type { LedgerInput, LedgerPlan, LedgerTask } from "./input.js";
export { formatDeadline, formatTarget, type LedgerRow, ledgerRows, splitUnits } from "./ledger-rows.js";
export { ledgerToMarkdown } from "./markdown.js";
export { LEDGER_COLUMNS } from "./messages.js";
export { sanitizeSheetName, uniqueSheetNames } from "./sheet-names.js";
export { ledgerToXlsx } from "./xlsx.js";
