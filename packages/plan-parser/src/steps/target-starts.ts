import * as anchor from "./deadline-anchors.js";

/**
 * One pass over a task's text for what its extractors look for first:
 * - where a target candidate can start: a digit run, or a Chinese numeral followed by a unit a Chinese count
 *   may carry (scanning for these first keeps the full candidate pattern off the many 一 of running text);
 * - where its title and quote marks (《》“”") are;
 * - which deadline anchors it holds (see deadline-anchors).
 */
export interface TextScan {
  /** Candidate starts as [index, end) pairs, flattened, in text order. */
  starts: number[];
  /** Positions of 《》“”", in text order. */
  marks: number[];
  anchors: number;
}

const CN_CORE = "零〇一二两三四五六七八九十百千";
const DIGIT = 1;
const NUMERAL = 2;
const MARK = 3;
/** First characters of anchors other than a digit's. */
const ANCHOR_START = 4;
const KIND = new Uint8Array(0x10000);
KIND.fill(DIGIT, 48, 58);
for (const c of CN_CORE) KIND[c.charCodeAt(0)] = NUMERAL;
for (const c of '《》“”"') KIND[c.charCodeAt(0)] = MARK;
for (const c of "贯年今季半秋") KIND[c.charCodeAt(0)] = ANCHOR_START;
/** The Chinese branch, anchored: a numeral run that a unit (or a range and a unit) follows. */
const CN_START_RE = new RegExp(`[${CN_CORE}]+(?=(?:[至到\\-—–~][${CN_CORE}]+)?[万千]?[所个次项名人家场套支节篇])`, "y");

/**
 * What CN_START_RE's lookahead can read first after a numeral run: a range mark, 万 or 千, or a unit. Only where
 * the whole run is followed by one can it hold: a shorter run is followed by a numeral, which is none of them
 * but 千, and after 千 the lookahead needs a unit, which the run's next numeral or its end would have to be.
 */
const NUMERAL_NEXT = new Uint8Array(0x10000);
for (const c of "至到-—–~万千所个次项名人家场套支节篇") NUMERAL_NEXT[c.charCodeAt(0)] = 1;

const code = (s: string) => s.charCodeAt(0);
const GUAN = code("贯");
/** (Read once here: the loop seldom meets 贯, and a namespace read it has never run stops optimised code.) */
const THROUGHOUT = anchor.THROUGHOUT;
const [YUE, NIAN, ZERO, TWO] = [code("月"), code("年"), code("0"), code("2")];
/** The anchor a character pair starting with 年, 今, 季, 半 or 秋 makes (贯 needs 贯穿全年), by both codes. */
const PAIR_ANCHORS = new Map<number, number>([
  [code("年") * 0x10000 + code("底"), anchor.YEAR_END],
  [code("年") * 0x10000 + code("末"), anchor.YEAR_END],
  [code("年") * 0x10000 + code("内"), anchor.THIS_YEAR],
  [code("今") * 0x10000 + code("年"), anchor.THIS_YEAR],
  [code("季") * 0x10000 + code("度"), anchor.QUARTER],
  [code("半") * 0x10000 + code("年"), anchor.HALF_YEAR],
  [code("秋") * 0x10000 + code("季"), anchor.AUTUMN],
]);

/** Most texts hold no mark: they share this (never written) list. */
const NO_MARKS: number[] = [];

/**
 * Scans a text once. The starts are the matches, in order, of the global pattern `(?<![\d.])\d|[零…千]+(?=…)`:
 * a digit not after a digit or ".", or a numeral run before a unit. The numeral branch's lookahead can only
 * hold after a whole run (a numeral is neither a range mark nor a unit), so it is tried once, at the run's start.
 */
export function scanText(text: string): TextScan {
  const starts: number[] = [];
  let marks = NO_MARKS;
  let anchors = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const kind = KIND[c];
    if (kind === 0) continue;
    if (kind === DIGIT) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (KIND[prev] !== DIGIT && prev !== 46) starts.push(i, i + 1);
      const next = text.charCodeAt(i + 1);
      if (next === YUE) anchors |= anchor.MONTH;
      else if (next === NIAN) anchors |= anchor.PRINTED_YEAR;
      else if (next === ZERO && c === TWO) anchors |= anchor.YEAR_DIGITS;
    } else if (kind === NUMERAL) {
      let end = i + 1;
      while (KIND[text.charCodeAt(end)] === NUMERAL) end++;
      // The lookahead's first character comes right after the run (see NUMERAL_NEXT): most runs fail there.
      if (end < n && NUMERAL_NEXT[text.charCodeAt(end)] === 1) {
        CN_START_RE.lastIndex = i;
        if (CN_START_RE.test(text)) starts.push(i, end);
      }
      i = end - 1;
    } else if (kind === MARK) {
      if (marks === NO_MARKS) marks = [];
      marks.push(i);
    } else if (c === GUAN) {
      if (text.startsWith("贯穿全年", i)) anchors |= THROUGHOUT;
    } else {
      anchors |= PAIR_ANCHORS.get(c * 0x10000 + text.charCodeAt(i + 1)) ?? 0;
    }
  }
  return { starts, marks, anchors };
}
