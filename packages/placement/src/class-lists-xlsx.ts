import ExcelJS from "exceljs";
import { LABELS } from "./messages.js";
import type { Roster } from "./model.js";
import type { PlacementResult } from "./placement.js";
import { statisticsTable } from "./presenters.js";

function addTable(sheet: ExcelJS.Worksheet, header: string[], rows: (string | number)[][]): void {
  const head = sheet.addRow(header);
  head.font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((col, i) => {
    const widest = Math.max(...[header[i] ?? "", ...rows.map((r) => String(r[i] ?? ""))].map((t) => t.length));
    col.width = Math.min(40, Math.max(8, widest * 2 + 2));
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

/** Class lists: a summary sheet with the statistics, then one sheet per class (名单). */
export async function classListsXlsx(roster: Roster, result: PlacementResult): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "luoshi";
  const summary = statisticsTable(result);
  addTable(workbook.addWorksheet(LABELS.summarySheet), summary.header, summary.rows);
  const byId = new Map(roster.students.map((s) => [s.id, s] as const));
  const header = [LABELS.index, LABELS.id, LABELS.name, LABELS.gender, ...roster.scoreNames, LABELS.tags, LABELS.group];
  for (const c of result.classes) {
    const sheet = workbook.addWorksheet(LABELS.className(c.classNo));
    const rows = c.students.map((p, i) => {
      const s = byId.get(p.id);
      return [i + 1, p.id, p.name, p.gender, ...(s?.scores ?? []), (s?.tags ?? []).join("、"), s?.group ?? ""];
    });
    addTable(sheet, header, rows);
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
