import ExcelJS from "exceljs";
import type { LedgerInput, LedgerPlan } from "./input.js";
import { ledgerRows, planTitle, rowCells } from "./ledger-rows.js";
import { LEDGER_COLUMNS, messages, XLSX_FOOTER } from "./messages.js";
import { uniqueSheetNames } from "./sheet-names.js";
import { cellText } from "./text.js";

/** Column widths in characters, in LEDGER_COLUMNS order. */
const COLUMN_WIDTHS = [6, 22, 24, 60, 14, 18, 20, 26];
const TITLE_ROW = 1;
const HEADER_ROW = 2;
const FONT = "宋体";

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** The 任务分解表 as an .xlsx workbook: one sheet per plan, print-ready on A4 landscape. */
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
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: XLSX_FOOTER, evenFooter: XLSX_FOOTER },
  });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));

  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = cellText(planTitle(plan));
  title.height = 32;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, LEDGER_COLUMNS.length);
  title.getCell(1).font = { name: FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };

  const header = sheet.getRow(HEADER_ROW);
  header.values = [...LEDGER_COLUMNS];
  styleRow(header, { name: FONT, size: 11, bold: true }, "center");
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  });

  for (const row of ledgerRows(plan)) {
    const added = sheet.addRow(rowCells(row).map(cellText));
    styleRow(added, { name: FONT, size: 10.5 }, "left");
    added.getCell(1).alignment = { horizontal: "center", vertical: "top", wrapText: true };
  }
}

function styleRow(row: ExcelJS.Row, font: Partial<ExcelJS.Font>, horizontal: "left" | "center"): void {
  for (let c = 1; c <= LEDGER_COLUMNS.length; c++) {
    const cell = row.getCell(c);
    cell.font = font;
    cell.border = BORDER;
    cell.alignment = { horizontal, vertical: horizontal === "center" ? "middle" : "top", wrapText: true };
  }
}
