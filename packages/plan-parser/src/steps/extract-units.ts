import { charTable, SPACE_CODE } from "./char-table.js";
import { FIELD_LABEL_END, FIELD_LABEL_NAMES } from "./extract-deadlines.js";
import { parseMarker } from "./numbering.js";

/**
 * Responsible units: "（责任单位：A、B）", "牵头单位：A；配合单位：B", "责任股室（单位）：A" on a
 * line of its own, table columns. Lead units first, then the others, in printed order.
 */
export interface FoundUnits {
  units: string[];
  leadCount: number;
  /** Where the label starts in the text (so the body can drop it). */
  index: number;
  length: number;
  /** A list we could not split with confidence. */
  unsplit: boolean;
  /**
   * The schedule printed with the units, inside their label's reach ("完成时限：6月底前" in
   * "（责任科室：人事科；完成时限：6月底前）"): not a unit, so it goes back into the task's text.
   */
  schedule?: string;
}

const ORG = "(?:单位|科室|处室|股室|部门|科|股|处|室)";
const ROLE = "(?:主要责任|责任|牵头|主责|配合|协办|协同配合|协同|协助|参与|参加|协作|落实|承办)";
/** A unit label: "责任单位：", "牵头股室（单位）：", "配合单位：", "【责任单位】". */
const LABEL_RE = new RegExp(`【?(${ROLE})${ORG}(?:\\((?:单位|科室|股室|处室)\\))?(?:\\s*[:：]|】\\s*[:：]?)`, "g");
const LEAD_ROLES = /^(?:主要责任|责任|牵头|主责)$/;

/** What a unit's name ends with: 股, 科, 室, 中心, 学校… */
export const UNIT_END =
  /(?:股|科|室|处|中心|局|学校|校|园|办|队|站|所|会|委|部|院|馆|组|单位|政府|公司|小学|中学|幼儿园|党组织|党委|支部)$/;

/** Whether the text holds what \s matches (SPACE); `run`: two of them in a row (SPACE_RUN). */
function hasSpace(text: string, run = false): boolean {
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const space = SPACE_CODE[text.charCodeAt(i)]!;
    if (space === 1 && (!run || prev === 1)) return true;
    prev = space;
  }
  return false;
}
const SPACES = /\s+/;
const BRACKETED_END = /[(（][^)）]*[)）]$/;

/** "基教股 教研室" (cell paragraphs joined by a space): split where every piece is a unit name. */
function splitOnSpaces(part: string): string[] {
  const trimmed = part.trim();
  if (!hasSpace(trimmed)) return [part];
  const pieces = trimmed.split(SPACES);
  return pieces.length > 1 && pieces.every((p) => UNIT_END.test(p.replace(BRACKETED_END, ""))) ? pieces : [part];
}

/** "基教股（牵头）": a lead marker printed after a name. */
const ROLE_MARK = /^(.+?)\s*[(（](牵头|主责|负责|配合|协办|参与)[)）]$/;
const LEAD_MARK = /牵头|主责|负责/;

export function leadMark(unit: string): { name: string; lead: boolean | null } {
  const last = unit.charCodeAt(unit.length - 1);
  const m = last === 0x29 || last === 0xff09 ? ROLE_MARK.exec(unit) : null; // ) or ）
  if (!m) return { name: unit, lead: null };
  return { name: m[1]!, lead: LEAD_MARK.test(m[2]!) };
}

