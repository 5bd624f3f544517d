import type { Diagnostic, DocumentFormat, ParsedDocument, ParseOptions, Plan } from "./model.js";
import { buildTasks } from "./steps/build-tasks.js";
import { isIssuerLine, titleOf } from "./steps/find-plans.js";
import { type LaidOut, type Line, spanOf } from "./steps/lines.js";
import { parseMarker } from "./steps/numbering.js";
import { repairLines } from "./steps/repair-lines.js";
import { calendarFromTitle, type PlanCalendar } from "./steps/plan-calendar.js";
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

export function runPipeline(
  { lines, source, pieces }: LaidOut,
  options: ParseOptions,
  format: DocumentFormat,
): ParsedDocument {
  const diagnostics: Diagnostic[] = [];
  const regions = splitPlans(repairLines(lines));
  const plans: Plan[] = [];
  for (const region of regions) {
    const fromTitle = calendarFromTitle(region.title);
    const cal: PlanCalendar =
      options.year !== undefined
        ? { year: options.year, academic: fromTitle?.academic ?? false }
        : (fromTitle ?? { year: null, academic: false });
    const narrative = buildTasks(region.lines, cal, pieces);
    const tabular = buildTableTasks(region.lines, cal);
    const tasks = [...narrative.tasks, ...tabular.tasks].sort((a, b) => a.span.start - b.span.start);
    if (tasks.length === 0) continue;
    const title = region.title || firstShortLine(region.lines) || "未命名工作计划";
    const planDiagnostics = [...narrative.diagnostics, ...tabular.diagnostics];
    if (cal.year === null)
      planDiagnostics.push({
        code: "PLAN_YEAR_UNKNOWN",
        severity: "warning",
        message: "未能从标题识别计划年度，请指定年度",
      });
    const first = region.titleLine ?? region.lines[0]!;
    const last = region.lines[region.lines.length - 1] ?? first;
    plans.push({ title, year: cal.year, tasks, span: spanOf(first, last), diagnostics: planDiagnostics });
  }
  if (plans.length === 0)
    diagnostics.push({ code: "NO_TASKS", severity: "warning", message: "未识别到任何编号任务，请检查文档内容或格式" });
  return { plans, source, format, diagnostics };
}
