import { readFileSync, statSync } from "node:fs";

/**
 * The server's clock (LUOSHI_NOW), for demonstrations and browser scenarios that need a fixed day:
 *  - unset: the real clock;
 *  - an ISO instant (2026-03-02T09:00:00+08:00): that instant, always;
 *  - file:<path>: the instant written in that file, re-read when the file changes (a scenario moves
 *    the day by rewriting it); the real clock while the file does not exist.
 * Statuses, the warnings board, ledgers and 督办单 read the day from it (supervision/deps.ts clockOf).
 */
export type ClockSetting = { kind: "real" } | { kind: "fixed"; at: string } | { kind: "file"; path: string };

const validInstant = (s: string) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s));

export function parseClock(raw: string | undefined, errors: string[]): ClockSetting {
  if (raw === undefined || raw.trim() === "") return { kind: "real" };
  const value = raw.trim();
  if (value.startsWith("file:")) return { kind: "file", path: value.slice(5) };
  if (validInstant(value)) return { kind: "fixed", at: value };
  errors.push(`LUOSHI_NOW must be an ISO instant (2026-03-02T09:00:00+08:00) or file:<path>, got "${raw}"`);
  return { kind: "real" };
}

/** The clock a setting gives. */
export function clockFrom(setting: ClockSetting): () => Date {
  if (setting.kind === "fixed") return () => new Date(setting.at);
  if (setting.kind === "real") return () => new Date();
  let seen: { mtimeMs: number; at: string | null } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(setting.path).mtimeMs;
    } catch {
      return new Date();
    }
    if (seen?.mtimeMs !== mtimeMs) {
      const text = readFileSync(setting.path, "utf8").trim();
      seen = { mtimeMs, at: validInstant(text) ? text : null };
    }
    return seen.at ? new Date(seen.at) : new Date();
  };
}
