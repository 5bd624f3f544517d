import { CHINESE_NUMERAL_CHARS } from "./chinese-numerals.js";
import { CN_UNIT_LIST, UNITS } from "./target-units.js";

/**
 * The forms a target's number takes, each in one place: its candidate pattern, how the number and unit are read
 * from it, and the anchor it cannot match without — the characters it starts with, and (for a run of them) what
 * may follow the run, or what may not come before it. The one-pass scanner (target-starts) derives its tables
 * from these declarations; a property test holds each form's candidates to its declared start, and the scan to
 * the forms' start patterns. A new form is one entry here.
 */
export interface TargetForm {
  name: string;
  /** The characters a candidate of this form starts with. */
  first: string;
  /**
   * Where the form opens with a run of `first` characters: the characters that may follow the whole run (any
   * other next character and no candidate starts in the run).
   */
  runThen?: string;
  /** Characters that cannot come right before a start ("2024" starts at its 2 only, "0.5" at its 0). */
  notAfter?: string;
  /** The start is the first character itself (where no `notAfter` character precedes it). */
  single?: boolean;
  /** A run form whose start holds wherever its run is followed by a `runThen` character (no pattern to try). */
  thenDecides?: boolean;
  /** Where a candidate may start (sticky): the definition the scan's starts equal. */
  start: RegExp;
  /** The candidate at a start (sticky). */
  candidate: RegExp;
  /** Its number (and a range's end), multiplier and unit, from a candidate match. */
  parts: (m: RegExpExecArray) => { a: string; b: string | undefined; unit: string };
  /** A count in Chinese numerals, held to the stricter rules of those (see extract-targets). */
  chinese: boolean;
  /** The only units its candidates may carry (as read: a multiplier makes another unit), where it has such. */
  units?: ReadonlySet<string>;
}

const CN = CHINESE_NUMERAL_CHARS;
/** A number never starts inside another ("2024", "0.5", "8,130"). */
const NOT_INSIDE = String.raw`(?<!\d|\.|\d,)`;
const ARABIC_NUM = String.raw`${NOT_INSIDE}(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,15}(?:\.\d{1,6})?)`;
const CN_NUM = `${NOT_INSIDE}[${CN}]{1,8}`;
/** Arabic (with thousands separators: "8,130") or Chinese numerals: a range's second number. */
const NUM = `(?:${ARABIC_NUM}|${CN_NUM})`;
const MULT = "(?:万|亿|千)?";
/** "300余人", "1.2万余人次", "十余所": more than the number (read as a floor of it). */
const OVER = "(?:余|多)?";
const UNIT = `(?:${UNITS.map((u) => u.replace(/[%]/g, "\\$&")).join("|")})(?:\\([^()]{1,4}\\))?`;
/** After the first number: an optional range end ("30—40套", "3至5所", "1所—2所"), then a unit. */
const COUNT_REST = String.raw`(?:(?:\s*(?:${MULT})\s*(?:${UNIT}))?\s*[-—–~至到]\s*(${NUM}))?\s*(${MULT})${OVER}\s*(${UNIT})`;
const countParts = (m: RegExpExecArray) => ({ a: m[1]!, b: m[2], unit: m[3] ? m[3] + m[4]! : m[4]! });

/** What any unit starts with. */
const UNIT_STARTS = [...new Set(UNITS.map((u) => u[0]!))].join("");
/** The units a Chinese-numeral count may carry start with these. */
const CN_UNIT_STARTS = [...new Set(CN_UNIT_LIST.map((u) => u[0]!))].join("");
/** What \s matches (a count's number, range mark and unit may stand apart). */
const SPACES =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

export const TARGET_FORMS: TargetForm[] = [
  // "8130个", "94.5%", "700-800人", "1.5万人次"
  {
    name: "arabic count",
    first: "0123456789",
    notAfter: "0123456789.",
    runThen: `.,万亿千余多-—–~至到${UNIT_STARTS}${SPACES}`,
    thenDecides: true,
    start: new RegExp(`(?<![\\d.])\\d+(?=[.,万亿千余多\\-—–~至到${UNIT_STARTS}]|\\s)`, "y"),
    candidate: new RegExp(`(${ARABIC_NUM})${COUNT_REST}`, "y"),
    parts: countParts,
    chinese: false,
  },
  // "两个以上", "三所", "二十名"
  {
    name: "chinese count",
    first: CN,
    runThen: `至到-—–~万千余多${CN_UNIT_STARTS}${SPACES}`,
    start: new RegExp(`[${CN}]+(?=\\s*(?:[至到\\-—–~]|[万千]?[余多]?\\s*[${CN_UNIT_STARTS}]))`, "y"),
    candidate: new RegExp(`(${CN_NUM})${COUNT_REST}`, "y"),
    parts: countParts,
    chinese: true,
    units: new Set(CN_UNIT_LIST),
  },
  // "百分之九十五", "百分之百"
  {
    name: "chinese percentage",
    first: "百",
    start: new RegExp(`百分之(?=[${CN}])`, "y"),
    candidate: new RegExp(`百分之(${CN_NUM})`, "y"),
    parts: (m) => ({ a: m[1]!, b: undefined, unit: "%" }),
    chinese: false,
  },
];
