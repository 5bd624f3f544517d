import { type AnchorWord, anchorVersion, anchorWords } from "./deadline-anchors.js";
import { TARGET_FORMS } from "./target-forms.js";

/**
 * One pass over a task's text for what its extractors look for first:
 * - where a target candidate can start, by the anchors the target forms declare (target-forms): a digit not
 *   inside a number, a run of Chinese numerals followed by a unit a Chinese count may carry, 百分之… (scanning
 *   for these first keeps the full candidate patterns off the many 一 of running text);
 * - where its title and quote marks (《》“”") are;
 * - which deadline anchors it holds (see deadline-anchors).
 */
export interface TextScan {
  /** Candidate starts as [index, end, form] triples (form: an index into TARGET_FORMS), flattened, in text order. */
  starts: number[];
  /** Positions of 《》“”", in text order. */
  marks: number[];
  anchors: number;
}

/** Character kinds, as bits: a digit (for the deadline anchors), a quote mark, an anchor word's start, a form's. */
const DIGIT = 1;
const MARK = 2;
const ANCHOR_START = 4;
const FORM_START = 8;
const KIND = new Uint8Array(0x10000);
KIND.fill(DIGIT, 48, 58);
for (const c of '《》“”"') KIND[c.charCodeAt(0)] = MARK;

