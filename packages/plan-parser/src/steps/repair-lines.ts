import { isJunk, titleOf } from "./find-plans.js";
import type { Line } from "./lines.js";
import { parseMarker } from "./numbering.js";

/**
 * Repairs the line structure of text that did not keep one item per line, before plans and tasks are read:
 * - page-chunk markers of document sites ("1、" glued to the title, "2、3、" glued to the text at each page
 *   break) are dropped, and a line they broke is joined again;
 * - hard-wrapped text (copied from a PDF: every line about as long as the page is wide) is joined back into
 *   paragraphs, across page-number lines;
 * - page numbers inside a long line ("… - 3 - …") are dropped;
 * - a title at the start of a one-line document is cut off from the text after it.
 * Each check is cheap and most documents need none: the lines come back as they were.
 * A line whose text is no longer the source between its start and end is marked `joined`.
 */
export function repairLines(lines: Line[]): Line[] {
  let out = lines;
  if (startsWithChunkMarker(out)) out = dropChunkMarkers(out);
  const width = wrapWidth(out);
  if (width > 0) out = joinWrapped(out, width);
  return splitLongLines(out);
}

const TERMINAL = new Uint8Array(0x10000);
for (const c of '。；;！!？?）)】」』”"') TERMINAL[c.charCodeAt(0)] = 1;
const endsSentence = (text: string) => text.length > 0 && TERMINAL[text.charCodeAt(text.length - 1)] === 1;

function joinedLine(a: Line, textA: string, b: Line, textB: string): Line {
  return { index: a.index, text: textA + textB, start: a.start, end: b.end, joined: true };
}

// ---------------------------------------------------------------- chunk markers

const CHUNK_START = /^1、(?=\S)/;

/**
 * A document-site text: its first line is "1、" glued to the plan title (or, in a one-line document, to a long
 * line that opens with the title).
 */
function startsWithChunkMarker(lines: Line[]): boolean {
  const first = lines.find((l) => l.text && !l.cells);
  if (!first || !CHUNK_START.test(first.text)) return false;
  const rest = first.text.slice(2);
  return titleOf(rest) !== null || (rest.length >= LONG && leadingTitle(rest) !== null);
}

/** The value of an Arabic number opening a line ("12." "3、" "4 "), or 0. */
function leadingNumber(text: string): number {
  let value = 0;
  let i = 0;
  for (; i < 3 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + c - 48;
  }
  return i > 0 && parseMarker(text)?.level === "arabic" ? value : 0;
}

/**
 * Drops the chunk markers 1、2、3、… in document order: the next number of the chunk sequence followed by 、,
 * wherever it is glued, unless it opens a line after a finished sentence and continues the task numbering.
 */
function dropChunkMarkers(lines: Line[]): Line[] {
  const out: Line[] = [];
  let next = 1;
  let lastTask = 0;
  for (const line of lines) {
    if (line.cells || !line.text) {
      out.push(line);
      continue;
    }
    let text = line.text;
    let joined = false;
    for (let at = text.indexOf(`${next}、`); at >= 0; at = text.indexOf(`${next}、`, at)) {
      const prevCode = at > 0 ? text.charCodeAt(at - 1) : 0;
      if (prevCode >= 48 && prevCode <= 57) {
        at += 1;
        continue;
      }
      const prevLine = out[out.length - 1];
      const isTask = at === 0 && next === lastTask + 1 && (!prevLine?.text || endsSentence(prevLine.text));
      if (isTask && next > 1) break;
      text = text.slice(0, at) + text.slice(at + `${next}、`.length);
      joined = true;
      next++;
    }
    const lead = leadingNumber(text);
    if (lead) lastTask = lead;
    if (!joined) {
      out.push(line);
      continue;
    }
    text = text.trim();
    const prev = out[out.length - 1];
    // A marker at a line start broke a sentence there: the line continues the one before.
    if (prev?.text && !prev.cells && !endsSentence(prev.text) && !parseMarker(text) && line.text.indexOf("、") < 3)
      out[out.length - 1] = joinedLine(prev, prev.text, line, text);
    else if (text) out.push({ ...line, text, joined: true });
  }
  return out;
}

// ---------------------------------------------------------------- hard wraps

