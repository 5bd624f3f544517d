export type { LedgerInput, LedgerPlan, LedgerTask } from "./input.js";
export { formatDeadline, formatTarget, type LedgerRow, ledgerRows, splitUnits } from "./ledger-rows.js";
export { LEDGER_COLUMNS } from "./messages.js";
export { sanitizeSheetName, uniqueSheetNames } from "./sheet-names.js";
export { ledgerToXlsx } from "./xlsx.js";
