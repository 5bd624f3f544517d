import type { ReportStatus } from "../db/schema.js";

/** Rules that turn reports into statuses and numbers; plain data in, plain data out. */

// Which report is an assignee's latest (highest period, then latest submission) is kept by the
// task_unit_status read model (migration 0005); completion-trend.ts applies the same rule by month.

/** A task is done when every assignee is done, blocked when any is, started when any has begun. */
export function taskStatus(statuses: readonly ReportStatus[]): ReportStatus {
  if (statuses.length === 0) return "not_started";
  if (statuses.every((s) => s === "done")) return "done";
  if (statuses.includes("blocked")) return "blocked";
  if (statuses.some((s) => s === "in_progress" || s === "done")) return "in_progress";
  return "not_started";
}

/** Overdue: a dated milestone has passed and the task is not done. */
export function isOverdue(dueDates: readonly (string | null)[], status: ReportStatus, today: string): boolean {
  return status !== "done" && dueDates.some((d) => d !== null && d < today);
}

export function nextDue(dueDates: readonly (string | null)[], today: string): string | null {
  const dated = dueDates.filter((d): d is string => d !== null).sort();
  return dated.find((d) => d >= today) ?? dated.at(-1) ?? null;
}

export interface IndicatorTarget {
  op: ">=" | "<=" | "range" | "increase_by" | "decrease_by";
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  baseline: number | null;
}

/**
 * Whether an actual meets its target under the target's op; null when it cannot be
 * judged (no actual yet, or a change target without a baseline).
 */
export function attainment(target: IndicatorTarget, actual: number | null): boolean | null {
  if (actual === null) return null;
  const { op, target_value: value, target_min: min, target_max: max, baseline } = target;
  switch (op) {
    case ">=":
      return value === null ? null : actual >= value;
    case "<=":
      return value === null ? null : actual <= value;
    case "range":
      return min === null || max === null ? null : actual >= min && actual <= max;
    case "increase_by": {
      const need = value ?? min;
      return baseline === null || need === null ? null : actual - baseline >= need;
    }
    case "decrease_by": {
      const need = value ?? min;
      return baseline === null || need === null ? null : baseline - actual >= need;
    }
  }
}
