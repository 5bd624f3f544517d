/** Which backups to keep: the newest of each of the last `keepDaily` days and `keepWeekly` weeks. */
export interface Keepable {
  id: string;
  /** ISO time. */
  startedAt: string;
  /** Only good backups fill a slot; others go once they are older than every kept one. */
  good: boolean;
  /** A backup still being written is never removed. */
  running?: boolean;
}

const DAY_MS = 86_400_000;
/** Calendar days and weeks are Asia/Shanghai ones (UTC+8, no daylight saving). */
const SHANGHAI_MS = 8 * 3_600_000;

const dayOf = (iso: string) => Math.floor((Date.parse(iso) + SHANGHAI_MS) / DAY_MS);
/** Weeks start on Monday: day 0 (1970-01-01) was a Thursday. */
const weekOf = (iso: string) => Math.floor((dayOf(iso) + 3) / 7);

/** The ids to delete under the rule. Pure: the caller lists the directory and removes the files. */
export function backupsToPrune(backups: readonly Keepable[], keepDaily: number, keepWeekly: number): string[] {
  const newestFirst = [...backups].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const kept = new Set<string>();
  const days = new Set<number>();
  const weeks = new Set<number>();
  for (const b of newestFirst) {
    if (!b.good) continue;
    const day = dayOf(b.startedAt);
    const week = weekOf(b.startedAt);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      kept.add(b.id);
    }
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      kept.add(b.id);
    }
  }
  const oldestKept = newestFirst.filter((b) => kept.has(b.id)).at(-1)?.startedAt ?? "";
  return newestFirst
    .filter((b) => !kept.has(b.id) && !b.running && (b.good || b.startedAt < oldestKept))
    .map((b) => b.id);
}
