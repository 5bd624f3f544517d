import type { Deadline, Target } from "../model.js";
import { charTable, SPACE_CODE } from "./char-table.js";
import { extractDeadlines } from "./extract-deadlines.js";
import { extractTargets, toTarget } from "./extract-targets.js";
import { extractUnits, type FoundUnits } from "./extract-units.js";
import type { PlanCalendar } from "./plan-calendar.js";
import { scanText, type TextView } from "./target-starts.js";

export interface TaskFields {
  title: string;
  body: string;
  units: string[];
  leadCount: number;
  deadlines: Deadline[];
  targets: Target[];
  measures: string[];
  unitsUnsplit: boolean;
  yearMissing: boolean;
}

/** The lead phrase: up to the first 。 (the whole first line where it holds only the title). */
export function titleOf(firstLine: string, hasMore: boolean): string {
  const stop = firstLine.indexOf("。");
  let title = stop >= 0 ? firstLine.slice(0, stop) : firstLine;
  if (stop < 0 && !hasMore) title = firstLine;
  // A label or schedule in brackets at the end of a title line is not part of the title. (Both patterns
  // end the text: they are tried only where its last character can end them.)
  const closing = title.trimEnd().at(-1);
  if (closing === ")" || closing === "）") title = title.replace(BRACKETED_END, "");
  return title.length > 0 && TRAILING_STOP[title.charCodeAt(title.length - 1)] === 1
    ? title.replace(TRAILING_STOPS, "").trim()
    : title.trim();
}

const BRACKETED_END =
  /\s*[(（][^()（）]*(?:单位|科室|股室|处室|完成|月|年底|贯穿全年|牵头|负责|配合)[^()（）]*[)）]\s*$/;
/** The characters TRAILING_STOPS can end with. */
const TRAILING_STOP = (() => {
  const table = charTable("。;；,，:：");
  for (let c = 0; c < 0x10000; c++) if (SPACE_CODE[c] === 1) table[c] = 1;
  return table;
})();
const TRAILING_STOPS = /[。;；,，:：\s]+$/;

const ORDINAL_SPLIT = /(?=(?:^|[。;；])\s*[一二三四五六七八九十]+是)/;
const SUB_ITEM = /^(?:\(?\d{1,2}\)|[\u2460-\u2473]|[一二三四五六七八九十]+是)/;
/** What SUB_ITEM can start with: a bracket, a digit, a circled number or a numeral of 一…十. */
const SUB_ITEM_FIRST = (() => {
  const table = charTable("(0123456789一二三四五六七八九十");
  table.fill(1, 0x2460, 0x2474);
  return table;
})();
const STOP_START = /^[。;；]\s*/;
const ORDINAL_START = /^[一二三四五六七八九十]+是/;
const BLANK_LINES = /\n{2,}/g;

const ORDINAL_NUMERALS = charTable("一二三四五六七八九十");

/** Whether a Chinese numeral comes right before some 是 ("一是"): the split below needs one. */
function hasOrdinal(line: string): boolean {
  for (let i = line.indexOf("是"); i >= 0; i = line.indexOf("是", i + 1))
    if (i > 0 && ORDINAL_NUMERALS[line.charCodeAt(i - 1)] === 1) return true;
  return false;
}

/** Sub-items of a task: (1)… lines, ①… lines, and 一是…二是… clauses. */
export function measuresOf(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (SUB_ITEM_FIRST[line.charCodeAt(0)] === 1 && SUB_ITEM.test(line)) {
      out.push(line);
      continue;
    }
    if (!hasOrdinal(line)) continue;
    const parts = line.split(ORDINAL_SPLIT);
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!.replace(STOP_START, "").trim();
      if (ORDINAL_START.test(p)) out.push(p);
    }
  }
  return out;
}

const OPENING_BRACKET = charTable("(（");
const CLOSING_BRACKET = charTable(")）");
const FULL_STOP = 0x3002;

/**
 * The task's text without its unit labels and lists. A schedule printed with them stays, in its
 * brackets where it had them ("…（完成时限：6月底前）"); a label standing as a sentence of its own
 * goes with its full stop ("…以上。责任单位：学前科。10月底前完成。" reads "…以上。10月底前完成。").
 */
function cutUnits(full: string, found: FoundUnits): string {
  const before = full.slice(0, found.index);
  const end = found.index + found.length;
  if (found.schedule) {
    // Its brackets where the region has both: a list may end at a line end with its bracket unclosed.
    const bracketed =
      OPENING_BRACKET[full.charCodeAt(found.index)] === 1 && CLOSING_BRACKET[full.charCodeAt(end - 1)] === 1;
    const schedule = bracketed ? `${full[found.index]}${found.schedule}${full[end - 1]}` : found.schedule;
    return before + schedule + full.slice(end);
  }
  const doubled = before.charCodeAt(before.length - 1) === FULL_STOP && full.charCodeAt(end) === FULL_STOP;
  return before + full.slice(doubled ? end + 1 : end);
}

/**
 * Reads a task's fields from its text: `first` is the line after the number, `rest` the lines
 * that follow (continuations, sub-items, a unit line); `joined`, where the caller has it, is them joined
 * with line breaks.
 */
export function readTaskFields(
  first: string,
  rest: string[],
  cal: PlanCalendar,
  joined?: string,
  view?: TextView,
): TaskFields {
  const lines = [first, ...rest];
  const full = joined ?? lines.join("\n");
  const found = extractUnits(full);
  const withoutUnits = found ? cutUnits(full, found) : full;
  const body = (withoutUnits.includes("\n\n") ? withoutUnits.replace(BLANK_LINES, "\n") : withoutUnits).trim();
  // (`view` is where `joined` was sliced from: the text read where no units were cut out of it.)
  const scan = scanText(withoutUnits, found ? undefined : view);
  const deadlines = extractDeadlines(withoutUnits, cal, false, scan.anchors);
  const targets = extractTargets(withoutUnits, scan);
  return {
    title: titleOf(first, rest.length > 0),
    body,
    units: found?.units ?? [],
    leadCount: found?.leadCount ?? 0,
    deadlines: deadlines.map(({ text, date, kind }) => ({ text, date, kind })),
    targets: targets.map(toTarget),
    measures: measuresOf(lines),
    unitsUnsplit: found?.unsplit ?? false,
    yearMissing: deadlines.some((d) => d.yearMissing),
  };
}
