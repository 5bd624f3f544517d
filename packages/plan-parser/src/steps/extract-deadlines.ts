import type { Deadline } from "../model.js";
import { charTable } from "./char-table.js";
import { anchorBits, anchorsOf } from "./deadline-anchors.js";
import { isoDate, lastDayOfMonth, type PlanCalendar, planYearEnd, yearOfMonth } from "./plan-calendar.js";

/**
 * Deadlines: explicit times by which something is due, every one in printed order.
 * `field` mode reads a deadline column (完成时限), where a bare month ("6月") is a deadline too.
 */
export interface FoundDeadline extends Deadline {
  index: number;
  /** True when the year had to come from the plan but the plan has none. */
  yearMissing: boolean;
}

interface Match {
  m: RegExpExecArray;
  rule: Rule;
}

const YEAR = String.raw`(?:(20\d{2})年)?`;
const MONTH = String.raw`(1[0-2]|0?[1-9])月份?`;
const BEFORE = String.raw`(?:前|之前|以前)`;
const DONE = String.raw`(?:完成)?`;

type Rule = (
  m: RegExpExecArray,
  cal: PlanCalendar,
  field: boolean,
) => Array<{ date: string | null; kind: Deadline["kind"]; yearMissing: boolean }> | null;

function monthEnd(cal: PlanCalendar, month: number, printed?: string) {
  const y = yearOfMonth(cal, month, printed ? Number(printed) : undefined);
  return {
    date: y === null ? null : isoDate(y, month, lastDayOfMonth(y, month)),
    kind: "by" as const,
    yearMissing: y === null,
  };
}

function yearEnd(cal: PlanCalendar, printed?: string) {
  const date = planYearEnd(cal, printed ? Number(printed) : undefined);
  return { date, kind: "by" as const, yearMissing: date === null };
}

const YEAR_MONTH = new RegExp(String.raw`${YEAR}${MONTH}`, "g");

/**
 * Each rule with the anchor words its matches cannot do without (see deadline-anchors): a rule is tried only on
 * a text holding one of them. A new rule declares its own words here; the scanners follow.
 */
