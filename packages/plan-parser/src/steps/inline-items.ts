import type { Line } from "./lines.js";
import { type Marker, parseMarker } from "./numbering.js";

/**
 * Numbered items that do not start a line: run-on paragraphs ("1.…。2 .…。3 .…") and one-line documents. A
 * line is cut where the numbering sequence itself continues: the next Arabic number (or 1 after a heading),
 * the next 一、 heading or the next （一） heading, after a sentence end or a closing bracket. A number that
 * does not continue its level's sequence never cuts, so quantities, dates and page numbers stay text.
 */
export class Sequence {
  arabic = 0;
  l1 = 0;
  l2 = 0;
  /** A heading came after the last Arabic number: the next may restart at 1. */
  headed = true;

  see(m: Marker | null): void {
    if (!m) return;
    if (m.level === "arabic") {
      this.arabic = m.value;
      this.headed = false;
    } else if (m.level === "l1" || m.level === "part") {
      if (m.level === "l1") this.l1 = m.value;
      this.l2 = 0;
      this.headed = true;
    } else if (m.level === "l2") {
      this.l2 = m.value;
      this.headed = true;
    }
  }
}

/** Lines shorter than this hold no second item worth a search. */
const MIN_LENGTH = 24;
/** Lines at least this long are searched for inline headings too (one-line documents). */
const HEADING_LENGTH = 160;

const CN = "〇一二三四五六七八九十";
function chinese(n: number): string {
  if (n <= 10) return CN[n]!;
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ""}`;
}

/** Characters an inline item may follow (spaces skipped): a sentence end or a closing bracket. */
const BOUNDARY = new Set([...'。；;！!？?）)】」』”"'].map((c) => c.charCodeAt(0)));

function afterBoundary(text: string, at: number, spaced: boolean): boolean {
  if (spaced && at > 0 && text.charCodeAt(at - 1) === 32) return true;
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  return i < 0 || BOUNDARY.has(text.charCodeAt(i));
}

interface Cut {
  at: number;
  marker: Marker;
}

/** The first place at or after `from` where `needle` opens an item of `level` numbered `value`. */
function find(
  text: string,
  from: number,
  needle: string,
  level: Marker["level"],
  value: number,
  spaced: boolean,
): Cut | null {
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    if ((before >= 48 && before <= 57) || before === 46) continue;
    if (!afterBoundary(text, at, spaced)) continue;
    const m = parseMarker(text.slice(at, at + 40));
    if (m && m.level === level && m.value === value) return { at, marker: m };
  }
  return null;
}

/** Searches already made in one line: a needle's first item at or after `from` (null: none after it). */
type Searches = Map<string, { from: number; cut: Cut | null }>;

function findOnce(
  searches: Searches,
  text: string,
  from: number,
  needle: string,
  level: Marker["level"],
  value: number,
  spaced: boolean,
): Cut | null {
  const key = `${needle}${spaced ? " " : ""}`;
  const known = searches.get(key);
  // A search from an earlier place answers for a later one unless its item lies before the later place.
  if (known && known.from <= from && (known.cut === null || known.cut.at >= from)) return known.cut;
  const cut = find(text, from, needle, level, value, spaced);
  searches.set(key, { from, cut });
  return cut;
}

function nextCut(text: string, from: number, seq: Sequence, headings: boolean, searches: Searches): Cut | null {
  // After a heading, the heading's text ends with no stop: a space before the next item is boundary enough.
  const spaced = seq.headed;
  const next = seq.arabic + 1;
  let best = findOnce(searches, text, from, String(next), "arabic", next, spaced);
  const consider = (c: Cut | null) => {
    if (c && (!best || c.at < best.at)) best = c;
  };
  if (seq.headed && seq.arabic > 0) consider(findOnce(searches, text, from, "1", "arabic", 1, spaced));
  if (headings) {
    consider(findOnce(searches, text, from, `${chinese(seq.l1 + 1)}、`, "l1", seq.l1 + 1, false));
    consider(findOnce(searches, text, from, `(${chinese(seq.l2 + 1)})`, "l2", seq.l2 + 1, spaced));
  }
  return best;
}

/**
 * The items a line holds, or null where it holds one (most lines). `marker` is the line's own marker; the
 * sequence is advanced past every item found.
 */
function splitInline(line: Line, marker: Marker | null, seq: Sequence): Line[] | null {
  const { text } = line;
  seq.see(marker);
  if (text.length < MIN_LENGTH) return null;
  const headings = text.length >= HEADING_LENGTH;
  let from = marker ? text.length - marker.rest.length : 0;
  const searches: Searches = new Map();
  let cut = nextCut(text, from, seq, headings, searches);
  if (!cut) return null;
  const out: Line[] = [];
  let start = 0;
  while (cut) {
    push(out, line, start, cut.at);
    seq.see(cut.marker);
    start = cut.at;
    from = cut.at + 1;
    cut = nextCut(text, from, seq, headings || out.length > 0, searches);
  }
  push(out, line, start, text.length);
  return out;
}

function push(out: Line[], line: Line, from: number, to: number): void {
  const part = line.text.slice(from, to);
  const text = part.trim();
  if (!text) return;
  const lead = part.length - part.trimStart().length;
  const start = line.start + from + lead;
  out.push({ ...line, text, start, end: start + text.length, inline: true });
}

/** Lines and the marker each starts with, side by side. */
export interface Classified {
  lines: Line[];
  markers: Array<Marker | null>;
}

/**
 * Which lines may hold more items than their first, found from the numbering without reading the text:
 * the lines of a gap in the Arabic sequence (5 follows 2: 3 and 4 are inside), the last numbered line before
 * a heading or the end (a run-on line before a heading shows no gap), a long heading line, and a long
 * unnumbered line before the first item (a one-line document). Null where there is none.
 */
function linesToSearch({ lines, markers }: Classified): Uint8Array | null {
  let search: Uint8Array | null = null;
  const mark = (i: number) => {
    search ??= new Uint8Array(lines.length);
    search[i] = 1;
  };
  let last = -1;
  let lastValue = 0;
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i];
    const length = lines[i]!.text.length;
    if (!m) {
      if (last < 0 && length >= HEADING_LENGTH) mark(i);
      continue;
    }
    if (m.level === "arabic") {
      if (last >= 0 && m.value > lastValue + 1) for (let j = last; j < i; j++) mark(j);
      last = i;
      lastValue = m.value;
    } else if (m.level === "l1" || m.level === "l2" || m.level === "part") {
      if (last >= 0) mark(last);
      if (length >= 60) mark(i);
    }
  }
  if (last >= 0) mark(last);
  return search;
}

/** The items with every line that holds several cut into one line per item; the same object where none does. */
export function expandInline(items: Classified): Classified {
  const search = linesToSearch(items);
  if (!search) return items;
  const seq = new Sequence();
  let out: Classified | null = null;
  for (let i = 0; i < items.lines.length; i++) {
    const line = items.lines[i]!;
    const marker = items.markers[i] ?? null;
    const parts = search[i] ? splitInline(line, marker, seq) : null;
    if (!search[i]) seq.see(marker);
    if (parts && !out) out = { lines: items.lines.slice(0, i), markers: items.markers.slice(0, i) };
    if (!out) continue;
    if (parts)
      for (const part of parts) {
        out.lines.push(part);
        out.markers.push(parseMarker(part.text));
      }
    else {
      out.lines.push(line);
      out.markers.push(marker);
    }
  }
  return out ?? items;
}
