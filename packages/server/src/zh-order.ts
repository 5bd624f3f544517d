/**
 * Chinese order (pinyin) for names, one collator for the whole server: `localeCompare(b, "zh")`
 * builds a collator on every call, which sorting a county's classes turned into seconds.
 */
const collator = new Intl.Collator("zh-CN");

export const zhCompare = (a: string, b: string): number => collator.compare(a, b);

/** Chinese order with the numbers in names read as numbers: 2班 before 10班. */
const numericCollator = new Intl.Collator("zh-CN", { numeric: true });

export const zhNumericCompare = (a: string, b: string): number => numericCollator.compare(a, b);
