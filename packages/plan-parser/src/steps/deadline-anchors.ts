/**
 * What a deadline rule cannot match without: a digit before 月, 年底, 季度… Found with `indexOf` per
 * anchor character, once per text, so that rules whose anchor is absent are not run at all.
 */
export const THROUGHOUT = 1; // 贯穿全年
export const MONTH = 2; // a digit, then 月
export const YEAR_DIGITS = 4; // 20 (2024.6, 2024-06-30)
export const YEAR_END = 8; // 年底, 年末
export const THIS_YEAR = 16; // 年内, 今年
export const PRINTED_YEAR = 32; // a digit, then 年
export const QUARTER = 64; // 季度
export const HALF_YEAR = 128; // 半年
export const AUTUMN = 256; // 秋季

const code = (ch: string) => ch.charCodeAt(0);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The bits that the characters around each occurrence of `ch` give. */
function around(text: string, ch: string, bitsAt: (before: number, after: number) => number): number {
  let bits = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1))
    bits |= bitsAt(text.charCodeAt(i - 1), text.charCodeAt(i + 1));
  return bits;
}

const yearBits = (before: number, after: number) =>
  (after === code("底") || after === code("末") ? YEAR_END : 0) |
  (after === code("内") || before === code("今") ? THIS_YEAR : 0) |
  (isDigit(before) ? PRINTED_YEAR : 0);

export function anchorsOf(text: string): number {
  return (
    (text.includes("贯穿全年") ? THROUGHOUT : 0) |
    (text.includes("20") ? YEAR_DIGITS : 0) |
    around(text, "月", (before) => (isDigit(before) ? MONTH : 0)) |
    around(text, "年", yearBits) |
    around(text, "季", (_, after) => (after === code("度") ? QUARTER : 0)) |
    around(text, "半", (_, after) => (after === code("年") ? HALF_YEAR : 0)) |
    around(text, "秋", (_, after) => (after === code("季") ? AUTUMN : 0))
  );
}