const RULES: Array<{ re: RegExp; needs: number; rule: Rule }> = [
  {
    re: /贯穿全年/g,
    needs: anchorBits("贯穿全年"),
    rule: () => [{ date: null, kind: "throughout", yearMissing: false }],
  },
  // "3月、9月底前完成", "2024年6月、12月" (a list: every month, the whole phrase as text)
  {
    re: new RegExp(String.raw`${YEAR}${MONTH}(?:\s*[、,和及与]\s*${YEAR}${MONTH})+(底|末)?(${BEFORE})?${DONE}`, "g"),
    needs: anchorBits("#月"),
    rule: (m, cal, field) => {
      const all = [...m[0].matchAll(YEAR_MONTH)];
      if (!m[5] && !m[6] && !field) return null;
      return all.map((x) => monthEnd(cal, Number(x[2]), x[1]));
    },
  },
  // "4至5月", "7-8月底前"
  {
    re: new RegExp(
      String.raw`${YEAR}(1[0-2]|0?[1-9])(?:月份?)?\s*[至到\-—–~]\s*(1[0-2]|0?[1-9])月份?(?:底|末)?(?:${BEFORE})?${DONE}`,
      "g",
    ),
    needs: anchorBits("#月"),
    rule: (m, cal) => [monthEnd(cal, Number(m[3]), m[1])],
  },
  // "10月15日前"
  {
    re: new RegExp(String.raw`${YEAR}(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])[日号](${BEFORE})?${DONE}`, "g"),
    needs: anchorBits("#月"),
    rule: (m, cal, field) => {
      if (!m[4] && !field) return null;
      const month = Number(m[2]);
      const y = yearOfMonth(cal, month, m[1] ? Number(m[1]) : undefined);
      const day = Math.min(Number(m[3]), y === null ? 31 : lastDayOfMonth(y, month));
      return [{ date: y === null ? null : isoDate(y, month, day), kind: "by", yearMissing: y === null }];
    },
  },
  // "6月底前完成", "3月末", "11月底之前"; "6月中旬前" and "11月上旬完成" (the last day of those ten days)
  {
    re: new RegExp(String.raw`${YEAR}${MONTH}(底|末|中下旬|下旬|上旬|中旬)(?:${BEFORE})?${DONE}`, "g"),
    needs: anchorBits("#月"),
    rule: (m, cal) => {
      const month = Number(m[2]);
      const tenth = m[3] === "上旬" ? 10 : m[3] === "中旬" ? 20 : 0;
      if (!tenth) return [monthEnd(cal, month, m[1])];
      const y = yearOfMonth(cal, month, m[1] ? Number(m[1]) : undefined);
      return [{ date: y === null ? null : isoDate(y, month, tenth), kind: "by", yearMissing: y === null }];
    },
  },
  // "9月前完成", "9月开学前" (before a month: the previous month's last day)
  {
    re: new RegExp(String.raw`${YEAR}${MONTH}(?:开学)?${BEFORE}${DONE}`, "g"),
    needs: anchorBits("#月"),
    rule: (m, cal) => {
      const month = Number(m[2]);
      if (month === 1) {
        const y = yearOfMonth(cal, 1, m[1] ? Number(m[1]) : undefined);
        return [{ date: y === null ? null : isoDate(y - 1, 12, 31), kind: "by", yearMissing: y === null }];
      }
      const prev = monthEnd(cal, month - 1, m[1]);
      return [prev];
    },
  },
  // Numeric dates in a deadline field: "2024.6", "2024-06-30", "2024/9/1前"
  {
    re: /(20\d{2})[.\-/](1[0-2]|0?[1-9])(?:[.\-/](3[01]|[12]\d|0?[1-9]))?(?!\d)(前|之前)?/g,
    needs: anchorBits("20"),
    rule: (m, _cal, field) => {
      if (!field && !m[4]) return null;
      const year = Number(m[1]);
      const month = Number(m[2]);
      const day = m[3] ? Math.min(Number(m[3]), lastDayOfMonth(year, month)) : lastDayOfMonth(year, month);
      return [{ date: isoDate(year, month, day), kind: "by", yearMissing: false }];
    },
  },
  // A bare month: only in a deadline field ("完成时限：6月").
  {
    re: new RegExp(String.raw`${YEAR}${MONTH}(?!\d)`, "g"),
    needs: anchorBits("#月"),
    rule: (m, cal, field) => (field ? [monthEnd(cal, Number(m[2]), m[1])] : null),
  },
  // "2024年底前", "年底前", "年末", "力争年底开工"
  {
    re: /(?:(20\d{2})\s*)?年(?:底|末)(?:前|之前|以前)?(?:完成)?/g,
    needs: anchorBits("年底", "年末"),
    rule: (m, cal) => [yearEnd(cal, m[1])],
  },
  // "年内", "本年度内", "今年"
  {
    re: /年度?内|今年(?!以来)/g,
    needs: anchorBits("年内", "年度内", "今年"),
    rule: (_m, cal) => [yearEnd(cal)],
  },
  // "一季度" … "四季度"
  {
    re: /(?:第)?([一二三四1-4])季度(?:末|底)?(?:前)?/g,
    needs: anchorBits("季度"),
    rule: (m, cal) => {
      const q = "一二三四".indexOf(m[1]!) + 1 || Number(m[1]);
      return [monthEnd(cal, q * 3)];
    },
  },
  // "上半年" / "下半年"
  {
    re: /(上|下)半年/g,
    needs: anchorBits("半年"),
    rule: (m, cal) => [m[1] === "上" ? monthEnd(cal, 6) : yearEnd(cal)],
  },
  // "秋季开学前", "秋季学期前" → Aug 31, "春季开学前" → the end of February; "秋季学期", "秋季开学" (a start) → Sep 1,
  // "2026年春季学期" → Mar 1
  {
    re: /(?:(20\d{2})年)?([春秋])季(?:学期开学|学期|开学)(?:前|之前)/g,
    needs: anchorBits("秋季", "春季"),
    rule: (m, cal) => [monthEnd(cal, m[2] === "秋" ? 8 : 2, m[1])],
  },
  {
    re: /(?:(20\d{2})年)?([春秋])季(?:学期|开学)/g,
    needs: anchorBits("秋季", "春季"),
    rule: (m, cal) => {
      const month = m[2] === "秋" ? 9 : 3;
      const y = yearOfMonth(cal, month, m[1] ? Number(m[1]) : undefined);
      return [{ date: y === null ? null : isoDate(y, month, 1), kind: "by", yearMissing: y === null }];
    },
  },
  // "力争2025年…" (a printed year, no month)
  {
    re: /(?:力争|争取|计划|预计|到)(20\d{2})年(?!\d|度|以来|起|春|秋|[上下]半年|底|末)/g,
    needs: anchorBits("#年"),
    rule: (m) => [yearEnd({ year: null, academic: false }, m[1])],
  },
];

const EVERY_BEFORE = /每[^,，。;；]{0,2}$/;
const SPAN_MATCH = /^年度?内|^年底|^年末/;
const COUNT_BEFORE = /[\d一二三四五六七八九十两几多学]$/;
const HALF_MATCH = /^[上下]半年/;
const LIST_AFTER = /^[、和及两各]/;
const AUTUMN_START_MATCH = /^(?:20\d{2}年)?[春秋]季(?:学期|开学)$/;
const DUE_BEFORE = /(?:力争|确保|争取|于|在|到)$/;
const DUE_AFTER = /^(?:前|完成|完工|竣工|投入|交付|启用|开工|建成)/;
const THIS_YEAR_MATCH = /^今年/;
const NOT_DUE_AFTER = /^(?:以来|是|的)/;
const PERIOD_MATCH = /季度$|半年$/;
const FREQUENCY_AFTER = /^[一每]/;

const EVERY = 0x6bcf; // 每
/** First characters of the matches SPAN_MATCH, HALF_MATCH and THIS_YEAR_MATCH test for. */
const CONTEXT_FIRST = charTable("年上下今");
/** Last characters of the matches AUTUMN_START_MATCH and PERIOD_MATCH test for. */
const CONTEXT_LAST = charTable("度年期学");

