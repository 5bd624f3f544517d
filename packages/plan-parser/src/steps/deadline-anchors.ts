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

/**
 * The anchor a match ending at `end` is: the last two characters tell (全年 ends only 贯穿全年). Read off the
 * text, so that the search needs no match object.
 */
function bitAt(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  const before = text.charCodeAt(end - 2);
  switch (before) {
    case 0x5168: // 全
      return THROUGHOUT;
    case 0x5e74: // 年
      return last === 0x5185 ? THIS_YEAR : YEAR_END; // 内 / 底末
    case 0x4eca: // 今
      return THIS_YEAR;
    case 0x5b63: // 季
      return QUARTER;
    case 0x534a: // 半
      return HALF_YEAR;
    case 0x79cb: // 秋
      return AUTUMN;
    default:
      return last === 0x6708 ? MONTH : last === 0x5e74 ? PRINTED_YEAR : YEAR_DIGITS; // 月 / 年 / 20
  }
}

export function anchorsOf(text: string): number {
  let bits = 0;
  ANCHOR.lastIndex = 0;
  while (ANCHOR.test(text)) {
    const end = ANCHOR.lastIndex;
    const bit = bitAt(text, end);
    bits |= bit;
    // The next search starts one character after this match's start.
    ANCHOR.lastIndex = end - (bit === THROUGHOUT ? 3 : 1);
  }
  return bits;
}
