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
/** An unnumbered line at least this long before the first item may hold the items (a one-line document). */
const HEADING_LENGTH = 160;
/**
 * Lines at least this long are searched for inline headings too (one-line documents); shorter ones only once
 * an inline item was found in them. (A heading's words are slower to search for than a digit.)
 */
const HEADINGS_INLINE = 600;

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

const SEPARATOR_AFTER = new Uint8Array(0x10000);
for (const c of ".、． ") SEPARATOR_AFTER[c.charCodeAt(0)] = 1;

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
  const arabic = level === "arabic";
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    // An inline Arabic item has its separator (". 、．" or a space): digits go on into a quantity or a date.
    if (arabic && SEPARATOR_AFTER[at + needle.length < text.length ? text.charCodeAt(at + needle.length) : 0] !== 1)
      continue;
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
  if (headings) {
    // A restart at 1 after a heading: inside long lines only (one-line documents, a heading run on).
    if (seq.headed && seq.arabic > 0) consider(findOnce(searches, text, from, "1", "arabic", 1, spaced));
    consider(findOnce(searches, text, from, `${chinese(seq.l1 + 1)}、`, "l1", seq.l1 + 1, false));
    consider(findOnce(searches, text, from, `(${chinese(seq.l2 + 1)})`, "l2", seq.l2 + 1, spaced));
  }
  return best;
}

/**
 * The items a line holds, or null where it holds one (most lines). `marker` is the line's own marker, and
 * `seq` the numbering state after it; the sequence is advanced past every item found.
 */
function splitInline(line: Line, marker: Marker | null, seq: Sequence): Line[] | null {
  const { text } = line;
  if (text.length < MIN_LENGTH) return null;
  const headings = text.length >= HEADINGS_INLINE;
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
 * Which lines may hold more items than their first, noted while the lines are classified (no pass of its
 * own): the lines of a gap in the Arabic sequence (5 follows 2: 3 and 4 are inside), the last numbered line
 * before a heading under which the numbering restarts, and the last one of all (a run-on line there shows no
 * gap), a long heading line, and a long unnumbered line before the first item (a one-line document).
 */
export class InlineCandidates {
  /** Line indexes, ascending. */
  readonly at: number[] = [];
  private last = -1;
  private lastValue = 0;
  /** The last numbered line before the headings since it, until the next numbered line. */
  private beforeHeading = -1;

  private add(i: number): void {
    const { at } = this;
    let k = at.length;
    while (k > 0 && at[k - 1]! > i) k--;
    if (k > 0 && at[k - 1] === i) return;
    if (k === at.length) at.push(i);
    else at.splice(k, 0, i);
  }

  /** Notes line `i` (its marker and length); lines must come in order. */
  note(i: number, m: Marker | null, length: number): void {
    if (!m) {
      if (this.last < 0 && length >= HEADING_LENGTH) this.add(i);
      return;
    }
    const level = m.level;
    if (level === "arabic") {
      if (this.last >= 0 && m.value > this.lastValue + 1) for (let j = this.last; j < i; j++) this.add(j);
      // Numbering that restarts under a heading shows no gap: the last numbered line before the heading may
      // have run on. (Where it goes on, it did not: a run-on line would have left a gap.)
      if (this.beforeHeading >= 0 && m.value <= this.lastValue) this.add(this.beforeHeading);
      this.beforeHeading = -1;
      this.last = i;
      this.lastValue = m.value;
    } else if (level === "l1" || level === "l2" || level === "part") {
      if (this.last >= 0 && this.beforeHeading < 0) this.beforeHeading = this.last;
      if (length >= 60) this.add(i);
    }
  }

  /** Call after the last line. */
  end(): void {
    if (this.last >= 0) this.add(this.last);
  }
}

/** The numbering state just after line `i`, read back from the markers before it. */
function sequenceAt(markers: Array<Marker | null>, i: number): Sequence {
  const seq = new Sequence();
  let arabic = -1;
  let l1 = -1;
  let l2 = -1;
  let heading = -1;
  for (let j = i; j >= 0 && (arabic < 0 || l1 < 0); j--) {
    const level = markers[j]?.level;
    if (level === "arabic" && arabic < 0) arabic = j;
    else if ((level === "l1" || level === "part") && l1 < 0) {
      l1 = j;
      if (heading < 0) heading = j;
    } else if (level === "l2" && l2 < 0 && l1 < 0) {
      l2 = j;
      if (heading < 0) heading = j;
    }
  }
  if (arabic >= 0) seq.arabic = markers[arabic]!.value;
  if (l1 >= 0 && markers[l1]!.level === "l1") seq.l1 = markers[l1]!.value;
  if (l2 >= 0) seq.l2 = markers[l2]!.value;
  seq.headed = arabic < 0 || heading > arabic;
  return seq;
}

/**
 * The items with every candidate line that holds several cut into one line per item; the same object where
 * none does (most documents).
 */
export function expandInline(items: Classified, candidates: InlineCandidates): Classified {
  const { lines, markers } = items;
  const splits = new Map<number, Line[]>();
  let seq: Sequence | null = null;
  let previous = -2;
  for (const i of candidates.at) {
    const marker = markers[i] ?? null;
    // A run of candidates (a gap) goes on with the sequence its first lines reached.
    if (seq && previous === i - 1) seq.see(marker);
    else seq = sequenceAt(markers, i);
    previous = i;
    const parts = splitInline(lines[i]!, marker, seq);
    if (parts) splits.set(i, parts);
  }
  if (splits.size === 0) return items;
  const out: Classified = { lines: [], markers: [] };
  for (let i = 0; i < lines.length; i++) {
    const parts = splits.get(i);
    if (!parts) {
      out.lines.push(lines[i]!);
      out.markers.push(markers[i] ?? null);
      continue;
    }
    for (const part of parts) {
      out.lines.push(part);
      out.markers.push(parseMarker(part.text));
    }
  }
  return out;
}
