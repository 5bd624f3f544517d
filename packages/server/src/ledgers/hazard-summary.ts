import type { HazardCounts, HazardSummary } from "@luoshi/contract";
import { zhCompare } from "../zh-order.js";

/**
 * The bureau's summary of the hazard ledger (pure): counts of the hazards found in a period by
 * school, category, grade and state — found, written off (已销号), open, overdue (整改中 past its
 * deadline), 重大 and 重大 still open, and the rectification rate 已销号 ÷ 发现 — and the weekly trend.
 */

/** One day of the trend: hazards found that day, or (of those found in the period) written off that day. */
export interface HazardDayRow {
  day: string;
  found: number;
  closed: number;
}

/**
 * The counts of the hazards found in a period, by school (org id), category, grade and state, and
 * by day (hazard-facts.ts counts them from the in-memory index of a region's hazards).
 */
export interface HazardTallies {
  totals: HazardCounts;
  byOrg: Map<string, HazardCounts>;
  byCategory: Map<string, HazardCounts>;
  byGrade: Map<string, HazardCounts>;
  byState: Map<string, number>;
  days: HazardDayRow[];
}

/** Days to their weeks, remembered (a summary asks hundreds each time); emptied past 100,000. */
const weeks = new Map<string, string>();

/** The Monday of a day's week (YYYY-MM-DD). */
export function weekOf(day: string): string {
  const known = weeks.get(day);
  if (known !== undefined) return known;
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  const week = new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  if (weeks.size >= 100_000) weeks.clear();
  weeks.set(day, week);
  return week;
}

export const emptyCounts = (): HazardCounts => ({
  found: 0,
  closed: 0,
  open: 0,
  overdue: 0,
  major: 0,
  majorOpen: 0,
  fixRate: null,
});

const rated = (c: HazardCounts): HazardCounts => ({
  ...c,
  fixRate: c.found === 0 ? null : Math.round((c.closed / c.found) * 10_000) / 100,
});

/** Every key of the vocabulary (zero when none was found), then the others met, each with its rate. */
function listed(counts: Map<string, HazardCounts>, keys: readonly string[]): [string, HazardCounts][] {
  const all = new Map<string, HazardCounts>(keys.map((k) => [k, emptyCounts()]));
  for (const [k, c] of counts) all.set(k, c);
  return [...all].map(([k, c]) => [k, rated(c)]);
}

export function summarize(
  q: { from: string; to: string; asOf: string },
  schools: readonly { id: string; name: string }[],
  tallies: HazardTallies,
  vocabulary: { categories: readonly string[]; grades: readonly string[]; states: readonly string[] },
): HazardSummary {
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const bySchool = listed(
    tallies.byOrg,
    schools.map((s) => s.id),
  )
    .map(([orgId, c]) => ({ orgId, orgName: names.get(orgId) ?? "", ...c }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue || b.majorOpen - a.majorOpen || b.open - a.open || zhCompare(a.orgName, b.orgName),
    );
  const trend = new Map<string, { found: number; closed: number }>();
  const bucket = (w: string) => trend.get(w) ?? trend.set(w, { found: 0, closed: 0 }).get(w)!;
  for (const d of tallies.days) {
    const week = bucket(weekOf(d.day));
    week.found += d.found;
    week.closed += d.closed;
  }
  return {
    from: q.from,
    to: q.to,
    asOf: q.asOf,
    totals: rated(tallies.totals),
    bySchool,
    byCategory: listed(tallies.byCategory, vocabulary.categories).map(([category, c]) => ({ category, ...c })),
    byGrade: listed(tallies.byGrade, vocabulary.grades).map(([grade, c]) => ({ grade, ...c })),
    byState: vocabulary.states.map((state) => ({ state, count: tallies.byState.get(state) ?? 0 })),
    trend: [...trend].sort(([a], [b]) => a.localeCompare(b)).map(([week, c]) => ({ week, ...c })),
  };
}
