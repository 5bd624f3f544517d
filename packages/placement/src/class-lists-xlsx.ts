import { displayWidth, fitRowHeights, printableSheet, styleRow, titleRow } from "@luoshi/ledger-export";
import ExcelJS from "exceljs";
import { LABELS } from "./messages.js";
import type { Roster } from "./model.js";
import type { PlacementResult } from "./placement.js";
import { statisticsTable } from "./presenters.js";

const FONT = "宋体";
const TITLE_ROW = 1;
const HEADER_ROW = 2;

/**
 * A printable table: the title merged over the columns, a bordered header and body, A4 portrait
 * one page wide with the title and header repeated on each page, rows as tall as their text.
 */
function addTable(sheet: ExcelJS.Worksheet, title: string, header: string[], rows: (string | number)[][]): void {
  sheet.columns = header.map((h, i) => {
    const widest = Math.max(...[h, ...rows.map((r) => String(r[i] ?? ""))].map((t) => displayWidth(t)));
    return { width: Math.min(40, Math.max(8, widest * 2 + 2)) };
  });
  titleRow(sheet, TITLE_ROW, header.length, title, FONT);
  const head = sheet.getRow(HEADER_ROW);
  head.values = header;
  styleRow(head, header.length, { name: FONT, size: 11, bold: true }, "center");
  for (const r of rows) styleRow(sheet.addRow(r), header.length, { name: FONT, size: 11 }, "center");
  fitRowHeights(sheet);
}

const sheetOptions = () =>
  printableSheet({ frozenRows: HEADER_ROW, repeatRows: `${TITLE_ROW}:${HEADER_ROW}`, orientation: "portrait" });

/**
 * Class lists: a summary sheet with the statistics, then one sheet per class (名单), each titled
 * (`title` names the placement, e.g. 2025级七年级新生均衡编班) and print-ready on A4.
 */
export async function classListsXlsx(
  roster: Roster,
  result: PlacementResult,
  title: string = LABELS.defaultTitle,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "luoshi";
  const summary = statisticsTable(result);
  addTable(
    workbook.addWorksheet(LABELS.summarySheet, sheetOptions()),
    LABELS.summaryTitle(title),
    summary.header,
    summary.rows,
  );
  const byId = new Map(roster.students.map((s) => [s.id, s] as const));
  const header = [LABELS.index, LABELS.id, LABELS.name, LABELS.gender, ...roster.scoreNames, LABELS.tags, LABELS.group];
  for (const c of result.classes) {
    const sheet = workbook.addWorksheet(LABELS.className(c.classNo), sheetOptions());
    const rows = c.students.map((p, i) => {
      const s = byId.get(p.id);
      return [i + 1, p.id, p.name, p.gender, ...(s?.scores ?? []), (s?.tags ?? []).join("、"), s?.group ?? ""];
    });
    addTable(sheet, LABELS.classListTitle(title, c.classNo), header, rows);
    if (c.headTeacher) {
      sheet.addRow([]);
      sheet.addRow([LABELS.headTeacher, c.headTeacher.name]);
      if (c.teachers && c.teachers.length > 0) {
        sheet.addRow([
          LABELS.teamMembers,
          c.teachers.map((t) => (t.subject ? `${t.subject} ${t.name}` : t.name)).join("、"),
        ]);
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
