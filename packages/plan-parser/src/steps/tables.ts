import type { Diagnostic, Task } from "../model.js";
import { extractDeadlines } from "./extract-deadlines.js";
import { extractTargets, toTarget } from "./extract-targets.js";
import { splitUnits } from "./extract-units.js";
import { type Line, spanOf } from "./lines.js";
import { parseMarker } from "./numbering.js";
import type { PlanCalendar } from "./plan-calendar.js";
import { measuresOf, titleOf } from "./task-fields.js";

/**
 * Task-decomposition tables (任务分解表): docx tables, xlsx sheets, tab-separated text. The header
 * row is found by column names; merged cells arrive repeated (or empty), so a category spanning rows
 * is read from each row.
 */
type Column = "no" | "category" | "task" | "content" | "lead" | "units" | "co" | "deadline" | "target";

const COLUMN_NAMES: Array<[Column, RegExp]> = [
  ["no", /^(?:序号|编号|序|任务编号|No\.?)$/i],
  ["category", /^(?:所属板块|板块|类别|分类|领域|项目类别|工作类别|重点领域|一级任务|工作板块|项目)$/],
  ["task", /^(?:重点任务|工作任务|主要任务|任务名称|重点工作|工作事项|任务|工作项目|二级任务|重点工作任务)$/],
  [
    "content",
    /^(?:具体举措|工作措施|具体内容|主要措施|工作内容|具体任务|任务内容|具体措施|工作目标及措施|目标任务|主要内容|工作举措|推进措施|任务要求|具体工作)$/,
  ],
  ["lead", /^(?:牵头单位|牵头科室|牵头股室|牵头处室|牵头部门|主要责任单位|主责单位|牵头领导及单位)$/],
  ["units", /^(?:责任单位|责任科室|责任股室|责任处室|责任部门|责任主体|落实单位)$/],
  ["co", /^(?:配合单位|协同配合单位|协办单位|配合科室|协办股室|参与单位|协同单位|配合部门|协作单位)$/],
  ["deadline", /^(?:完成时限|完成时间|时间节点|时限|进度安排|时间安排|完成期限|时限要求|推进时限)$/],
  ["target", /^(?:量化指标|目标|指标|预期目标|工作目标|目标要求|完成标志)$/],
];

function columnOf(cell: string): Column | null {
  const name = cell.replace(/\s+/g, "");
  for (const [col, re] of COLUMN_NAMES) if (re.test(name)) return col;
  return null;
}

interface Header {
  at: number;
  columns: Map<number, Column>;
  width: number;
}

/** A second header row under a merged "责任单位" splits it: "牵头" | "配合". */
function refineRoles(header: Header, cells: string[]): boolean {
  const roles = cells.map((c) => c.replace(/\s+/g, ""));
  if (!roles.some((r) => /^(?:牵头|主责|配合|协办|协同|参与)(?:单位|科室|股室)?$/.test(r))) return false;
  if (roles.some((r) => r && !/^(?:牵头|主责|责任|主要|配合|协办|协同|参与)(?:单位|科室|股室)?$/.test(r))) return false;
  roles.forEach((r, j) => {
    if (/^(?:牵头|主责|主要)/.test(r)) header.columns.set(j, "lead");
    else if (/^(?:配合|协办|协同|参与)/.test(r)) header.columns.set(j, "co");
  });
  return true;
}

const WORK_COLUMNS: Column[] = ["content", "lead", "units", "co", "deadline", "target"];

/** A category row: one text across the row, a numbered heading alone, or nothing in the work columns. */
function isSectionRow(cells: string[], distinct: string[], header: Header): boolean {
  if (distinct.length === 1) {
    const level = parseMarker(distinct[0]!)?.level;
    return cells.filter((c) => c).length > 1 || level === "l1" || level === "l2" || level === "part";
  }
  const workCells = [...header.columns].filter(([, c]) => WORK_COLUMNS.includes(c)).map(([j]) => cells[j] ?? "");
  return workCells.length > 0 && workCells.every((c) => !c) && distinct.length <= 2;
}

/** "一" + "党的建设" → "一、党的建设"; a single text stays as printed. */
function sectionText(distinct: string[]): string {
  if (distinct.length === 2 && /^[一二三四五六七八九十]+$/.test(distinct[0]!)) return `${distinct[0]}、${distinct[1]}`;
  return distinct.join(" ");
}

function findHeader(rows: Line[]): Header | null {
  for (let i = 0; i < Math.min(rows.length, 8); i++) {
    const columns = new Map<number, Column>();
    rows[i]!.cells!.forEach((c, j) => {
      const col = columnOf(c);
      // A merged header repeats its name across the columns it spans; the first one names the column.
      if (col && !(columns.get(j - 1) === col && rows[i]!.cells![j - 1] === c)) columns.set(j, col);
    });
    const kinds = new Set(columns.values());
    const hasWork = kinds.has("task") || kinds.has("content");
    if (columns.size >= 2 && hasWork) return { at: i, columns, width: rows[i]!.cells!.length };
  }
  return null;
}