const OPENING = /[(（[【《“]/;
/** The brackets a unit list is split outside of, and a schedule looked for outside of. */
const OPEN_CODE = charTable("(（[【《“");
const CLOSE_CODE = charTable(")）]】》”");
const SEPARATOR = /[、,，;；/]/;
const STOPS_END = /[。.;；,，]+$/;
const ETC_END = /等$/;
const AND_START = /^(?:和|及|以及)/;
const PLACEHOLDER = /^[—\-–_/\\无]+$/;
const STOP_CHAR = charTable("。.;；,，");
const DENG = 0x7b49; // 等
const AND_FIRST = charTable("和及以");
const PLACEHOLDER_CHAR = charTable("—-–_/\\无");

/** Splits a unit list on 、，,；; but never inside brackets; drops a trailing 。 or 等. */
export function splitUnits(list: string): { units: string[]; unsplit: boolean } {
  // Without brackets a plain split does; the bracket-aware walk is for "各县(市、区)教育局".
  const units: string[] = OPENING.test(list) ? [] : list.split(SEPARATOR);
  let depth = 0;
  let current = "";
  for (const ch of units.length ? "" : list) {
    const code = ch.charCodeAt(0);
    if (OPEN_CODE[code] === 1) depth++;
    if (CLOSE_CODE[code] === 1) depth = Math.max(0, depth - 1);
    if (depth === 0 && LIST_SEPARATOR[code] === 1) {
      units.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  if (current || units.length === 0) units.push(current);
  const cleaned: string[] = [];
  for (const unit of units)
    for (const piece of splitOnSpaces(unit)) {
      let u = piece.trim();
      // Each pattern is tried only where the character it needs at the end or start is there.
      if (STOP_CHAR[u.charCodeAt(u.length - 1)] === 1) u = u.replace(STOPS_END, "");
      if (u.charCodeAt(u.length - 1) === DENG) u = u.replace(ETC_END, "");
      if (AND_FIRST[u.charCodeAt(0)] === 1) u = u.replace(AND_START, "");
      u = u.trim();
      if (u && !(PLACEHOLDER_CHAR[u.charCodeAt(0)] === 1 && PLACEHOLDER.test(u))) cleaned.push(u);
    }
  const unsplit = cleaned.some((u) => u.length > 24 || hasSpace(u, true));
  return { units: cleaned, unsplit };
}

/**
 * Where a unit list gives way to its schedule: a deadline field's label ("完成时限：", "时间："),
 * wherever it stands (a colon in a list belongs to a label; the spaces before it may have been
 * dropped), or a piece (between separators, outside brackets) that is a time rather than a name
 * ("第三季度完成", "2025年9月底前", "持续推进", "全年"). -1 when the list is names only.
 */
export function scheduleStart(list: string): number {
  const label = SCHEDULE_LABEL.exec(list);
  const names = label ? list.slice(0, label.index) : list;
  const time = timePiece(names);
  return time >= 0 ? time : (label?.index ?? -1);
}

function timePiece(list: string): number {
  let depth = 0;
  let piece = 0;
  for (let i = 0; i <= list.length; i++) {
    const code = i < list.length ? list.charCodeAt(i) : 0x3001;
    if (OPEN_CODE[code] === 1) depth++;
    else if (CLOSE_CODE[code] === 1) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (LIST_SEPARATOR[code] === 1 || SPACE_CODE[code] === 1)) {
      const text = list.slice(piece, i).trim();
      if (text && SCHEDULE_TIME.test(text) && !UNIT_END.test(text)) return piece;
      piece = i + 1;
    }
  }
  return -1;
}

const SCHEDULE_LABEL = new RegExp(`【?(?:${FIELD_LABEL_NAMES}|时间)${FIELD_LABEL_END}`);
const SCHEDULE_TIME =
  /^(?:力争)?(?:\d{4}年|\d{1,2}月|第?[一二三四]季度|年底|年末|年内|上半年|下半年|(?:贯穿)?全年|长期|持续|常态)/;

/** A list ends at the bracket closing the label's bracket, at a line end, or at the next label. */
function listEnd(text: string, start: number, limit: number): number {
  let depth = 0;
  for (let i = start; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      if (wrapsOn(text, start, i, limit)) continue;
      return i;
    }
    if (code === 0x28 || code === 0xff08)
      depth++; // ( （
    else if (code === 0x29 || code === 0xff09) {
      // ) ）
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && code === 0x3002) return i; // 。
  }
  return limit;
}

/**
 * Whether a unit list goes on past the line break at `at` (a hard wrap): the line ends with a separator (a list
 * never ends with one), or its last name is cut short (no unit ending) and the next line, short and no new item,
 * finishes it before any full stop. The text's line breaks inside a list are dropped when it is read.
 */
function wrapsOn(text: string, start: number, at: number, limit: number): boolean {
  let e = at;
  while (e > start && SPACE_CODE[text.charCodeAt(e - 1)] === 1) e--;
  if (e === start) return false;
  const nextEnd = text.indexOf("\n", at + 1);
  const next = text.slice(at + 1, nextEnd < 0 || nextEnd > limit ? limit : nextEnd).trim();
  if (!next || parseMarker(next)) return false;
  if (LIST_SEPARATOR[text.charCodeAt(e - 1)] === 1) return true;
  let s = e;
  // (Back to the separator or the line's start: each line is read once however many lines the list runs over.)
  while (s > start && LIST_SEPARATOR[text.charCodeAt(s - 1)] !== 1 && text.charCodeAt(s - 1) !== 0x0a) s--;
  const last = text.slice(s, e).trim();
  if (!last || UNIT_END.test(last.replace(BRACKETED_END, ""))) return false;
  const head = WRAP_HEAD.exec(next)![0];
  return head.length <= 40 && !head.endsWith("。");
}

/** A list's separators, and the next line up to where a list could end (a closing bracket or a full stop). */
const LIST_SEPARATOR = charTable("、,，;；/");
const WRAP_HEAD = /^[^。)）]*[。)）]?/;