/** By character, the forms (bits by their index in TARGET_FORMS) it can start, and whose run it continues. */
const FORMS = new Uint8Array(0x10000);
/** By character, the forms it cannot start after (their `notAfter`). */
const NOT_AFTER = new Uint8Array(0x10000);
/** By character, the run forms it may follow a run of (their `runThen`). */
const THEN = new Uint8Array(0x10000);
/** Forms whose start is their first character itself (`single`). */
let SINGLE = 0;
/** Run forms whose start holds wherever a declared character follows the run (`thenDecides`). */
let THEN_DECIDES = 0;
/** By character: 1 + the run form it starts, where that is the only form it starts (else 0). */
const RUN_ONLY = new Uint8Array(0x10000);
if (TARGET_FORMS.length > 8) throw new Error("target forms: more than 8");
TARGET_FORMS.forEach((form, k) => {
  const bit = 1 << k;
  for (const c of form.first) {
    FORMS[c.charCodeAt(0)]! |= bit;
    KIND[c.charCodeAt(0)]! |= FORM_START;
  }
  for (const c of form.notAfter ?? "") NOT_AFTER[c.charCodeAt(0)]! |= bit;
  for (const c of form.runThen ?? "") THEN[c.charCodeAt(0)]! |= bit;
  if (form.single) SINGLE |= bit;
  if (form.thenDecides) THEN_DECIDES |= bit;
});
for (let c = 0; c < 0x10000; c++) {
  const forms = FORMS[c]!;
  if (forms !== 0 && (forms & (forms - 1)) === 0 && TARGET_FORMS[31 - Math.clz32(forms)]!.runThen)
    RUN_ONLY[c] = 32 - Math.clz32(forms);
}

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
    else if (KIND[first]! & DIGIT) DIGIT_PAIR[(first - 48) * 10 + word.charCodeAt(1) - 48]! |= bit;
    else {
      if (KIND[first]! & MARK) throw new Error(`deadline anchor "${word}" starts with a quote mark`);
      KIND[first]! |= ANCHOR_START;
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

/** A text as the part of a longer string it was sliced from: `text === base.slice(offset, offset + text.length)`. */
export interface TextView {
  base: string;
  offset: number;
}

/** Most texts hold no mark: they share this (never written) list. */
const NO_MARKS: number[] = [];
/** Where the run of each run form seen last ends (a run is tested once, at its start). */
const runEnds = new Int32Array(8);

/**
 * The starts of the forms at position i (in form order), pushed as [i, end, form]. A single form starts at
 * its first character unless a declared character precedes it; a run form is tested once per run of its
 * characters, and only where the run is followed by a character it declares (its start pattern's lookahead can
 * only hold after a whole run: a shorter run is followed by one of its own characters, which no unit is);
 * another form's start pattern is tried where no declared character precedes it.
 */
function formStarts(text: string, i: number, forms: number, starts: number[]): void {
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
  for (let bits = forms & ~NOT_AFTER[prev]!; bits !== 0; bits &= bits - 1) {
    const bit = bits & -bits;
    const k = 31 - Math.clz32(bit);
    if (SINGLE & bit) {
      starts.push(i, i + 1, k);
      continue;
    }
    const form = TARGET_FORMS[k]!;
    if (form.runThen) {
      if (i < runEnds[k]!) continue;
      let end = i + 1;
      while (end < text.length && FORMS[text.charCodeAt(end)]! & bit) end++;
      runEnds[k] = end;
      if (end >= text.length || !(THEN[text.charCodeAt(end)]! & bit)) continue;
      if (THEN_DECIDES & bit) {
        starts.push(i, end, k);
        continue;
      }
      form.start.lastIndex = i;
      if (form.start.test(text)) starts.push(i, end, k);
      continue;
    }
    form.start.lastIndex = i;
    if (form.start.test(text)) starts.push(i, form.start.lastIndex, k);
  }
}

/**
 * Scans a text once. The starts are, position by position and form by form, where a target form's start
 * pattern matches (see TARGET_FORMS); the marks and the anchors as declared.
 */
export function scanText(text: string, view?: TextView): TextScan {
  // Characters are read from the string the text is a view of, where given: reading a sliced string costs more.
  const base = view?.base ?? text;
  const offset = view?.offset ?? 0;
  if (tablesVersion !== anchorVersion()) buildAnchorTables();
  runEnds.fill(0);
  const starts: number[] = [];
  let marks = NO_MARKS;
  let anchors = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = base.charCodeAt(offset + i);
    // Most characters are of no kind: a tight loop passes them.
    if (KIND[c] === 0) {
      do {
        i++;
        c = i < n ? base.charCodeAt(offset + i) : 0;
      } while (i < n && KIND[c] === 0);
      if (i >= n) break;
    }
    const kind = KIND[c]!;
    if (kind & FORM_START) {
      const forms = FORMS[c]!;
      // A digit: its one form starts at it unless a digit or "." precedes (inline: digits are many).
      const run = RUN_ONLY[c]!;
      if ((forms & ~SINGLE) === 0) {
        if (!(forms & NOT_AFTER[i > 0 ? text.charCodeAt(i - 1) : 0]!)) starts.push(i, i + 1, 31 - Math.clz32(forms));
      } else if (run === 0) formStarts(text, i, forms, starts);
      else if (i >= runEnds[run - 1]!) {
        // A run of Chinese numerals, read inline: tested once at its start, and its characters that start nothing
        // else and mean nothing else (most) are not visited again.
        const bit = 1 << (run - 1);
        let end = i + 1;
        let visit = -1;
        for (let d = text.charCodeAt(end); end < n && FORMS[d]! & bit; d = text.charCodeAt(++end))
          if (visit < 0 && KIND[d] !== FORM_START) visit = end;
        if (visit < 0 && KIND[c] === FORM_START) visit = end;
        runEnds[run - 1] = end;
        if (
          end < n &&
          THEN[text.charCodeAt(end)]! & bit &&
          (NOT_AFTER[i > 0 ? text.charCodeAt(i - 1) : 0]! & bit) === 0
        ) {
          if (THEN_DECIDES & bit) starts.push(i, end, run - 1);
          else {
            const start = TARGET_FORMS[run - 1]!.start;
            start.lastIndex = i;
            if (start.test(text)) starts.push(i, end, run - 1);
          }
        }
        if (visit > 0 && KIND[c] === FORM_START) {
          i = visit - 1;
          continue;
        }
      }
    }
    if (kind & DIGIT) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      anchors |= DIGIT_NEXT[next]!;
      if (KIND[next]! & DIGIT) anchors |= DIGIT_PAIR[(c - 48) * 10 + next - 48]!;
    } else if (kind & MARK) {
      if (marks === NO_MARKS) marks = [];
      marks.push(i);
    } else if (kind & ANCHOR_START) {
      anchors |= PAIR.get(c * 0x10000 + (i + 1 < n ? text.charCodeAt(i + 1) : 0)) ?? 0;
      if (HAS_LONG[c] === 1) for (const w of LONG.get(c)!) if (text.startsWith(w.word, i)) anchors |= w.bit;
    }
  }
  return { starts, marks, anchors };
}