function groupTables(lines: Line[]): Line[][] {
  const tables = new Map<number, Line[]>();
  for (const l of lines) if (l.cells && l.table !== undefined) tables.set(l.table, [...(tables.get(l.table) ?? []), l]);
  return [...tables.values()];
}

interface RowDraft {
  no: string;
  path: string[];
  cells: Map<Column, string[]>;
  first: Line;
  last: Line;
}

const cellsOf = (row: Line, header: Header, col: Column): string[] =>
  [...header.columns].filter(([, c]) => c === col).map(([j]) => row.cells![j] ?? "");

export function buildTableTasks(lines: Line[], cal: PlanCalendar): { tasks: Task[]; diagnostics: Diagnostic[] } {
  const tasks: Task[] = [];
  const diagnostics: Diagnostic[] = [];
  let previous = null as Header | null;
  for (const rows of groupTables(lines)) {
    // A table continued on the next page often arrives as a second table without its header.
    const found = findHeader(rows);
    const continued: Header | null =
      previous !== null && rows[0]!.cells!.length === previous.width ? { ...previous, at: -1 } : null;
    const header = found ?? continued;
    if (!header) continue;
    previous = header;
    const drafts: RowDraft[] = [];
    let section: string | null = null;
    let body = rows.slice(header.at + 1);
    if (body[0] && refineRoles(header, body[0].cells!)) body = body.slice(1);
    for (const row of body) {
      const cells = row.cells!;
      const distinct = [...new Set(cells.filter((c) => c))];
      if (distinct.length === 0) continue;
      if (isSectionRow(cells, distinct, header)) {
        section = sectionText(distinct);
        continue;
      }
      if (columnOf(distinct[0]!) && distinct.every((c) => columnOf(c))) continue; // repeated header
      const no = (cellsOf(row, header, "no")[0] ?? "").replace(/[.、．\s]/g, "");
      const category = cellsOf(row, header, "category")[0] ?? "";
      const path = [section, category].filter((p): p is string => !!p);
      const byCol = new Map<Column, string[]>();
      for (const col of new Set(header.columns.values())) byCol.set(col, cellsOf(row, header, col));
      const title = (byCol.get("task") ?? [])[0] ?? "";
      const prev = drafts[drafts.length - 1];
      // A task spanning rows (merged 序号/重点任务) continues with more measures.
      if (prev && ((no && prev.no === no) || (!no && title && (prev.cells.get("task") ?? [])[0] === title))) {
        for (const [col, vals] of byCol) {
          const merged = prev.cells.get(col) ?? [];
          vals.forEach((v, k) => {
            if (v && !merged[k]?.split("\n").includes(v)) merged[k] = merged[k] ? `${merged[k]}\n${v}` : v;
          });
          prev.cells.set(col, merged);
        }
        prev.last = row;
        continue;
      }
      drafts.push({ no: no || String(drafts.length + 1), path, cells: byCol, first: row, last: row });
    }
    for (const d of drafts) tasks.push(taskOf(d, cal));
    if (drafts.length && ![...header.columns.values()].includes("no"))
      diagnostics.push({ code: "TABLE_HEADER_GUESSED", severity: "info", message: "表格没有序号列，已按行顺序编号" });
  }
  return { tasks, diagnostics };
}

function taskOf(d: RowDraft, cal: PlanCalendar): Task {
  const get = (c: Column) => (d.cells.get(c) ?? []).filter((v) => v && !/^[—\-–/无]+$/.test(v));
  const taskText = get("task").join("\n");
  const content = get("content").join("\n");
  const lead = get("lead").flatMap((v) => splitUnits(v).units);
  const responsible = get("units").flatMap((v) => splitUnits(v).units);
  const co = get("co").flatMap((v) => splitUnits(v).units);
  const units = [...lead, ...responsible, ...co];
  const leadCount = lead.length > 0 ? lead.length : responsible.length > 0 ? 1 : 0;
  const firstLine = taskText || (content.split("\n")[0] ?? "");
  const title = taskText ? titleOf(taskText.replace(/\n/g, ""), false) : titleOf(firstLine, true);
  const text = [taskText, content].filter(Boolean).join("\n");
  const deadlines = [
    ...extractDeadlines(text, cal),
    ...get("deadline").flatMap((v) => extractDeadlines(v, cal, true)),
  ].map(({ text: t, date, kind }) => ({ text: t, date, kind }));
  const targets = [...extractTargets(text), ...get("target").flatMap((v) => extractTargets(v))].map(toTarget);
  return {
    no: d.no,
    path: d.path,
    title,
    units,
    leadCount,
    deadlines,
    targets,
    body: content || taskText,
    measures: measuresOf(content.split("\n")),
    span: spanOf(d.first, d.last),
  };
}
