import type { Diagnostic, DocumentFormat, ParsedDocument, ParseOptions, Plan, Task } from "./model.js";
import { buildTasks } from "./steps/build-tasks.js";
import { rateTasks } from "./steps/confidence.js";
import { isIssuerLine, titleOf } from "./steps/find-plans.js";
import { type LaidOut, type Line, spanOf } from "./steps/lines.js";
import { parseMarker } from "./steps/numbering.js";
import { calendarFromTitle, type PlanCalendar } from "./steps/plan-calendar.js";
import { repairLines } from "./steps/repair-lines.js";
import { buildTableTasks } from "./steps/tables.js";

interface Region {
  title: string;
  titleLine: Line | null;
  lines: Line[];
}

const CLAUSE_MARK = /[。;；:：,，]/;
const ISSUER_WORD = /局|委员会|政府|县|市|区|省|州|旗/;

/** Splits the document at plan titles; a title printed twice with nothing between counts once. */
function splitPlans(lines: Line[]): Region[] {
  const regions: Region[] = [];
  let current: Region = { title: "", titleLine: null, lines: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cellTitle = line.cells ? singleCellText(line.cells) : null;
    if (line.cells && cellTitle === null) {
      current.lines.push(line);
      continue;
    }
    const text = cellTitle ?? line.text;
    const prev = lines[i - 1];
    const prevText = prev && !prev.cells ? prev.text : "";
    const title = text ? titleOf(text) : null;
    // A title broken over two lines: "XX县教育和体育局" / "2024年工作要点", or "…2024年" / "工作要点".
    const joinedTitle =
      prevText && prevText.length <= 30 && !CLAUSE_MARK.test(prevText) ? titleOf(prevText + text) : null;
    const useJoined =
      joinedTitle !== null &&
      // A subtitle line never swallows the heading after it: "（2025-2026学年度）" + "一、工作要点".
      !parseMarker(text) &&
      ((title === null && !titleOf(prevText)) ||
        (title !== null && isIssuerLine(prevText) && !ISSUER_WORD.test(title)));
    if (title || useJoined) {
      if (useJoined) current.lines.pop();
      regions.push(current);
      current = { title: useJoined ? joinedTitle! : title!, titleLine: useJoined ? prev! : line, lines: [] };
      continue;
    }
    current.lines.push(line);
  }
  regions.push(current);
  return regions;
}

function singleCellText(cells: string[]): string | null {
  const distinct = [...new Set(cells.filter((c) => c))];
  return distinct.length === 1 ? distinct[0]! : null;
}

function firstShortLine(lines: Line[]): string {
  for (const l of lines) {
    if (!l.text || l.cells || parseMarker(l.text)) continue;
    return l.text.length <= 40 && !/[。;；]/.test(l.text) ? l.text : "";
  }
  return "";
}

/** A subtitle line under a title: "（2025-2026学年度第一学期）", "——2025年秋季学期". */
const SUBTITLE = /^(?:——|--|—|[(（])/;
const DATED = /(20\d{2})\s*[-—–~至]\s*(20\d{2})\s*学年|(20\d{2})\s*年/;

/**
 * The plan calendar: from the title, else its subtitle line, else the first dated phrase of the body (then
 * `from` says where, for a warning).
 */
function calendarOf(region: Region): { cal: PlanCalendar; from?: string } | null {
  const fromTitle =
    calendarFromTitle(region.title) ?? (region.titleLine ? calendarFromTitle(region.titleLine.text) : null);
  if (fromTitle) return { cal: fromTitle };
  let seen = 0;
  for (const line of region.lines) {
    if (!line.text || line.cells) continue;
    if (seen++ === 0 && SUBTITLE.test(line.text) && line.text.length <= 40) {
      const sub = calendarFromTitle(line.text);
      if (sub) return { cal: sub };
    }
    if (seen > 12) break;
    const m = DATED.exec(line.text);
    if (m) {
      const cal = calendarFromTitle(m[0]);
      if (cal) return { cal, from: `正文“${m[0]}”` };
    }
  }
  return null;
}

/** A task that is only a short line with no sentence, no unit and no deadline: a link of a list. */
const isLink = (t: Task): boolean =>
  t.units.length === 0 && t.deadlines.length === 0 && t.body.length <= 40 && !t.body.includes("。");

export function runPipeline(
  { lines, source, pieces }: LaidOut,
  options: ParseOptions,
  format: DocumentFormat,
): ParsedDocument {
  const diagnostics: Diagnostic[] = [];
  const regions = splitPlans(repairLines(lines));
  const plans: Plan[] = [];
  for (const region of regions) {
    const found = calendarOf(region);
    const cal: PlanCalendar =
      options.year !== undefined
        ? { year: options.year, academic: found?.cal.academic ?? false }
        : (found?.cal ?? { year: null, academic: false });
    const narrative = buildTasks(region.lines, cal, pieces);
    const tabular = buildTableTasks(region.lines, cal);
    const tasks = [...narrative.tasks, ...tabular.tasks].sort((a, b) => a.span.start - b.span.start);
    if (tasks.length === 0 || (!region.title && tasks.every(isLink))) continue;
    const title = region.title || firstShortLine(region.lines) || "未命名工作计划";
    const planDiagnostics = [...narrative.diagnostics, ...tabular.diagnostics];
    if (found?.from && options.year === undefined)
      planDiagnostics.push({
        code: "PLAN_YEAR_INFERRED",
        severity: "warning",
        message: `标题未写年度，计划年度${cal.year}取自${found.from}，请核对`,
      });
    if (cal.year === null)
      planDiagnostics.push({
        code: "PLAN_YEAR_UNKNOWN",
        severity: "warning",
        message: "未能从标题识别计划年度，请指定年度",
      });
    rateTasks(tasks, options.year !== undefined || (found && !found.from) ? "title" : found ? "inferred" : "unknown");
    const first = region.titleLine ?? region.lines[0]!;
    const last = region.lines[region.lines.length - 1] ?? first;
    plans.push({ title, year: cal.year, tasks, span: spanOf(first, last), diagnostics: planDiagnostics });
  }
  if (plans.length === 0)
    diagnostics.push({ code: "NO_TASKS", severity: "warning", message: "未识别到任何编号任务，请检查文档内容或格式" });
  return { plans, source, format, diagnostics };
}
