import { addDays } from "./returns.js";

/**
 * Cases over time (issue 16 item 6), pure: counts per day and key (a symptom, a diagnosis) made
 * into one dense series per key over a range of days, for the bureau's chart and its export.
 */

/** The days from `from` to `to`, both included (YYYY-MM-DD); none when `to` is before `from`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export interface DailyCount {
  period: string;
  key: string;
  n: number;
}

export interface Series<K extends string> {
  key: K;
  counts: number[];
  total: number;
}

/**
 * One series per key of `order` that has any count, in that order, each with a count for every
 * day (0 when none); counts outside the days or of other keys are left out.
 */
export function dailySeries<K extends string>(
  days: readonly string[],
  rows: readonly DailyCount[],
  order: readonly K[],
): Series<K>[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.period);
    if (i === undefined) continue;
    const counts = byKey.get(r.key) ?? days.map(() => 0);
    counts[i] = (counts[i] ?? 0) + r.n;
    byKey.set(r.key, counts);
  }
  return order.flatMap((key) => {
    const counts = byKey.get(key);
    const total = counts?.reduce((a, b) => a + b, 0) ?? 0;
    return counts && total > 0 ? [{ key, counts, total }] : [];
  });
}

/** The sum of each day's counts over all series. */
export const dailyTotals = (days: readonly string[], series: readonly Series<string>[]) =>
  days.map((_, i) => series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
