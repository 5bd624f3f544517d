/**
 * Text hygiene for office formats: characters XML 1.0 forbids (control characters, lone
 * surrogates, U+FFFE/U+FFFF) make Excel and WPS refuse the whole file, so they never get in.
 */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32767;

export function xmlSafe(text: unknown): string {
  return String(text ?? "").replace(XML_INVALID, "");
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, cut);
}

export function cellText(text: unknown): string {
  return truncate(xmlSafe(text), MAX_CELL_CHARS);
}
