import ExcelJS from "exceljs";
import type { LedgerInput, LedgerPlan } from "./input.js";
import { ledgerRows, planTitle, rowCells } from "./ledger-rows.js";
import { LEDGER_COLUMNS, messages, XLSX_FOOTER } from "./messages.js";
import { uniqueSheetNames } from "./sheet-names.js";
import { cellText } from "./text.js";
import { fitRowHeights, printableSheet, styleRow, titleRow } from "./xlsx-print.js";

/** Column widths in characters, in LEDGER_COLUMNS order. */
const COLUMN_WIDTHS = [6, 22, 24, 60, 14, 18, 20, 26];
const TITLE_ROW = 1;
const HEADER_ROW = 2;
const FONT = "宋体";

/**
 * The 任务分解表 as an .xlsx workbook: one sheet per plan, print-ready on A4 landscape (one page wide,
 * title and header on every page), bordered, each row as tall as its wrapped text.
 */
export async function ledgerToXlsx(doc: LedgerInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Luoshi";
  workbook.created = new Date(0);
  // A workbook without sheets does not open; an empty document still gets an empty table.
  const plans: LedgerPlan[] = doc.plans.length ? doc.plans : [{ title: messages.documentTitle, year: null, tasks: [] }];
  const names = uniqueSheetNames(plans.map(planTitle));
  plans.forEach((plan, i) => {
    addPlanSheet(workbook, plan, names[i] ?? messages.untitledSheet);
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function addPlanSheet(workbook: ExcelJS.Workbook, plan: LedgerPlan, name: string): void {
  const sheet = workbook.addWorksheet(
    name,
    printableSheet({ frozenRows: HEADER_ROW, repeatRows: `${TITLE_ROW}:${HEADER_ROW}`, footer: XLSX_FOOTER }),
  );
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  titleRow(sheet, TITLE_ROW, LEDGER_COLUMNS.length, cellText(planTitle(plan)), FONT);

  const header = sheet.getRow(HEADER_ROW);
  header.values = [...LEDGER_COLUMNS];
  styleRow(header, LEDGER_COLUMNS.length, { name: FONT, size: 11, bold: true }, "center");
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  });

  for (const row of ledgerRows(plan)) {
    const added = sheet.addRow(rowCells(row).map(cellText));
    styleRow(added, LEDGER_COLUMNS.length, { name: FONT, size: 10.5 });
    added.getCell(1).alignment = { horizontal: "center", vertical: "top", wrapText: true };
  }
  fitRowHeights(sheet);
}
