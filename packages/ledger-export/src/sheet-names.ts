import { messages } from "./messages.js";
import { truncate, xmlSafe } from "./text.js";

const MAX_SHEET_NAME = 31;
/** Excel reserves this name for its change tracking. */
const RESERVED = "history";

/**
 * Makes a legal Excel sheet name: no []:*?/\, 1–31 characters. An ASCII apostrophe becomes ’:
 * Excel forbids it at either end, and exceljs writes the print-titles reference
 * ('name'!$1:$2) without doubling one inside, which Excel would reject as corrupt.
 */
export function sanitizeSheetName(name: string): string {
  const cleaned = xmlSafe(name)
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/'/g, "’")
    .replace(/\s+/g, " ")
    .trim();
  const base = cleaned && cleaned.toLowerCase() !== RESERVED ? cleaned : messages.untitledSheet;
  return truncate(base, MAX_SHEET_NAME).trim() || messages.untitledSheet;
}

/** Sanitized names, made unique (case-insensitively, as Excel compares) with a "(2)" suffix. */
export function uniqueSheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = sanitizeSheetName(name);
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = `(${n})`;
      candidate = `${truncate(base, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
