/**
 * Where a target candidate can start: a digit run, or a Chinese numeral followed by a unit a Chinese
 * count may carry. Scanning for these first keeps the full candidate pattern off the many 一 of running
 * text. A character loop finds them; the Chinese branch's lookahead runs only at a numeral character.
 */
const CN_CORE = "零〇一二两三四五六七八九十百千";
/** 1 for an ASCII digit, 2 for a numeral character, by UTF-16 code unit. */
const KIND = new Uint8Array(0x10000);
KIND.fill(1, 48, 58);
for (const c of CN_CORE) KIND[c.charCodeAt(0)] = 2;
/** The Chinese branch, anchored: a numeral run that a unit (or a range and a unit) follows. */
const CN_START_RE = new RegExp(`[${CN_CORE}]+(?=(?:[至到\\-—–~][${CN_CORE}]+)?[万千]?[所个次项名人家场套支节篇])`, "y");

/**
 * The first start at or after `from`, as [index, end), or null. Same matches as the global pattern
 * `(?<![\d.])\d|[零…千]+(?=…)`: a digit not after a digit or ".", or a numeral run before a unit.
 */
export function nextStart(text: string, from: number): [number, number] | null {
  for (let i = from; i < text.length; i++) {
    const kind = KIND[text.charCodeAt(i)];
    if (kind === 1) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (KIND[prev] !== 1 && prev !== 46) return [i, i + 1];
    } else if (kind === 2) {
      CN_START_RE.lastIndex = i;
      const m = CN_START_RE.exec(text);
      if (m) return [i, i + m[0].length];
    }
  }
  return null;
}
