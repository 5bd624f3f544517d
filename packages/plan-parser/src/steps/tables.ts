import type { Diagnostic, Task } from "../model.js";
import { doubt, NO_DOUBTS } from "./confidence.js";
import { extractDeadlines } from "./extract-deadlines.js";
import { extractTargets, toTarget } from "./extract-targets.js";
import { splitUnits } from "./extract-units.js";
import { type Line, spanOf } from "./lines.js";
import { parseMarker } from "./numbering.js";
import type { PlanCalendar } from "./plan-calendar.js";
import { type ColumnContent, columnContents, headerLike } from "./table-content.js";
import { measuresOf, titleOf } from "./task-fields.js";

/**
 * Task-decomposition tables (任务分解表): docx tables, xlsx sheets, tab-separated text. The header
 * row is found by column names; merged cells arrive repeated (or empty), so a category spanning rows
 * is read from each row.
 */
type Column = "no" | "category" | "task" | "content" | "lead" | "units" | "co" | "deadline" | "target" | "other";

/**
 * Header names by what they contain, tried in order (a progress column "进度情况" or "当前进度" is no deadline and holds no targets, while "时间进度" is the deadline; a leader
 * column "责任领导" holds no units). A header cell is short; its bracketed part ("责任单位（部门）") is dropped.
 */
