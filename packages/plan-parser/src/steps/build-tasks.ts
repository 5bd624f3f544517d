import type { Diagnostic, Task } from "../model.js";
import { doubt, NO_DOUBTS } from "./confidence.js";
import { isUnitLine } from "./extract-units.js";
import { isJunk, isLinkListHeading, isTocEntry } from "./find-plans.js";
import { type Classified, expandInline, InlineCandidates } from "./inline-items.js";
import { type Line, spanOf } from "./lines.js";
import { type Marker, type MarkerLevel, parseMarker } from "./numbering.js";
import type { PlanCalendar } from "./plan-calendar.js";
import type { TextView } from "./target-starts.js";
import { readTaskFields } from "./task-fields.js";

/** Headings after the tasks that hold requirements, not work items. */
const CLOSING_SECTION =
  /^(?:保障措施|工作要求|组织保障|保障机制|有关要求|工作保障|实施步骤|工作步骤|组织实施|几点要求)/;

type TaskLevel = Extract<MarkerLevel, "arabic" | "l4" | "l2" | "l1">;

/** A （一） heading that is a title only ("加强政治建设", "加强政治建设。"): the work is in the items under it. */
function bareHeading(rest: string): boolean {
  const stop = rest.indexOf("。");
  return (stop < 0 || stop === rest.length - 1) && !rest.includes("责任");
}

/**
 * The task level: Arabic numbers where the plan has them; else the innermost level that carries the work: the
 * 1）/（1） items where most （一） are bare headings over them, else （一）, else 一、.
 */
function taskLevelOf(markers: Array<Marker | null>): TaskLevel | null {
  let arabic = 0;
  let l4 = 0;
  let l2 = 0;
  let l2Bare = 0;
  let l1 = 0;
  for (const m of markers) {
    if (m?.level === "arabic") arabic++;
    else if (m?.level === "l4") l4++;
    else if (m?.level === "l2") {
      l2++;
      if (bareHeading(m.rest)) l2Bare++;
    } else if (m?.level === "l1") l1++;
  }
  if (arabic >= 2) return "arabic";
  if (l4 >= 2 && l2Bare > l2 - l2Bare) return "l4";
  if (l2 >= 1) return "l2";
  if (l1 >= 1) return "l1";
  return null;
}

/** A standalone "一是…" line heads the tasks after it when it sits between tasks, not inside one. */
function ordinalHeadings({ lines, markers }: Classified): Set<number> {
  const headings = new Set<number>();
  let previousWasHeading = false;
  markers.forEach((m, i) => {
    if (m?.level !== "ordinal") return;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.text) j++;
    const nextIsTask = markers[j]?.level === "arabic";
    if (nextIsTask && (m.value === 1 || previousWasHeading)) {
      headings.add(i);
      previousWasHeading = true;
    } else previousWasHeading = false;
  });
  return headings;
}

/** The headings above the current line ("" where there is none). */
interface Heads {
  part: string;
  l1: string;
  l2: string;
  ordinal: string;
}

/**
 * A task's path: the headings above it, outermost first, down to the level above its own. (Every task keeps
 * one: it is built at its size, not grown by push.)
 */
function pathOf(heads: Heads, level: TaskLevel): string[] {
  const { part } = heads;
  const l1 = level === "l1" ? "" : heads.l1;
  const l2 = level === "arabic" || level === "l4" ? heads.l2 : "";
  const ordinal = level === "arabic" ? heads.ordinal : "";
  const path = new Array<string>((part ? 1 : 0) + (l1 ? 1 : 0) + (l2 ? 1 : 0) + (ordinal ? 1 : 0));
  let i = 0;
  for (const head of [part, l1, l2, ordinal]) if (head) path[i++] = head;
  return path;
}

interface Draft {
  no: string;
  /** The number's value, as its marker read it. */
  value: number;
  path: string[];
  first: string;
  rest: string[];
  startLine: Line;
  endLine: Line;
  /** Where `first` starts in the source, and whether the task's lines follow one another there. */
  start: number;
  contiguous: boolean;
  /** A line of it was joined or cut out of a longer line (a doubt for review). */
  joined: boolean;
  inline: boolean;
}

/**
 * Whether a marker's rest (the trimmed tail of the line after the marker) ends the line: unless the tail had
 * trailing space, whose trimming changes the last character.
 */
function endsWithRest(line: string, rest: string): boolean {
  return rest === "" || line.charCodeAt(line.length - 1) === rest.charCodeAt(rest.length - 1);
}

/** What a task reads of the source: a view of it (the source itself, or the pieces it was laid out in). */
type SourceView = Pick<string, "slice"> & { viewOf?(start: number, end: number): TextView | null };

/**
 * Builds the tasks of one plan from its lines (a plan region without its title). Given the source the lines
 * are views of, a task whose lines follow one another there reads its text as a view of it too.
 */
