import type { Diagnostic, Task } from "../model.js";
import { doubt, NO_DOUBTS } from "./confidence.js";
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
type Column = "no" | "category" | "task" | "content" | "lead" | "units" | "co" | "deadline" | "target" | "other";

/**
 * Header names by what they contain, tried in order (a progress column "进度情况" is no deadline, a leader
 * column "责任领导" holds no units). A header cell is short; its bracketed part ("责任单位（部门）") is dropped.
 */
const COLUMN_WORDS: Array<[Column, RegExp]> = [
  ["no", /^(?:序号|编号|序|任务编号|No\.?|#)$/i],
  [
    "other",
    /完成情况|进展|进度情况|推进情况|落实情况|执行情况|备注|实际|成效|领导|负责人|责任人|联系人|分管|督办|评分|分值|考核方式|佐证/,
  ],
  ["co", /配合|协办|协同|协作|参与|协助|参加/],
  ["lead", /牵头|主责|主要责任|主办/],
  ["units", /单位|部门|科室|股室|处室|责任股|责任科|责任主体|承办|实施主体/],
  ["deadline", /时限|时间|节点|期限|日期|进度安排|截止/],
  ["category", /板块|类别|分类|领域|方向|类型|模块|篇章|一级|大项|所属/],
  ["content", /举措|措施|内容|具体|目标任务|任务要求|工作要求|工作目标|实施路径|推进措施/],
  ["task", /任务|项目|事项|名称|重点工作|工作$|二级/],
  ["target", /指标|目标|完成标志|成果形式|预期成果/],
];

function columnOf(cell: string): Column | null {
  const name = cell.replace(/\s+/g, "").replace(/[(（][^)）]*[)）]$/, "");
  if (!name || name.length > 10) return null;
  for (const [col, re] of COLUMN_WORDS) if (re.test(name)) return col;
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
    kinds.delete("other");
    const hasWork = kinds.has("task") || kinds.has("content");
    if (kinds.size >= 2 && hasWork) return { at: i, columns, width: rows[i]!.cells!.length };
  }
  return null;
}

function groupTables(lines: Line[]): Line[][] {
  const tables = new Map<number, Line[]>();
  for (const l of lines) {
    if (!l.cells || l.table === undefined) continue;
    const rows = tables.get(l.table);
    // Appending in place: copying the table's rows for each new row made a million-row sheet quadratic.
    if (rows) rows.push(l);
    else tables.set(l.table, [l]);
  }
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
    // A category cell merged down its rows arrives on the first of them only: it carries to the rows below.
    let category = "";
    let body = rows.slice(header.at + 1);
    if (body[0] && refineRoles(header, body[0].cells!)) body = body.slice(1);
    for (const row of body) {
      const cells = row.cells!;
      const distinct = [...new Set(cells.filter((c) => c))];
      if (distinct.length === 0) continue;
      if (isSectionRow(cells, distinct, header)) {
        section = sectionText(distinct);
        category = "";
        continue;
      }
      if (columnOf(distinct[0]!) && distinct.every((c) => columnOf(c))) continue; // repeated header
      let no = (cellsOf(row, header, "no")[0] ?? "").replace(/[.、．\s]/g, "");
      category = cellsOf(row, header, "category")[0] || category;
      const path = [section, category].filter((p): p is string => !!p);
      const byCol = new Map<Column, string[]>();
      for (const col of new Set(header.columns.values())) byCol.set(col, cellsOf(row, header, col));
      // "14.推进…" in the task cell: the number is the task's, not the title's.
      const named = byCol.get("task") ?? byCol.get("content");
      const numbered = named?.[0] ? parseMarker(named[0]) : null;
      if (numbered?.level === "arabic" && !no) {
        no = numbered.no;
        named![0] = numbered.rest;
      }
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
    const guessed = !found || ![...header.columns.values()].includes("no");
    for (const d of drafts) {
      const task = taskOf(d, cal);
      if (guessed) doubt(task, "TABLE_HEADER_GUESSED");
      tasks.push(task);
    }
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
    confidence: 1,
    reasons: NO_DOUBTS,
  };
}
