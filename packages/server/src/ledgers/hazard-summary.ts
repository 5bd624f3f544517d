import type { HazardCounts, HazardSummary } from "@luoshi/contract";

/**
 * The bureau's summary of the hazard ledger (pure): counts of the hazards found in a period by
 * school, category, grade and state — found, written off (已销号), open, overdue (整改中 past its
 * deadline), 重大 and 重大 still open, and the rectification rate 已销号 ÷ 发现 — and the weekly trend.
 */

/** One group of the summary query: hazards of a school, category, grade and state. */
export interface HazardGroupRow {
  org_id: string;
  category: string;
  grade: string;
  state: string;
  n: number;
  overdue: number;
}

/** One day of the trend query: hazards found that day, or (of those found in the period) written off that day. */
export interface HazardDayRow {
  day: string;
  found: number;
  closed: number;
}

/** The Monday of a day's week (YYYY-MM-DD). */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const empty = (): HazardCounts => ({
  found: 0,
  closed: 0,
  open: 0,
  overdue: 0,
  major: 0,
  majorOpen: 0,
  fixRate: null,
});

function add(c: HazardCounts, r: HazardGroupRow): void {
  c.found += r.n;
  if (r.state === "closed") c.closed += r.n;
  else c.open += r.n;
  c.overdue += r.overdue;
  if (r.grade === "major") {
    c.major += r.n;
    if (r.state !== "closed") c.majorOpen += r.n;
  }
}

const rated = (c: HazardCounts): HazardCounts => ({
  ...c,
  fixRate: c.found === 0 ? null : Math.round((c.closed / c.found) * 10_000) / 100,
});

function groupBy<K extends string>(
  rows: HazardGroupRow[],
  key: (r: HazardGroupRow) => string,
  keys: readonly string[],
  name: K,
) {
  const groups = new Map<string, HazardCounts>(keys.map((k) => [k, empty()]));
  for (const r of rows) {
    const k = key(r);
    if (!groups.has(k)) groups.set(k, empty());
    add(groups.get(k)!, r);
  }
  return [...groups].map(([k, c]) => ({ [name]: k, ...rated(c) }) as Record<K, string> & HazardCounts);
}

export function summarize(
  q: { from: string; to: string; asOf: string },
  schools: readonly { id: string; name: string }[],
  rows: HazardGroupRow[],
  days: HazardDayRow[],
  vocabulary: { categories: readonly string[]; grades: readonly string[]; states: readonly string[] },
): HazardSummary {
  const totals = empty();
  for (const r of rows) add(totals, r);
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const bySchool = groupBy(
    rows,
    (r) => r.org_id,
    schools.map((s) => s.id),
    "orgId",
  )
    .map((g) => ({ ...g, orgName: names.get(g.orgId) ?? "" }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.majorOpen - a.majorOpen ||
        b.open - a.open ||
        a.orgName.localeCompare(b.orgName, "zh"),
    );
  const byState = vocabulary.states.map((state) => ({
    state,
    count: rows.filter((r) => r.state === state).reduce((n, r) => n + r.n, 0),
  }));
  const trend = new Map<string, { found: number; closed: number }>();
  const bucket = (w: string) => trend.get(w) ?? trend.set(w, { found: 0, closed: 0 }).get(w)!;
  for (const d of days) {
    const week = bucket(weekOf(d.day));
    week.found += d.found;
    week.closed += d.closed;
  }
  return {
    from: q.from,
    to: q.to,
    asOf: q.asOf,
    totals: rated(totals),
    bySchool,
    byCategory: groupBy(rows, (r) => r.category, vocabulary.categories, "category"),
    byGrade: groupBy(rows, (r) => r.grade, vocabulary.grades, "grade"),
    byState,
    trend: [...trend].sort(([a], [b]) => a.localeCompare(b)).map(([week, c]) => ({ week, ...c })),
  };
}
