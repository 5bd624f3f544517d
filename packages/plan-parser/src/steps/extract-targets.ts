import type { Target, TargetOp } from "../model.js";
import { charTable, SPACE_CODE } from "./char-table.js";
import { parseChineseNumeral } from "./chinese-numerals.js";
import { clauseBounds, itemStart, quoted, sentenceBounds } from "./target-context.js";
import { TARGET_FORMS, type TargetForm } from "./target-forms.js";
import { scanText, type TextScan } from "./target-starts.js";

/**
 * Targets: numbers the plan commits to reach, keep, add or cut ("普惠率达到89%", "新增学位8130个",
 * "不超过5%", "700-800人", "下降0.5%"). Candidates are every number with a unit; rules over the
 * surrounding clause then drop ordinals, names, slogans, frequencies and counts of what exists.
 */
export interface FoundTarget extends Target {
  index: number;
}

interface Candidate {
  index: number;
  end: number;
  raw: string;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  /** The unit without a leading 万/亿/千. */
  bare: string;
  chinese: boolean;
  /** The clause around the number: from the last separator before it to the next after it. */
  clause: [number, number];
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const COMMAS = /,/g;

/**
 * The value of a number the candidate pattern read. It is all digits (perhaps with thousands separators and
 * decimals) or all Chinese numerals: its first character tells which, as parseNumber would.
 */
function numberOf(raw: string): number | null {
  if (!isDigit(raw.charCodeAt(0))) return parseChineseNumeral(raw);
  // Most are whole numbers of at most 15 digits (exact as a double): read without Number's general parse.
  let value = 0;
  for (let i = 0; i < raw.length; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(raw.includes(",") ? raw.replace(COMMAS, "") : raw);
    value = value * 10 + d;
  }
  return value;
}

function readCandidate(m: RegExpExecArray, form: TargetForm): Candidate | null {
  const parts = form.parts(m);
  const range = parts.b !== undefined;
  const unit = parts.unit;
  const a = numberOf(parts.a);
  const b = range ? numberOf(parts.b!) : null;
  if (a === null || (range && b === null)) return null;
  const chinese = form.chinese;
  return {
    index: m.index,
    end: m.index + m[0].length,
    raw: m[0],
    value: range ? null : a,
    min: range ? a : null,
    max: range ? b : null,
    unit,
    bare: unit[0] === "万" || unit[0] === "亿" || unit[0] === "千" ? unit.slice(1) : unit,
    chinese,
    clause: clauseBounds(m.input, m.index, m.index + m[0].length),
  };
}

const INSTRUMENT_WORDS = "围绕|依托|借助|按照|利用|发挥|聚焦|对照|参照|针对";
const EXISTING_WORDS = "现有|已有|已建成|已创建|共有|目前|现已|已经|原有";
const INSTRUMENT_START = /^(?:[^\d]{0,4})(?:通过|结合|根据|立足)/;
const EXISTING = new RegExp(`(?:${EXISTING_WORDS})`);
/** Where both reject, one search for either word list. */
const INSTRUMENT_OR_EXISTING = new RegExp(`(?:${INSTRUMENT_WORDS}|${EXISTING_WORDS})`);
const FLOOR_BEFORE = /(?:不少于|不低于|至少|不得少于)[^\d]{0,6}$/;
const AS_START = /^(?:[^\d]{0,4})以/;
const LONE_HUNDREDS = /^[百千万]$/;
const NOT_NUMERAL_OR_MYRIAD = /[^零〇一二两三四五六七八九十百千万]/g;
const DIGIT_NUMERAL = /[一二两三四五六七八九]/;
const QUOTED_ONE = /[“"]\s*\d+\s*个\s*[1一]\s*[”"]/;
const FLOOR = /(?:不少于|至少|以上|不低于|不得少于|达到)/;
/** Nouns after a Chinese-numeral count that make it a name ("八项规定", "四个故事"), not a quantity. */
const NAMED_AFTER =
  /(?:规定|准则|原则|要求|工程|行动|机制|制度|举措|措施|任务|重点|基础|保障|抓手|主线|目标|理念|方针|职能|关系|清单|品牌|模式|路径|领域|方面|层面|环节|故事|意识|自信|维护|服务|融合|结合|到位|统一|确保|一|[“"‘'])/y;
const FREQUENCY = /每(?:天|日|周|两周|半月|月|季度|季|学期|学年|半年|年|次|届)/;

/** Sticky patterns tested at the number's start (looking back) or end (looking on). */
const ORDINAL_OR_OPERATOR_BEFORE = /(?<=第\D?|前|[+×*:：/A-Za-z])/y;
const ORDINAL_OPERATOR_OR_SPAN_AFTER = /[届级+×*:/\dA-Za-z内]/y;
const NOT_A_COUNT_AFTER = /(?:年级|月|工作日|学期|季度|小时|方面|层面|维度|环节|“|")/y;
const QUOTE_BEFORE = /(?<=[”"’])/y;
const FLOOR_AFTER = /\s*(?:以上|及以上)/y;
const CEILING_AFTER = /以内|以下/y;
const SUFFIX = /以上|以内|以下|左右/y;
const FREQUENCY_UNITS = new Set(["次", "场", "期", "轮"]);
/** Points or minutes end their clause ("提高3分", "30分钟以上"); "100分制", "15分钟生活圈" are names. */
const SCORE_END = /(?:以上|以内|左右|[,，。;；、)）\s]|$)/y;
/** A class-size threshold ("消除56人以上大班额") is no target. */
const CLASS_SIZE_AFTER = /(?:以上)?(?:的)?(?:超?大班额|班额)/y;

function testAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/*
 * The checks below read a character or two where the patterns above they stand for would cost a call each:
 * each is exactly its pattern (the property tests hold them to it).
 */
const OPERATOR_BEFORE = charTable("前+×*:：/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
const OPERATOR_AFTER = charTable("届级+×*:/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz内");
const DI = 0x7b2c; // 第
const isDigitCode = (code: number) => code >= 48 && code <= 57;

/** ORDINAL_OR_OPERATOR_BEFORE at `at`: 第 (perhaps with one non-digit after it), 前 or an operator right before. */
export function ordinalOrOperatorBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const prev = text.charCodeAt(at - 1);
  if (prev === DI || OPERATOR_BEFORE[prev] === 1) return true;
  return at >= 2 && text.charCodeAt(at - 2) === DI && !isDigitCode(prev);
}

/** ORDINAL_OPERATOR_OR_SPAN_AFTER at `at`. */
export const ordinalOrOperatorAfter = (text: string, at: number): boolean =>
  at < text.length && OPERATOR_AFTER[text.charCodeAt(at)] === 1;

/** FLOOR_AFTER at `at`: spaces, then 以上 or 及以上. */
export function floorAfter(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && SPACE_CODE[text.charCodeAt(i)] === 1) i++;
  return text.startsWith("以上", i) || text.startsWith("及以上", i);
}

const YI = 0x4ee5; // 以
/** SUFFIX at `at`: 以上, 以内, 以下 or 左右. */
export function suffixAt(text: string, at: number): boolean {
  const c = at < text.length ? text.charCodeAt(at) : 0;
  if (c === YI) {
    const d = at + 1 < text.length ? text.charCodeAt(at + 1) : 0;
    return d === 0x4e0a || d === 0x5185 || d === 0x4e0b; // 上 内 下
  }
  return c === 0x5de6 && at + 1 < text.length && text.charCodeAt(at + 1) === 0x53f3; // 左右
}

/** CEILING_AFTER at `at`: 以内 or 以下. */
export const ceilingAfter = (text: string, at: number): boolean =>
  text.charCodeAt(at) === YI && (text.charCodeAt(at + 1) === 0x5185 || text.charCodeAt(at + 1) === 0x4e0b);

/** AS_START: 以 within the first five characters, none of them a digit before it. */
export function asStart(clause: string): boolean {
  const k = clause.indexOf("以");
  if (k < 0 || k > 4) return false;
  for (let i = 0; i < k; i++) if (isDigitCode(clause.charCodeAt(i))) return false;
  return true;
}

/** The patterns the checks above stand for, for the property test that holds each check to its pattern. */
export const checkPatterns = {
  ORDINAL_OR_OPERATOR_BEFORE,
  ORDINAL_OPERATOR_OR_SPAN_AFTER,
  FLOOR_AFTER,
  CEILING_AFTER,
  SUFFIX,
  AS_START,
} as const;

/** The rest of a locative clause that names places by a rank they hold: "省级STEM教育实验校". */
const RANKED_PLACE = /^(?:国家级|省级|市级|州级|县级|区级)[^,，。;；]*(?:学校|校|园|基地)$/;
const CLAUSE_COMMA = charTable(",，");

/** The first characters of INSTRUMENT_OR_EXISTING's words, and of INSTRUMENT_START's (at most 4 characters in). */
const INSTRUMENT_OR_EXISTING_FIRST = charTable(
  `${INSTRUMENT_WORDS}|${EXISTING_WORDS}`
    .split("|")
    .map((w) => w[0])
    .join(""),
);
const INSTRUMENT_START_FIRST = charTable("通结根立");

/** Whether one of the text's first `limit` characters is in the table (a pattern needing one can match). */
function holdsAny(text: string, table: Uint8Array, limit = text.length): boolean {
  const n = Math.min(limit, text.length);
  for (let i = 0; i < n; i++) if (table[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** What CLASS_SIZE_AFTER can start with. */
const CLASS_SIZE_FIRST = charTable("以的超大班");

/** Two or more 、 (a list of names, not a count). */
function listedTwice(text: string): boolean {
  const first = text.indexOf("、");
  return first >= 0 && text.indexOf("、", first + 1) >= 0;
}

function rejected(text: string, c: Candidate, marks: number[]): boolean {
  if (ordinalOrOperatorBefore(text, c.index) || ordinalOrOperatorAfter(text, c.end)) return true;
  if (quoted(text, c.index, c.end, c.chinese, marks)) return true;
  const unit = c.bare;
  if (unit.startsWith("个") && testAt(NOT_A_COUNT_AFTER, text, c.end)) return true;
  if (unit === "小时" && (c.value ?? 0) >= 24) return true;
  if ((unit === "分" || unit === "分钟") && !testAt(SCORE_END, text, c.end)) return true;
  if (unit === "人" && CLASS_SIZE_FIRST[text.charCodeAt(c.end)] === 1 && testAt(CLASS_SIZE_AFTER, text, c.end))
    return true;
  if (c.chinese) {
    // "百场讲座", "千名教师", "万师访万家": a lone 百/千/万 is rhetoric.
    if (LONE_HUNDREDS.test(c.raw.replace(NOT_NUMERAL_OR_MYRIAD, "").slice(0, 1)) && !DIGIT_NUMERAL.test(c.raw))
      return true;
    if (testAt(NAMED_AFTER, text, c.end) || testAt(QUOTE_BEFORE, text, c.index)) return true;
    if ((c.value ?? c.min) === 1 && unit !== "所") return true;
  }
  const [cs, ce] = c.clause;
  const clauseBefore = text.slice(cs, c.index);
  // A floor ("不低于5%", "两个以上") is a commitment whatever the clause opens with; where there is none, an
  // instrument ("围绕…") rejects as existing counts ("现有…") do.
  // (Each word FLOOR_BEFORE looks for holds 少 or 低.)
  const floor =
    floorAfter(text, c.end) ||
    ((clauseBefore.includes("少") || clauseBefore.includes("低")) && FLOOR_BEFORE.test(clauseBefore));
  if (floor) {
    if (EXISTING.test(clauseBefore)) return true;
  } else {
    if (c.chinese && listedTwice(clauseBefore)) return true;
    if (
      (holdsAny(clauseBefore, INSTRUMENT_OR_EXISTING_FIRST) && INSTRUMENT_OR_EXISTING.test(clauseBefore)) ||
      (holdsAny(clauseBefore, INSTRUMENT_START_FIRST, 5) && INSTRUMENT_START.test(clauseBefore))
    )
      return true;
  }
  // "在8所省级STEM教育实验校，开展…": schools of a rank they already hold, named as where the work is done.
  if (clauseBefore === "在" && RANKED_PLACE.test(text.slice(c.end, ce)) && CLAUSE_COMMA[text.charCodeAt(ce)] === 1)
    return true;
  if (asStart(clauseBefore)) {
    const as = text.indexOf("为", c.end);
    if (as >= 0 && as < ce) return true;
  }
  if (FREQUENCY_UNITS.has(unit) && FREQUENCY.test(clauseBefore) && !FLOOR.test(text.slice(cs, ce))) return true;
  if ((c.value ?? 0) === 1) {
    const [ss, se] = sentenceBounds(text, c.index);
    if (QUOTED_ONE.test(text.slice(ss, se))) return true;
  }
  return false;
}

/**
 * The patterns below end at the number and match at most OP_REACH characters (a three-character word and up
 * to six more), so they are tested on the clause's last OP_REACH characters before it: they hold no lookbehind
 * nor ^, so a match there is one in the whole clause and any match in the clause lies there.
 */
const OP_REACH = 9;
const DECREASE_BEFORE = /(下降|降低|减少|压减|缩减)[了约近]?$/;
const INCREASE_BEFORE = /(提升|提高|增加|增长|上升|增幅)[了约近]?$/;
const FLOOR_WORD = /不少于|不低于|不得少于/;
const CEILING_BEFORE =
  /(?:不超过|不高于|不多于|不大于|控制在|低于|少于|降至|降到|降低到|降低至|下降至|下降到|压减至|压减到|减少至|减少到|压缩至|压缩到)[^\d]{0,6}$/;

const DECREASE_LAST = charTable("降低少减了约近");
const INCREASE_LAST = charTable("升高加长幅了约近");
const CEILING_CHARS = charTable("过于在至到");

function hasCeilingChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (CEILING_CHARS[text.charCodeAt(i)] === 1) return true;
  return false;
}

export function opOf(text: string, c: Pick<Candidate, "index" | "end" | "min" | "clause">): TargetOp {
  const [cs] = c.clause;
  const near = text.slice(Math.max(cs, c.index - OP_REACH), c.index);
  // The change patterns end the text: only a text ending as one of their words (or 了约近) can match.
  const end = near.length > 0 ? near.charCodeAt(near.length - 1) : 0;
  if (DECREASE_LAST[end] === 1 && DECREASE_BEFORE.test(near)) return "decrease_by";
  if (INCREASE_LAST[end] === 1 && INCREASE_BEFORE.test(near)) return "increase_by";
  if (c.min !== null) return "range";
  if (ceilingAfter(text, c.end)) return "<=";
  // Every floor word ends with 于; every ceiling word holds one of 过于在至到.
  if (near.includes("于") && FLOOR_WORD.test(near.slice(-8))) return ">=";
  if (hasCeilingChar(near) && CEILING_BEFORE.test(near)) return "<=";
  // "≤", then perhaps spaces (trimEnd drops what \s matches; past OP_REACH spaces, the whole clause is read).
  let last = near.trimEnd();
  if (!last && near) last = text.slice(cs, c.index).trimEnd();
  if (last.length > 0 && last.charCodeAt(last.length - 1) === 0x2264) return "<=";
  return ">=";
}

const LEAD_VERBS =
  /^(?:力争|确保|争取|全面|持续|进一步|继续|努力|切实|计划|年内|全年|今年|其中|并|同时|实现|推动|推进|完成|保障|保证|使|让|将|把|和|及|与|、)+/;
const TRAILING_OPS =
  /(?:达到|达|保持在|保持|稳定在|稳定|提升至|提升到|提高至|提高到|提升|提高|增加|增长|下降|降低|减少|不低于|不少于|不超过|不高于|控制在|超过|至少|为|在|了|再|逐年|约)+$/;

const SUFFIX_START = /^(?:以上|以内|左右)/;
const CHANGE_BASE = /(?:较|比)(?:上年|去年|上一年|上学年|上年度)(?:同期)?$|同比$/;
const BASE_ENDS = charTable("年度期比");

/** The first characters of LEAD_VERBS's words: the pattern opens the text, so it needs one of them first. */
const LEAD_VERB_FIRST = charTable(
  LEAD_VERBS.source
    .slice(4, -2)
    .split("|")
    .map((w) => w[0])
    .join(""),
);

/** The last characters of TRAILING_OPS's words: the pattern ends the text, so it needs one of them last. */
const TRAILING_OP_ENDS = new Set(
  [...TRAILING_OPS.source.slice(3, -3).split("|")].map((w) => w.charCodeAt(w.length - 1)),
);

/**
 * A time the clause opens with ("6月底前完成改造项目10个", "力争上半年建成书屋20个"): when the
 * target is due (the deadline reader takes it), not what it counts.
 */
const LEAD_TIME =
  /^(?:(?:20\d{2}年)?(?:\d{1,2}月?\s*[至到\-—–~]\s*)?\d{1,2}月(?:\d{1,2}[日号])?(?:底|末|上旬|中旬|中下旬|下旬)?|(?:20\d{2}年)?年?[底末]|年度?内|[上下]半年|第?[一二三四]季度[末底]?)(?:前|之前|以前)?(?:完成)?/;
const LEAD_TIME_FIRST = charTable("0123456789年上下第一二三四");

/** The length of the time the text opens with, when more follows it (else 0: "3月" alone is no subject). */
function leadTime(s: string): number {
  if (LEAD_TIME_FIRST[s.charCodeAt(0)] !== 1) return 0;
  const time = LEAD_TIME.exec(s);
  return time && time[0].length < s.length ? time[0].length : 0;
}

export function subjectOf(text: string, c: Pick<Candidate, "index" | "end" | "clause">, clauseStart: number): string {
  let s = text.slice(clauseStart, c.index);
  if (s.length > 0 && LEAD_VERB_FIRST[s.charCodeAt(0)] === 1) s = s.replace(LEAD_VERBS, "");
  // Times one after another ("4至5月和7至8月各审计5所"): each goes, with the words joining them.
  for (let time = leadTime(s); time > 0; time = leadTime(s)) s = s.slice(time).replace(LEAD_VERBS, "");
  if (s.length > 0 && TRAILING_OP_ENDS.has(s.charCodeAt(s.length - 1))) s = s.replace(TRAILING_OPS, "");
  // "上线率较上年提高3个百分点": the base of the change is not the subject.
  if (s.length > 0 && BASE_ENDS[s.charCodeAt(s.length - 1)] === 1) s = s.replace(CHANGE_BASE, "");
  s = s.trim();
  if (!s) {
    // "新增学位8130个" has its subject before; "创建6所省级特色学校" after the number.
    const after = text.slice(c.end, c.clause[1]);
    s = after.replace(SUFFIX_START, "").slice(0, 30);
  }
  return s.trim();
}

/** The target as scored, without the position the extractor keeps (every field of Target, in its order). */
export const toTarget = ({ text, subject, op, value, min, max, unit }: FoundTarget): Target => ({
  text,
  subject,
  op,
  value,
  min,
  max,
  unit,
});

/** Targets in a text; `scan` is the text's scan where the caller has it. */
export function extractTargets(text: string, scan: TextScan = scanText(text)): FoundTarget[] {
  const out: FoundTarget[] = [];
  let lastIndex = -1;
  const { starts, marks } = scan;
  // The next candidate starts at the first start at or after the end of the last match (or failed start).
  let from = 0;
  for (let k = 0; k < starts.length; k += 3) {
    if (starts[k]! < from) continue;
    const form = TARGET_FORMS[starts[k + 2]!]!;
    form.candidate.lastIndex = starts[k]!;
    const m = form.candidate.exec(text);
    from = m ? m.index + m[0].length : starts[k + 1]!;
    if (!m) continue;
    const c = readCandidate(m, form);
    // "两个", "三所": a form that admits only some units (with no multiplier) drops the rest first.
    if (c && form.units && !form.units.has(c.unit)) continue;
    if (!c || rejected(text, c, marks)) continue;
    const [cs] = c.clause;
    const suffix = suffixAt(text, c.end) ? text.slice(c.end, c.end + 2) : "";
    const segStart = lastIndex >= cs ? itemStart(text, c.index, cs) : cs;
    lastIndex = c.index;
    out.push({
      index: c.index,
      text: text.slice(segStart, c.end + suffix.length).trim(),
      subject: subjectOf(text, c, segStart),
      op: opOf(text, c),
      value: c.value,
      min: c.min,
      max: c.max,
      unit: c.unit,
    });
  }
  return out;
}