/** Context that turns a match into a non-deadline: frequencies (每月底), spans (五年内), academic ends. */
function rejected(text: string, index: number, match: string): boolean {
  const from = Math.max(0, index - 3);
  // Each test below needs a character of the match or before it (每; 年/上/下/今 first; 度/年/期/学 last): most
  // matches have none, and are read no further.
  let every = false;
  for (let i = from; i < index; i++) if (text.charCodeAt(i) === EVERY) every = true;
  if (!every && CONTEXT_FIRST[match.charCodeAt(0)] !== 1 && CONTEXT_LAST[match.charCodeAt(match.length - 1)] !== 1)
    return false;
  const before = text.slice(from, index);
  const after = text.slice(index + match.length, index + match.length + 3);
  // (每 right before the match is one of EVERY_BEFORE's matches.)
  if (EVERY_BEFORE.test(before)) return true;
  if (SPAN_MATCH.test(match) && COUNT_BEFORE.test(before)) return true;
  if (HALF_MATCH.test(match) && (before.endsWith("、") || LIST_AFTER.test(after))) return true;
  if (AUTUMN_START_MATCH.test(match)) {
    // A start date only where it is when something is due: "力争秋季学期完工", "秋季开学投入使用".
    if (!DUE_BEFORE.test(before) && !DUE_AFTER.test(after)) return true;
  }
  if (THIS_YEAR_MATCH.test(match) && NOT_DUE_AFTER.test(after)) return true;
  // "一季度一次", "一月一调度": a frequency.
  if (PERIOD_MATCH.test(match) && FREQUENCY_AFTER.test(after)) return true;
  return false;
}

/** Deadlines in a text; `anchors` are the text's anchors where the caller has them. */
export function extractDeadlines(
  text: string,
  cal: PlanCalendar,
  field = false,
  anchors = anchorsOf(text),
): FoundDeadline[] {
  // Most task texts hold no anchor: no rule can match them.
  if (anchors === 0) return [];
  // Every match first; then, earliest first and at one position the longest, each that no deadline taken
  // already covers is read (its context and rule), and taken where it reads as one. (A match's reading does
  // not depend on the others': reading only those not covered takes the deadlines reading all would.)
  const matches: Match[] = [];
  for (let r = 0; r < RULES.length; r++) {
    const { re, needs } = RULES[r]!;
    if (!(anchors & needs)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      matches.push({ m, rule: RULES[r]!.rule });
    }
  }
  if (matches.length > 1) matches.sort((a, b) => a.m.index - b.m.index || b.m[0].length - a.m[0].length);
  const out: FoundDeadline[] = [];
  let fields: Array<[number, number]> | null = null;
  let end = -1;
  for (const { m, rule } of matches) {
    const index = m.index;
    if (index < end) continue;
    const textAs = m[0];
    if (rejected(text, index, textAs)) continue;
    fields ??= fieldRanges(text);
    const parenthesised = field || inRanges(fields, index) || isParenthesisedField(text, index, textAs.length);
    const resolved = rule(m, cal, parenthesised);
    if (!resolved) continue;
    for (const r of resolved) out.push({ text: textAs, date: r.date, kind: r.kind, yearMissing: r.yearMissing, index });
    end = index + textAs.length;
  }
  return out;
}

/** "完成时限：2024年6月、12月" inside a task's text: the rest of that line is a deadline field. */
export const FIELD_LABEL_NAMES = "完成时限|完成时间|时间节点|时限要求|完成期限|进度安排|时间安排|时限";
/** A deadline field's label: "完成时限：", "【完成时限】". */
export const FIELD_LABEL_END = "(?:\\s*[:：]|】\\s*[:：]?)";
const FIELD_LABEL = new RegExp(`【?(?:${FIELD_LABEL_NAMES})${FIELD_LABEL_END}`, "g");

function fieldRanges(text: string): Array<[number, number]> {
  if (!text.includes("时") || (!text.includes(":") && !text.includes("：") && !text.includes("】"))) return [];
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(FIELD_LABEL)) {
    const start = m.index + m[0].length;
    const nl = text.indexOf("\n", start);
    out.push([start, nl < 0 ? text.length : nl]);
  }
  return out;
}

const inRanges = (ranges: Array<[number, number]>, i: number) => ranges.some(([a, b]) => i >= a && i < b);

const BRACKET_REST = /^\s*(?:完成|前|底前|底|之前)?\s*$/;

/** "(6月)", "（3月、9月）": a bracketed time that is the whole bracket reads as a deadline field. */
function isParenthesisedField(text: string, index: number, length: number): boolean {
  const open = text.lastIndexOf("(", index);
  if (open < 0 || text.slice(open, index).includes(")")) return false;
  const close = text.indexOf(")", index + length);
  if (close < 0) return false;
  const inner = text.slice(open + 1, close).replace(text.slice(index, index + length), "");
  return BRACKET_REST.test(inner);
}

/** The rules' patterns and anchor bits, for the property test that holds each declaration true. */
export const deadlineRules = (): ReadonlyArray<{ re: RegExp; needs: number }> => RULES;