export function buildTasks(
  lines: Line[],
  cal: PlanCalendar,
  source?: SourceView,
): { tasks: Task[]; diagnostics: Diagnostic[] } {
  const classified: Classified = { lines: [], markers: [] };
  const candidates = new InlineCandidates();
  for (const line of lines)
    if (!line.cells && !isTocEntry(line.text)) {
      const marker = line.text ? parseMarker(line.text) : null;
      candidates.note(classified.lines.length, marker, line.text.length);
      classified.lines.push(line);
      classified.markers.push(marker);
    }
  candidates.end();
  const items = expandInline(classified, candidates);
  const level = taskLevelOf(items.markers);
  const diagnostics: Diagnostic[] = [];
  if (!level) return { tasks: [], diagnostics };
  const ordinalHeads = level === "arabic" ? ordinalHeadings(items) : new Set<number>();

  const drafts: Draft[] = [];
  const heads: Heads = { part: "", l1: "", l2: "", ordinal: "" };
  let current: Draft | null = null;
  let closing = false;
  /** Under a "相关链接" heading: numbered lines are links until the next heading. */
  let links = false;

  for (let i = 0; i < items.lines.length; i++) {
    const line = items.lines[i]!;
    const marker = items.markers[i] ?? null;
    if (!line.text) continue;
    if (isJunk(line.text)) {
      links ||= isLinkListHeading(line.text);
      current = null;
      continue;
    }
    const lv = marker?.level;
    if (lv === level) {
      if (closing || links) {
        current = null;
        continue;
      }
      current = {
        no: marker!.no,
        value: marker!.value,
        path: pathOf(heads, level),
        first: marker!.rest,
        rest: [],
        startLine: line,
        endLine: line,
        // The text after the marker ends the line (lines are trimmed); it starts where its length says.
        start: line.end - marker!.rest.length,
        contiguous: source !== undefined && !line.joined && endsWithRest(line.text, marker!.rest),
        joined: line.joined === true,
        inline: line.inline === true,
      };
      drafts.push(current);
      continue;
    }
    if (lv === "part" || (lv === "l1" && level !== "l1") || (lv === "l2" && (level === "arabic" || level === "l4"))) {
      if (lv === "part") {
        heads.part = line.text;
        heads.l1 = "";
      }
      if (lv === "l1") {
        heads.l1 = line.text;
        // Only an Arabic task level makes a closing section's items non-tasks (their （一） are requirements).
        closing = (level === "arabic" || level === "l4") && drafts.length > 0 && CLOSING_SECTION.test(marker!.rest);
      }
      if (lv === "part" || lv === "l1") heads.l2 = "";
      links = false;
      if (lv === "l2") heads.l2 = line.text;
      heads.ordinal = "";
      current = null;
      continue;
    }
    if (lv === "ordinal" && ordinalHeads.has(i)) {
      heads.ordinal = line.text;
      current = null;
      continue;
    }
    const to = current ?? (isUnitLine(line.text) ? drafts[drafts.length - 1] : undefined);
    // (A unit line printed after a blank line still belongs to the task above.)
    if (to) {
      to.rest.push(line.text);
      to.contiguous &&= !line.joined && line.start === to.endLine.end + 1;
      if (line.joined) to.joined = true;
      to.endLine = line;
    }
  }

  const tasks: Task[] = [];
  for (const d of drafts) tasks.push(taskOf(d, cal, diagnostics, source));
  diagnostics.push(...numberingDiagnostics(tasks, drafts));
  return { tasks, diagnostics };
}

/** A draft's task, its field diagnostics added to `diagnostics`. */
function taskOf(d: Draft, cal: PlanCalendar, diagnostics: Diagnostic[], source: SourceView | undefined): Task {
  // The lines joined with line breaks, as the source holds them where they follow one another.
  const text = d.contiguous ? source!.slice(d.start, d.endLine.end) : undefined;
  const view = text !== undefined ? (source!.viewOf?.(d.start, d.endLine.end) ?? undefined) : undefined;
  const f = readTaskFields(d.first, d.rest, cal, text, view);
  const span = spanOf(d.startLine, d.endLine);
  if (f.unitsUnsplit)
    diagnostics.push({
      code: "UNIT_LIST_UNSPLIT",
      severity: "warning",
      message: `第${d.no}项的责任单位无法可靠拆分，请核对`,
      span,
    });
  if (f.yearMissing)
    diagnostics.push({
      code: "DEADLINE_NO_YEAR",
      severity: "warning",
      message: `第${d.no}项的完成时限缺少年份，请补充计划年度`,
      span,
    });
  const task: Task = {
    no: d.no,
    path: d.path,
    title: f.title,
    units: f.units,
    leadCount: f.leadCount,
    deadlines: f.deadlines,
    targets: f.targets,
    body: f.body,
    measures: f.measures,
    span,
    confidence: 1,
    reasons: NO_DOUBTS,
  };
  if (d.joined) doubt(task, "JOINED_LINE");
  if (d.inline) doubt(task, "INLINE_ITEM");
  if (f.unitsUnsplit) doubt(task, "UNITS_UNSPLIT");
  return task;
}

/** Gaps and repeats in the task numbers (`drafts[i]` holds the value of `tasks[i]`'s number). */
function numberingDiagnostics(tasks: Task[], drafts: Draft[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let prev: number | null = null;
  for (const [i, t] of tasks.entries()) {
    const value = drafts[i]!.value;
    if (prev !== null && value !== prev + 1 && value !== 1) {
      const code = value === prev ? "NUMBERING_DUPLICATE" : "NUMBERING_GAP";
      const message = value === prev ? `任务编号${t.no}重复` : `任务编号从${prev}跳到${t.no}，中间可能有遗漏`;
      out.push({ code, severity: "warning", message, span: t.span });
      doubt(t, "NUMBERING_GAP");
    }
    prev = value;
  }
  return out;
}
