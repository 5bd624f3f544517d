import { collapseSpaces, normalizeCjkSpaces } from "./text-utils.js";

/** A positioned run of text from a PDF text layer (PDF units, y grows upwards). */
export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PdfLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Groups a page's text runs into lines by their baseline, top to bottom, left to right. */
export function groupLines(items: PositionedText[]): PdfLine[] {
  const sorted = items.filter((i) => i.str !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PositionedText[][] = [];
  for (const item of sorted) {
    const line = groups[groups.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(first.y - item.y) <= Math.max(first.size, item.size) * 0.5) line.push(item);
    else groups.push([item]);
  }
  return groups.flatMap((group) => {
    group.sort((a, b) => a.x - b.x);
    let raw = "";
    let end = Number.NEGATIVE_INFINITY;
    for (const item of group) {
      // A visible gap becomes a space; normalizeCjkSpaces removes it again between Chinese characters.
      if (item.x - end > item.size * 0.25) raw += " ";
      raw += item.str;
      end = Math.max(end, item.x + item.width);
    }
    const text = normalizeCjkSpaces(collapseSpaces(raw));
    if (!text) return [];
    const size = Math.max(...group.map((i) => i.size));
    return [{ text, x0: group[0]!.x, x1: end, y: group[0]!.y, size }];
  });
}

const PAGE_NUMBER = [
  /^[-—–－―~～\s]*\d{1,4}[-—–－―~～\s]*$/, // "- 2 -", "— 2 —", "2"
  /^第\s*\d{1,4}\s*页(\s*[,，]?\s*共\s*\d{1,4}\s*页)?$/, // 第2页, 第2页 共10页
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/, // 2/10
  /^page\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
];
/** Lines this close to a page's top or bottom may be running headers, footers or page numbers. */
const EDGE_LINES = 2;

const isEdge = (i: number, count: number): boolean => i < EDGE_LINES || i >= count - EDGE_LINES;

/**
 * Drops page numbers and running headers/footers: edge lines whose text repeats at the same
 * height on most pages.
 */
export function dropPageFurniture(pages: PdfLine[][]): PdfLine[][] {
  // Same place on the page and same text; digits only vary in short lines ("第3页", "2025年3月").
  const key = (l: PdfLine): string =>
    `${Math.round(l.y / 4)}|${l.text.length <= 20 ? l.text.replace(/\d+/g, "#") : l.text}`;
  const pagesWith = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(lines.filter((_, i) => isEdge(i, lines.length)).map(key));
    for (const k of keys) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
  }
  const repeatedOn = Math.max(2, Math.ceil(pages.length * 0.6));
  return pages.map((lines) =>
    lines.filter((line, i) => {
      if (!isEdge(i, lines.length)) return true;
      if (PAGE_NUMBER.some((re) => re.test(line.text))) return false;
      return (pagesWith.get(key(line)) ?? 0) < repeatedOn;
    }),
  );
}

/** Ends of a sentence or a bracketed note: the line is complete. */
const COMPLETE_END = /[。；：！？;:!?）)」』】》〕\]”"]$/;
/** Numbering markers open a new paragraph: 一、 （一） 1. （1） ① 第一章. */
const NUMBERING_START =
  /^([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)]|[①-⑳⑴-⒇]|第[一二三四五六七八九十百]+[章节条部分])/;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/**
 * Rejoins lines that a PDF broke mid-sentence, across pages too: a line that reaches the right
 * margin without ending a sentence continues into the next, unless the next one is indented,
 * in another font size, or opens with a numbering marker.
 */
export function joinLines(pages: PdfLine[][]): string[] {
  const lines = pages.flat();
  if (lines.length === 0) return [];
  const right = percentile(
    lines.map((l) => l.x1),
    0.9,
  );
  const left = percentile(
    lines.map((l) => l.x0),
    0.1,
  );
  const paragraphs: string[] = [];
  let prev: PdfLine | undefined;
  for (const line of lines) {
    const continues =
      prev !== undefined &&
      // Line-breaking rules push up to two characters (a word and its closing bracket) to the next line.
      prev.x1 >= right - prev.size * 2.6 &&
      !COMPLETE_END.test(prev.text) &&
      !NUMBERING_START.test(line.text) &&
      line.x0 <= left + line.size * 0.8 &&
      Math.abs(line.size - prev.size) <= prev.size * 0.2;
    if (continues) {
      const last = paragraphs.pop() ?? "";
      // The paragraph ends with the previous line: test that, not the whole (growing) paragraph.
      const space = /[A-Za-z0-9]$/.test(prev!.text) && /^[A-Za-z0-9]/.test(line.text) ? " " : "";
      paragraphs.push(last + space + line.text);
    } else {
      paragraphs.push(line.text);
    }
    prev = line;
  }
  return paragraphs;
}
