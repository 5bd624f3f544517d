/**
 * What a deadline rule cannot match without: a digit before 月, 年底, 季度… Found with one search per
 * text, so that rules whose anchor is absent are not run at all.
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

/** Every anchor; searched for at every position (a match may start inside the previous one: "4年底"). */
const ANCHOR = /贯穿全年|\d[月年]|20|年[底末内]|今年|季度|半年|秋季/g;

function bitOf(anchor: string): number {
  switch (anchor[0]) {
    case "贯":
      return THROUGHOUT;
    case "年":
      return anchor[1] === "内" ? THIS_YEAR : YEAR_END;
    case "今":
      return THIS_YEAR;
    case "季":
      return QUARTER;
    case "半":
      return HALF_YEAR;
    case "秋":
      return AUTUMN;
    default:
      return anchor[1] === "月" ? MONTH : anchor[1] === "年" ? PRINTED_YEAR : YEAR_DIGITS;
  }
}

export function anchorsOf(text: string): number {
  let bits = 0;
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    bits |= bitOf(m[0]);
    ANCHOR.lastIndex = m.index + 1;
  }
  return bits;
}
