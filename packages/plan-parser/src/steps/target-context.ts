/**
 * The text around a target candidate, read with character loops: its clause and sentence bounds,
 * whether it sits inside a title or a quote, where its list item starts.
 */
const CLAUSE = 1;
const SENTENCE = 2;
/** Stop flags by UTF-16 code unit. */
const STOPS = new Uint8Array(0x10000);
for (const ch of "，,;；。:：!！?？\n") STOPS[ch.charCodeAt(0)]! |= CLAUSE;
for (const ch of "。;；\n") STOPS[ch.charCodeAt(0)]! |= SENTENCE;

function bounds(text: string, index: number, end: number, stop: number): [number, number] {
  let s = index;
  while (s > 0 && !(STOPS[text.charCodeAt(s - 1)]! & stop)) s--;
  let e = end;
  while (e < text.length && !(STOPS[text.charCodeAt(e)]! & stop)) e++;
  return [s, e];
}

/** From the last clause separator (，；。：!? or a line end) before `index` to the next after `end`. */
export const clauseBounds = (text: string, index: number, end: number) => bounds(text, index, end, CLAUSE);

/** The sentence (up to 。； or a line end) around `index`. */
export const sentenceBounds = (text: string, index: number) => bounds(text, index, index, SENTENCE);

const TITLE_OPEN = 0x300a; // 《
const TITLE_CLOSE = 0x300b; // 》
const QUOTE_OPEN = 0x201c; // “
const QUOTE_CLOSE = 0x201d; // ”
const QUOTE = 0x22; // "

const MARKS = /[《》“”"]/g;

/** Where the text's title and quote marks (《》“”") are, found once for all its candidates. */
export function quoteMarks(text: string): number[] {
  const out: number[] = [];
  MARKS.lastIndex = 0;
  while (MARKS.test(text)) out.push(MARKS.lastIndex - 1);
  return out;
}

/**
 * Inside 《…》, or inside “…” unless the quote holds just this number ("四个“100%”"). Quotes and titles
 * close within a sentence or two: the nearest mark within 200 characters before the number decides.
 */
export function quoted(text: string, index: number, end: number, chinese: boolean, marks = quoteMarks(text)): boolean {
  let titleSeen = false;
  let quoteSeen = false;
  let inQuote = false;
  const from = Math.max(0, index - 200);
  let k = marks.length - 1;
  while (k >= 0 && marks[k]! >= index) k--;
  for (; k >= 0 && marks[k]! >= from && !(titleSeen && quoteSeen); k--) {
    const i = marks[k]!;
    const code = text.charCodeAt(i);
    if (!titleSeen && code === TITLE_OPEN) return true;
    if (code === TITLE_CLOSE) titleSeen = true;
    else if (!quoteSeen && (code === QUOTE_OPEN || code === QUOTE)) {
      quoteSeen = true;
      const next = text.charCodeAt(end);
      inQuote = chinese || !(i === index - 1 && (next === QUOTE_CLOSE || next === QUOTE));
    } else if (code === QUOTE_CLOSE) quoteSeen = true;
  }
  return inQuote;
}

/** Where the list item holding `index` starts: after the last 、 in the clause from `clauseStart`. */
export function itemStart(text: string, index: number, clauseStart: number): number {
  for (let i = index; i > clauseStart; i--) if (text.charCodeAt(i) === 0x3001) return i + 1;
  return clauseStart;
}