const LIST_END = /[;；]\s*$/;
/** What a list's names may end with before its schedule: a separator, spaces. */
const LIST_TAIL = /[、,，;；\s]+$/;
const LINE_BREAKS = /\s*\n\s*/g;
const LEAD_LABEL = /^(?:牵头|主要责任|主责)$/;

/** A label is at most ten characters before its spaces and colon (协同配合 + 单位 + (单位)). */
const LABEL_REACH = 16;

/**
 * Every label, as a global search of LABEL_RE would find them, searched from just before each colon (or "】"): a
 * label ends at a colon or a "】" and holds neither before it, so none starts further back than its reach (and its spaces) before the
 * first colon ahead; the task's text before that is not read.
 */
export function findLabels(text: string): RegExpExecArray[] {
  const labels: RegExpExecArray[] = [];
  // The next "：" or "】" is looked for again only once passed (NFKC text holds no "：": one search says so).
  let wide = text.indexOf("：");
  let lenticular = text.indexOf("】");
  const nextColon = (from: number) => {
    if (wide >= 0 && wide < from) wide = text.indexOf("：", from);
    if (lenticular >= 0 && lenticular < from) lenticular = text.indexOf("】", from);
    let next = text.indexOf(":", from);
    if (wide >= 0 && (next < 0 || wide < next)) next = wide;
    if (lenticular >= 0 && (next < 0 || lenticular < next)) next = lenticular;
    return next;
  };
  for (let pos = 0, colon = nextColon(0); colon >= 0; colon = nextColon(pos)) {
    let from = colon;
    while (from > pos && SPACE_CODE[text.charCodeAt(from - 1)] === 1) from--;
    LABEL_RE.lastIndex = Math.max(pos, from - LABEL_REACH);
    const m = LABEL_RE.exec(text);
    if (!m) break;
    labels.push(m);
    pos = m.index + m[0].length;
  }
  return labels;
}

/** A name with its role after it: "基础教育股牵头", "督导室、计财股配合", "人事股负责". */
const ROLE_AFTER = /^(.+?)(牵头|负责|主责|配合|协助|协办|参与)$/;
const ROLE_WORD = /牵头|负责|主责|配合|协助|协办|参与/;
const LEAD_AFTER = /^(?:牵头|负责|主责)$/;
const PART_SEPARATOR = /[,，;；]/;
/** "由学校负责", "具体由各校负责": the names come after 由. */
const BY = /^.*由/;

/** The units of one bracket's inside when every part is names and a role ("A牵头，B、C配合"), else null. */
function roleParts(inner: string): { lead: string[]; others: string[]; schedule: string[] } | null {
  const lead: string[] = [];
  const others: string[] = [];
  const schedule: string[] = [];
  for (const piece of inner.split(PART_SEPARATOR)) {
    const part = piece.trim();
    // "（基教股牵头，6月底前完成）": the schedule beside the roles.
    if (lead.length + others.length > 0 && scheduleStart(part) === 0) {
      schedule.push(part);
      continue;
    }
    const m = ROLE_AFTER.exec(part);
    if (!m || schedule.length > 0) return null;
    const names = splitUnits(m[1]!.replace(BY, "")).units;
    if (names.length === 0 || !names.every((n) => UNIT_END.test(n.replace(BRACKETED_END, "")))) return null;
    (LEAD_AFTER.test(m[2]!) ? lead : others).push(...names);
  }
  return { lead, others, schedule };
}

/**
 * Units printed without a label, their roles after them, in brackets: "（基础教育股牵头，督导室、计财股配合）",
 * "（人事股负责）". Every part of the bracket must be names (each ending as a unit's name does) and a role.
 */
