import { CHINESE_NUMERAL_CHARS, parseNumber } from "./chinese-numerals.js";

/**
 * The numbering hierarchy of Chinese official documents:
 *   part      第一部分 / 第一章
 *   l1        一、 一. 一．
 *   l2        (一) （一）
 *   arabic    1. 1、 1． and the malformed 27构建 (no separator)
 *   l4        (1) 1)
 *   circled   ① ②
 *   ordinal   一是 二是 (a "firstly" clause)
 */
export type MarkerLevel = "part" | "l1" | "l2" | "arabic" | "l4" | "circled" | "ordinal";

export interface Marker {
  level: MarkerLevel;
  /** The number as printed, without brackets or separator: "一", "27". */
  no: string;
  value: number;
  /** Text after the marker. */
  rest: string;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
const PART_RE = new RegExp(`^第(${CN})(?:部分|章|篇)\\s*`);
const L1_RE = new RegExp(`^(${CN})\\s*[、.．,]\\s*`);
const L2_RE = new RegExp(`^\\((${CN})\\)\\s*`);
const L4_RE = /^\(?(\d{1,2})\)\s*/;
const CIRCLED_RE = /^([\u2460-\u2473])\s*/;
const ORDINAL_RE = new RegExp(`^(${CN})是`);
/** "1." "1、" "1．" "1 " or digits straight into text ("27构建"); never "1.5", "2024年", "30所". */
const ARABIC_RE = /^(\d{1,3})(\s*[.、．](?!\d)\s*|\s+(?=[^\d\s])|(?=[\u4e00-\u9fff“"《]))/;
/** What follows a number that is a quantity or a date, not a task number. */
const QUANTITY_NEXT =
  /^(?:年|月|日|号|所|个|项|名|人|次|万|亿|千|百|元|家|场|届|周|天|小时|分|级|条|批|期|套|台|件|节|篇|处|倍|米|公里|平方|多|余|类|支|间|座|门|本|册|部|种|岁|课时|学时|班|组|户|张|块|亩|吨|辆|位|轮|份|大|点|%|\s*[-—~至到])/;

const CN_NUMERAL = new Set([...CHINESE_NUMERAL_CHARS].map((c) => c.charCodeAt(0)));

/**
 * The text after a marker: the patterns match the marker only (reading a long task line to its end for a
 * capture group of the rest cost as much as the rest of the line's classification).
 */
const rest = (line: string, m: RegExpExecArray) => line.slice(m[0].length);

export function parseMarker(line: string): Marker | null {
  // Every pattern below is anchored at its first character, which picks the patterns to try (in their order
  // of precedence): most lines start with none of 第, a bracket, a digit, a circled number or a numeral.
  const first = line.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (first >= 48 && first <= 57) {
    m = L4_RE.exec(line);
    if (m) return marker("l4", m[1]!, rest(line, m));
    m = ARABIC_RE.exec(line);
    if (!m) return null;
    // Without a separator ("27构建"), digits followed by a unit are a quantity ("30所学校…").
    const after = rest(line, m);
    return /[.、．]/.test(m[2]!) || !QUANTITY_NEXT.test(after) ? marker("arabic", m[1]!, after) : null;
  }
  if (CN_NUMERAL.has(first)) {
    m = ORDINAL_RE.exec(line);
    if (m && m[1]!.length <= 3) return marker("ordinal", m[1]!, rest(line, m));
    m = L1_RE.exec(line);
    if (m && m[1]!.length <= 3) return marker("l1", m[1]!, rest(line, m));
    return null;
  }
  if (first === 0x28) {
    m = L2_RE.exec(line);
    if (m) return marker("l2", m[1]!, rest(line, m));
    m = L4_RE.exec(line);
    return m ? marker("l4", m[1]!, rest(line, m)) : null;
  }
  if (first === 0x7b2c) {
    m = PART_RE.exec(line);
    return m ? marker("part", m[1]!, rest(line, m)) : null;
  }
  if (first >= 0x2460 && first <= 0x2473) {
    m = CIRCLED_RE.exec(line);
    if (m) return { level: "circled", no: m[1]!, value: m[1]!.charCodeAt(0) - 0x245f, rest: rest(line, m).trim() };
  }
  return null;
}

function marker(level: MarkerLevel, no: string, rest: string): Marker | null {
  const value = parseNumber(no);
  if (value === null) return null;
  return { level, no, value, rest: rest.trim() };
}

/** A cell that is only a list number ("1.", "一、", "（一）", "①", "第一部分"): Word's numbering saved as text. */
export function isListNumber(cell: string): boolean {
  return cell.length <= 8 && parseMarker(cell.normalize("NFKC"))?.rest === "";
}
