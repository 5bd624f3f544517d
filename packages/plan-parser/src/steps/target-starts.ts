import { type AnchorWord, anchorVersion, anchorWords } from "./deadline-anchors.js";
import { CN_UNIT_LIST } from "./target-units.js";

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
/** First characters of anchor words that start with no digit. */
const ANCHOR_START = 4;
const KIND = new Uint8Array(0x10000);
KIND.fill(DIGIT, 48, 58);
for (const c of CN_CORE) KIND[c.charCodeAt(0)] = NUMERAL;
for (const c of '《》“”"') KIND[c.charCodeAt(0)] = MARK;
/** The units a Chinese-numeral count may carry start with these (from extract-targets' list). */
const CN_UNIT_STARTS = [...new Set(CN_UNIT_LIST.map((u) => u[0]!))].join("");
/** The Chinese branch, anchored: a numeral run that a unit (or a range and a unit) follows. */
const CN_START_RE = new RegExp(`[${CN_CORE}]+(?=(?:[至到\\-—–~][${CN_CORE}]+)?[万千]?[${CN_UNIT_STARTS}])`, "y");

/**
 * What CN_START_RE's lookahead can read first after a numeral run: a range mark, 万 or 千, or a unit. Only where
 * the whole run is followed by one can it hold: a shorter run is followed by a numeral, which is none of them
 * but 千, and after 千 the lookahead needs a unit, which the run's next numeral or its end would have to be.
 */
const NUMERAL_NEXT = new Uint8Array(0x10000);
for (const c of `至到-—–~万千${CN_UNIT_STARTS}`) NUMERAL_NEXT[c.charCodeAt(0)] = 1;

/**
 * The deadline anchors, as tables derived from the anchor words the deadline rules declare (deadline-anchors):
 * "#X" → DIGIT_NEXT[X]; two digits "20" → DIGIT_PAIR; a word of two characters → PAIR by both codes; a longer
 * word → LONG by its first character. Rebuilt when a word is declared after a scan (never, once loaded).
 */
const DIGIT_NEXT = new Uint32Array(0x10000);
const DIGIT_PAIR = new Uint32Array(100);
const PAIR = new Map<number, number>();
const LONG = new Map<number, AnchorWord[]>();
/** 1 for a first character of a word longer than two (most anchor characters, 年 above all, have none). */
const HAS_LONG = new Uint8Array(0x10000);
let tablesVersion = -1;

function buildAnchorTables(): void {
  DIGIT_NEXT.fill(0);
  DIGIT_PAIR.fill(0);
  PAIR.clear();
  LONG.clear();
  HAS_LONG.fill(0);
  for (const w of anchorWords()) {
    const { word, bit } = w;
    const first = word.charCodeAt(0);
    if (word[0] === "#") DIGIT_NEXT[word.charCodeAt(1)]! |= bit;
    else if (KIND[first] === DIGIT) DIGIT_PAIR[(first - 48) * 10 + word.charCodeAt(1) - 48]! |= bit;
    else {
      if (KIND[first] !== 0 && KIND[first] !== ANCHOR_START)
        throw new Error(`deadline anchor "${word}" starts with a numeral or a quote mark`);
      KIND[first] = ANCHOR_START;
      if (word.length === 2) {
        const key = first * 0x10000 + word.charCodeAt(1);
        PAIR.set(key, (PAIR.get(key) ?? 0) | bit);
      } else {
        LONG.set(first, [...(LONG.get(first) ?? []), w]);
        HAS_LONG[first] = 1;
      }
    }
  }
  tablesVersion = anchorVersion();
}

/** Most texts hold no mark: they share this (never written) list. */
const NO_MARKS: number[] = [];

/**
 * Scans a text once. The starts are the matches, in order, of the global pattern `(?<![\d.])\d|[零…千]+(?=…)`:
 * a digit not after a digit or ".", or a numeral run before a unit. The numeral branch's lookahead can only
 * hold after a whole run (a numeral is neither a range mark nor a unit), so it is tried once, at the run's start.
 */
export function scanText(text: string): TextScan {
  if (tablesVersion !== anchorVersion()) buildAnchorTables();
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
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      anchors |= DIGIT_NEXT[next]!;
      if (KIND[next] === DIGIT) anchors |= DIGIT_PAIR[(c - 48) * 10 + next - 48]!;
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
    } else {
      anchors |= PAIR.get(c * 0x10000 + (i + 1 < n ? text.charCodeAt(i + 1) : 0)) ?? 0;
      if (HAS_LONG[c] === 1) for (const w of LONG.get(c)!) if (text.startsWith(w.word, i)) anchors |= w.bit;
    }
  }
  return { starts, marks, anchors };
}