function roleBracket(text: string): FoundUnits | null {
  // NFKC text holds no "（": one search says so, and the rest look for "(" only.
  const wide = text.includes("（");
  const nextOpening = (from: number) => {
    const ascii = text.indexOf("(", from);
    if (!wide) return ascii;
    const w = text.indexOf("（", from);
    return w < 0 ? ascii : ascii < 0 ? w : Math.min(ascii, w);
  };
  for (let open = nextOpening(0); open >= 0; open = nextOpening(open + 1)) {
    const close = closingOf(text, open);
    if (close < 0) return null;
    const inner = text.slice(open + 1, close);
    const parts = ROLE_WORD.test(inner) ? roleParts(inner) : null;
    if (parts) {
      const units = [...parts.lead, ...parts.others];
      const schedule = parts.schedule.length ? { schedule: parts.schedule.join("；") } : {};
      return {
        units,
        leadCount: parts.lead.length || 1,
        index: open,
        length: close + 1 - open,
        unsplit: false,
        ...schedule,
      };
    }
    open = close;
  }
  return null;
}

/** The bracket closing the one opened at `open`, or -1. */
function closingOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x28 || code === 0xff08) depth++;
    else if ((code === 0x29 || code === 0xff09) && --depth === 0) return i;
  }
  return -1;
}

/** Finds every labelled unit list in a task's text (inline or on the lines after it), or a role bracket. */
export function extractUnits(text: string): FoundUnits | null {
  const labels = findLabels(text);
  if (labels.length === 0) return roleBracket(text);
  const lead: string[] = [];
  const others: string[] = [];
  let unsplit = false;
  let hasLeadLabel = false;
  const schedule: string[] = [];
  const first = labels[0]!;
  const before = first.index > 0 ? text.charCodeAt(first.index - 1) : 0;
  const open = before === 0x28 || before === 0xff08 ? first.index - 1 : first.index; // ( or （
  let end = first.index + first[0].length;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const start = label.index + label[0].length;
    const next = labels[i + 1]?.index ?? text.length;
    const list = text.slice(start, listEnd(text, start, next));
    end = start + list.length;
    const cut = scheduleStart(list);
    if (cut >= 0) schedule.push(list.slice(cut).trim().replace(LIST_END, ""));
    const names = cut >= 0 ? list.slice(0, cut) : list;
    // A list the text wrapped (see wrapsOn) is read without its line breaks.
    const read = names.includes("\n") ? names.replace(LINE_BREAKS, "") : names;
    const after = end < text.length ? text.charCodeAt(end) : 0;
    if (after === 0x29 || after === 0xff09) end += 1; // ) or ）
    const split = splitUnits(read.replace(LIST_TAIL, ""));
    unsplit ||= split.unsplit;
    const role = label[1]!;
    hasLeadLabel ||= LEAD_LABEL.test(role);
    (LEAD_ROLES.test(role) ? lead : others).push(...split.units);
  }
  const marked: Array<{ name: string; lead: boolean | null }> = [];
  for (const unit of lead) marked.push(leadMark(unit));
  for (const unit of others) marked.push(leadMark(unit));
  if (marked.length === 0) return null;
  const region = {
    index: open,
    length: end - open,
    unsplit,
    ...(schedule.length ? { schedule: schedule.join("；") } : {}),
  };
  if (marked.some((m) => m.lead)) {
    // "A（牵头）、B、C": the marked units lead, whatever the label says.
    const leads = marked.filter((m) => m.lead).map((m) => m.name);
    const rest = marked.filter((m) => !m.lead).map((m) => m.name);
    return { units: [...leads, ...rest], leadCount: leads.length, ...region };
  }
  const units = marked.map((m) => m.name);
  const leadCount = hasLeadLabel ? lead.length : Math.min(1, marked.length);
  return { units, leadCount, ...region };
}

/** A line that is only a unit label ("责任股室：基教一股、教研室"), printed after its task. */
const UNIT_LINE_START = new RegExp(`^[(（]?${ROLE}${ORG}`);
const COLON = /[:：]/;

/** The labels' pattern, for the property test that holds findLabels to a global search of it. */
export const labelPattern = (): RegExp => LABEL_RE;

export function isUnitLine(line: string): boolean {
  return UNIT_LINE_START.test(line) && COLON.test(line.slice(0, 14));
}
