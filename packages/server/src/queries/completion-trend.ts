import type { ReportStatus } from "../db/schema.js";

/** The month a reporting period ends in: "2024-05" → "2024-05", "2024-Q2" → "2024-06", "2024-H1" → "2024-06", "2024" → "2024-12". */
export function periodEndMonth(period: string): string {
  const year = period.slice(0, 4);
  const rest = period.slice(5);
  if (/^\d{2}$/.test(rest)) return `${year}-${rest}`;
  if (rest.startsWith("Q")) return `${year}-${String(Number(rest.slice(1)) * 3).padStart(2, "0")}`;
  if (rest.startsWith("H")) return `${year}-${rest === "H1" ? "06" : "12"}`;
  return `${year}-12`;
}

export interface TrendReport {
  task_id: string;
  org_id: string;
  period: string;
  status: ReportStatus;
  submitted_at: string;
}

export interface TrendPoint {
  month: string;
  /** Reports whose period ends in this month. */
  reports: number;
  /** Share of assignments whose latest report among those ended by this month is done. */
  completionRate: number;
}

const newer = (a: TrendReport, b: TrendReport) =>
  a.period > b.period || (a.period === b.period && a.submitted_at > b.submitted_at);

/**
 * Assignment completion at the end of each of the given months (ascending "YYYY-MM"), from
 * the reports whose period ended by then: one pass over the reports, sorted by month.
 */
export function completionTrend(
  reports: readonly TrendReport[],
  assignments: readonly { taskId: string; orgId: string }[],
  months: readonly string[],
): TrendPoint[] {
  const assigned = new Set(assignments.map((a) => `${a.taskId}\u0000${a.orgId}`));
  const dated = reports
    .map((r) => ({ r, month: periodEndMonth(r.period), key: `${r.task_id}\u0000${r.org_id}` }))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const latest = new Map<string, TrendReport>();
  let done = 0;
  let next = 0;
  return months.map((month) => {
    let count = 0;
    for (; next < dated.length; next++) {
      const { r, key, month: m } = dated[next]!;
      if (m > month) break;
      if (m === month) count++;
      if (!assigned.has(key)) continue;
      const seen = latest.get(key);
      if (seen && !newer(r, seen)) continue;
      done += (r.status === "done" ? 1 : 0) - (seen?.status === "done" ? 1 : 0);
      latest.set(key, r);
    }
    return {
      month,
      reports: count,
      completionRate: assignments.length === 0 ? 0 : Math.round((done / assignments.length) * 1000) / 1000,
    };
  });
}
