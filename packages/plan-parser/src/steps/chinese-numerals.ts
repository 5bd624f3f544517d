export const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
export const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

const byCode = (values: Record<string, number>) =>
  new Map(Object.entries(values).map(([ch, value]) => [ch.charCodeAt(0), value]));
const DIGIT_VALUES = byCode(DIGITS);
const UNIT_VALUES = byCode(SMALL_UNITS);

/** Characters that may appear in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = "零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟";

/** "十二" → 12, "两" → 2, "一百零五" → 105, "三千" → 3000; null when not a numeral. */
export function parseChineseNumeral(text: string): number | null {
  if (!text) return null;
  let total = 0;
  let digit: number | null = null;
  // By code unit: a character outside the numerals (a surrogate too) ends the numeral either way.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const d = DIGIT_VALUES.get(code);
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = UNIT_VALUES.get(code);
    if (unit === undefined) return null;
    total += (digit ?? 1) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

/** Arabic or Chinese numeral text to a number ("1.5" → 1.5, "三" → 3). */
const ARABIC_NUMBER = /^\d[\d,]*(\.\d+)?$/;
const COMMAS = /,/g;

export function parseNumber(text: string): number | null {
  if (ARABIC_NUMBER.test(text)) return Number(text.includes(",") ? text.replace(COMMAS, "") : text);
  return parseChineseNumeral(text);
}
