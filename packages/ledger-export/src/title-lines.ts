/**
 * Line breaks for centred titles (GB/T 9704 §7.3.1): a title of several lines breaks between words,
 * never inside one, and its lines are of even length (a 梯形 or 菱形, not one long line and a stub).
 * Words come from the ICU word segmenter (Intl.Segmenter, 'zh'); punctuation stays with the word
 * before it, and a number stays with its unit (2026年, 11月, 3项).
 */

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Display width in full-width characters: CJK and full-width forms count 1, Latin and digits ½. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? 1 : 0.5;
  return width;
}

/** Wide (full-width) characters: CJK ideographs and punctuation, kana, hangul, full-width forms. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000 ||
    c === 0x2014 ||
    c === 0x2026
  );
}

const UNIT = /^[年月日号期项个所名次%％]/;

/** Words of a title; punctuation or spaces join the word before, a unit joins its number. */
export function titleWords(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const last = words.length - 1;
    const prev = words[last];
    if (
      prev !== undefined &&
      (!isWordLike ||
        (/[0-9０-９]$/.test(prev) && UNIT.test(segment)) ||
        (/^[0-9]+$/.test(segment) && /[第]$/.test(prev)))
    )
      words[last] = prev + segment;
    else words.push(segment);
  }
  return words;
}

/** Splits a word wider than a line into line-sized pieces (a last resort for very long words). */
function fitWords(words: string[], max: number): string[] {
  return words.flatMap((w) => {
    if (displayWidth(w) <= max) return [w];
    const pieces: string[] = [];
    let piece = "";
    for (const ch of w) {
      if (displayWidth(piece + ch) > max) {
        pieces.push(piece);
        piece = "";
      }
      piece += ch;
    }
    return piece ? [...pieces, piece] : pieces;
  });
}

/**
 * The title's lines, each at most `maxWidth` characters wide, breaking only between words, in as few
 * lines as fit, with the lengths as even as possible (and, at equal evenness, the shorter line on top).
 */
export function titleLines(text: string, maxWidth = 20): string[] {
  const title = text.trim();
  if (displayWidth(title) <= maxWidth) return title ? [title] : [];
  const words = fitWords(titleWords(title), maxWidth);
  const widths = words.map(displayWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  for (let lines = Math.ceil(total / maxWidth); lines <= words.length; lines++) {
    const best = bestSplit(widths, lines, maxWidth, total / lines);
    if (best) return best.map(([from, to]) => words.slice(from, to).join(""));
  }
  return [title];
}

type Split = [number, number][];

/** Exhaustive search for the split into `lines` lines with the least squared deviation from the mean width. */
function bestSplit(widths: number[], lines: number, max: number, mean: number): Split | null {
  let best: { cost: number; split: Split } | null = null;
  const walk = (from: number, left: number, split: Split, cost: number) => {
    if (best && cost > best.cost) return;
    if (left === 1) {
      const w = sum(widths, from, widths.length);
      if (w > max) return;
      const done: Split = [...split, [from, widths.length]];
      const total = cost + (w - mean) ** 2;
      if (!best || total < best.cost || (total === best.cost && topShorter(widths, done, best.split)))
        best = { cost: total, split: done };
      return;
    }
    for (let to = from + 1; to <= widths.length - (left - 1); to++) {
      const w = sum(widths, from, to);
      if (w > max) break;
      walk(to, left - 1, [...split, [from, to]], cost + (w - mean) ** 2);
    }
  };
  walk(0, lines, [], 0);
  return (best as { split: Split } | null)?.split ?? null;
}

const sum = (widths: number[], from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
const topShorter = (widths: number[], a: Split, b: Split) =>
  sum(widths, ...(a[0] as [number, number])) < sum(widths, ...(b[0] as [number, number]));