/**
 * The width a hard-wrapped text was wrapped at, or 0: the commonest length (±2) of lines that end without a
 * sentence end and whose next line opens no numbered item, where such lines are at least a sixth of the
 * text lines (and at least four).
 */
function wrapWidth(lines: Line[]): number {
  let textLines = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    const { text, cells } = lines[i]!;
    if (cells || !text) continue;
    textLines++;
    if (text.length < 16 || text.length > 120 || endsSentence(text)) continue;
    const next = lines[i + 1];
    if (!next?.text || next.cells || parseMarker(next.text)) continue;
    counts.set(text.length, (counts.get(text.length) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const len of counts.keys()) {
    let n = 0;
    for (let d = -2; d <= 2; d++) n += counts.get(len + d) ?? 0;
    if (n > bestCount || (n === bestCount && len > best)) {
      best = len;
      bestCount = n;
    }
  }
  return bestCount >= 4 && bestCount * 6 >= textLines ? best + 2 : 0;
}

/** Joins each line as long as the wrap width (less a little) that ends mid-sentence with the next text line. */
function joinWrapped(lines: Line[], width: number): Line[] {
  const out: Line[] = [];
  const arabic = { last: 0 };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.cells || !line.text) {
      out.push(line);
      continue;
    }
    const lead = leadingNumber(line.text);
    if (lead) arabic.last = lead;
    // The parts are joined once at the end: a growing string would be flattened at every check of its end.
    let tail = line;
    const parts = [line.text];
    while (tail.text.length >= width - 6 && !endsSentence(tail.text)) {
      let j = i + 1;
      // Page numbers and blank lines between the two halves of a wrapped sentence.
      while (j < lines.length && !lines[j]!.cells && (!lines[j]!.text || isJunk(lines[j]!.text))) j++;
      const next = lines[j];
      if (!next || next.cells || !continues(next.text, arabic.last)) break;
      parts.push(next.text);
      tail = next;
      i = j;
    }
    if (tail !== line) line = joinedLine(line, "", tail, parts.join(""));
    out.push(line);
  }
  return out;
}

/** Whether a line can continue the wrapped line before it: it opens no heading and no next task. */
function continues(text: string, lastTask: number): boolean {
  const m = parseMarker(text);
  if (!m) return true;
  if (m.level !== "arabic") return false;
  return m.value !== lastTask + 1 && m.value !== 1;
}

// ---------------------------------------------------------------- one-line documents

const LONG = 200;
const PAGED = 600;
const PAGE_MARK = /\s[-—–]\s*\d{1,3}\s*[-—–](?=\s|$)/;
const PAGE_MARK_ALL = new RegExp(PAGE_MARK.source, "g");

/** Drops page numbers inside long lines and cuts a leading plan title off a long line. */
function splitLongLines(lines: Line[]): Line[] {
  let out: Line[] | null = null;
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let repaired: Line[] | null = null;
    if (!line.cells && line.text.length >= LONG) {
      let current = line;
      // Page numbers inside a line: only a one-line document's lines are long enough to hold pages.
      if (line.text.length >= PAGED && PAGE_MARK.test(line.text)) {
        current = { ...line, text: line.text.replace(PAGE_MARK_ALL, " ").trim(), joined: true };
        repaired = [current];
      }
      if (seen < 3) {
        const title = leadingTitle(current.text);
        if (title) {
          const rest = current.text.slice(title.length).trim();
          const head: Line = { ...current, text: title, end: current.start + title.length };
          const tail: Line = { ...current, text: rest, start: current.end - rest.length };
          repaired = [head, tail];
        }
      }
    }
    if (line.text && !line.cells) seen++;
    if (repaired) {
      out ??= lines.slice(0, i);
      out.push(...repaired);
    } else out?.push(line);
  }
  return out ?? lines;
}

/** A plan title opening a long line, up to a space: "柳溪县教育体育局2026年工作要点 2026年全县…". */
function leadingTitle(text: string): string | null {
  for (let at = text.indexOf(" "); at > 0 && at <= 70; at = text.indexOf(" ", at + 1)) {
    const head = text.slice(0, at);
    if (titleOf(head)) return head;
  }
  return null;
}
