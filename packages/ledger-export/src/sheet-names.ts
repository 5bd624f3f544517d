import { messages } from "./messages.js";
import { truncate, xmlSafe } from "./text.js";

const MAX_SHEET_NAME = 31;
/** Excel reserves this name for its change tracking. */
const RESERVED = "history";

/** Excel rejects names that begin or end with an apostrophe. */
function stripEdges(name: string): string {
  let out = name;
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.trim().replace(/^'+|'+$/g, "");
  }
  return out;
}

/** Makes a legal Excel sheet name: no []:*?/\, no leading/trailing apostrophe, 1–31 characters. */
export function sanitizeSheetName(name: string): string {
  const cleaned = stripEdges(
    xmlSafe(name)
      .replace(/[[\]:*?/\\]/g, " ")
      .replace(/\s+/g, " "),
  );
  const base = cleaned && cleaned.toLowerCase() !== RESERVED ? cleaned : messages.untitledSheet;
  return stripEdges(truncate(base, MAX_SHEET_NAME)) || messages.untitledSheet;
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