const COLUMN_WORDS: Array<[Column, RegExp]> = [
  ["no", /^(?:序号|编号|序|任务编号|No\.?|#)$/i],
  [
    "other",
    /完成情况|进展|进度情况|(?<!时间)进度$|推进情况|落实情况|执行情况|备注|实际|成效|领导|负责人|责任人|联系人|分管|督办|评分|分值|考核方式|佐证/,
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

/** The roles the words of a row's cells name; a merged header repeats its name, whose first cell names it. */
function namedColumns(cells: string[]): Map<number, Column> {
  const columns = new Map<number, Column>();
  cells.forEach((c, j) => {
    const col = columnOf(c);
    if (col && !(columns.get(j - 1) === col && cells[j - 1] === c)) columns.set(j, col);
  });
  return columns;
}

/** The work roles named (a leader or progress column names none). */
function workKinds(columns: Map<number, Column>): Set<Column> {
  const kinds = new Set(columns.values());
  kinds.delete("other");
  return kinds;
}

const isHeaderRow = (columns: Map<number, Column>) => {
  const kinds = workKinds(columns);
  return kinds.size >= 2 && (kinds.has("task") || kinds.has("content"));
};

/** A row of header-like cells (short names, no digits): at least two of them. */
const headerLikeRow = (cells: string[]) =>
  cells.filter((c) => c.trim()).length >= 2 && cells.every((c) => !c.trim() || headerLike(c));

/**
 * A header printed over two lines ("重点" / "任务", "责任" / "单位"): the names read down each column. Taken where
 * the second line names roles the first left unnamed.
 */
function twoLineHeader(rows: Line[], at: number, columns: Map<number, Column>): Map<number, Column> | null {
  const first = rows[at]!.cells!;
  const second = rows[at + 1]?.cells;
  if (!second || !headerLikeRow(second) || !headerLikeRow(first)) return null;
  const joined = namedColumns(first.map((c, j) => `${c.trim()}${(second[j] ?? "").trim()}`));
  return workKinds(joined).size > workKinds(columns).size && isHeaderRow(joined) ? joined : null;
}

/**
 * Columns the header leaves unnamed take the role their content shows, left to right, where that role is still
 * free: numbers are the 序号, dates the deadline, unit names the units (then the co-units), a sparse column of
 * headings or short names before the work the category, then the task and its content. Returns how many it named.
 */
function nameByContent(columns: Map<number, Column>, contents: ColumnContent[]): number {
  const has = (c: Column) => [...columns.values()].includes(c);
  let named = 0;
  const set = (j: number, c: Column) => {
    columns.set(j, c);
    if (c !== "other") named++;
  };
  contents.forEach(({ kind, filled }, j) => {
    if (columns.has(j) || !kind) return;
    const laterWork = contents.slice(j + 1).some((c) => c.kind === "long" || c.kind === "short");
    if (kind === "number" && !has("no") && !has("task") && !has("content")) set(j, "no");
    else if (kind === "date" && !has("deadline")) set(j, "deadline");
    else if (kind === "units" && !has("units") && !has("lead")) set(j, "units");
    else if (kind === "units" && !has("co")) set(j, "co");
    else if (kind === "other") set(j, "other");
    else if (
      (kind === "heading" || (kind === "short" && filled < 0.9)) &&
      laterWork &&
      !has("category") &&
      !has("task")
    )
      set(j, "category");
    else if ((kind === "short" || kind === "long") && !has("task") && !has("content")) set(j, "task");
    else if (kind === "long" && !has("content")) set(j, "content");
  });
  return named;
}

interface FoundHeader extends Header {
  /** Found by the words of a header row (else by the cells' content). */
  byWords: boolean;
  /** Some roles read from the cells, not named by the header. */
  guessed: boolean;
}

const contentsOf = (rows: Line[], width: number) =>
  columnContents(
    rows.map((r) => r.cells!),
    width,
  );

/**
 * The header row, by the words of its cells (a row naming the work and one more role); columns it leaves
 * unnamed are read by content. Failing words, a row of short names over a body whose columns show the work and
 * its units or deadlines, or no header row at all (the columns read from the rows themselves).
 */
function findHeader(rows: Line[]): FoundHeader | null {
  for (let i = 0; i < Math.min(rows.length, 8); i++) {
    let columns = namedColumns(rows[i]!.cells!);
    if (!isHeaderRow(columns)) continue;
    const width = rows[i]!.cells!.length;
    let at = i;
    const joined = twoLineHeader(rows, i, columns);
    if (joined) {
      columns = joined;
      at = i + 1;
    }
    const guessed = nameByContent(columns, contentsOf(rows.slice(at + 1), width)) > 0;
    return { at, columns, width, byWords: true, guessed };
  }
  const width = rows[0]!.cells!.length;
  for (const at of [0, 1, -1]) {
    if (at >= 0 && !(rows[at] && headerLikeRow(rows[at]!.cells!))) continue;
    // A header over two lines of unlisted names: the body starts under both.
    const bodyAt = at >= 0 && rows[at + 1] && headerLikeRow(rows[at + 1]!.cells!) ? at + 1 : at;
    const body = rows.slice(bodyAt + 1);
    if (body.length === 0) continue;
    const columns = namedColumns(at >= 0 ? rows[at]!.cells! : []);
    nameByContent(columns, contentsOf(body, width));
    const kinds = workKinds(columns);
    if ((kinds.has("task") || kinds.has("content")) && (kinds.has("units") || kinds.has("deadline")) && kinds.size >= 3)
      return { at: bodyAt, columns, width, byWords: false, guessed: true };
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

/**
 * Two columns named as the task ("任务来源" and "实事名称"): where the first is blank on rows whose other is
 * filled (a cell merged down the rows of a group), it is the group, not the task: the category.
 */
function sparseTaskAsCategory(header: Header, body: Line[]): void {
  const cols = [...header.columns].filter(([, c]) => c === "task").map(([j]) => j);
  if (cols.length < 2 || [...header.columns.values()].includes("category")) return;
  const [first, ...others] = cols as [number, ...number[]];
  const merged = body.some((r) => !r.cells![first]?.trim() && others.some((j) => r.cells![j]?.trim()));
  if (merged) header.columns.set(first, "category");
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
    // A table whose own header was found by its words keeps it; one read only by content is more likely
    // the previous table's continuation, where there is one of its width.
    const header: Header | null = (found?.byWords ? found : null) ?? continued ?? found;
    if (!header) continue;
    previous = header;
    const drafts: RowDraft[] = [];
    let section: string | null = null;
    // A category cell merged down its rows arrives on the first of them only: it carries to the rows below.
    let category = "";
    let body = rows.slice(header.at + 1);
    if (body[0] && refineRoles(header, body[0].cells!)) body = body.slice(1);
    sparseTaskAsCategory(header, body);
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
    const guessed = header !== found || found.guessed || ![...header.columns.values()].includes("no");
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
