import type { Cadence, ReportStatus } from "../db/schema.js";
import { periodOf } from "../progress/periods.js";
import type { SupervisionStatus } from "../supervision/schema.js";
import { dayOfPeriod, daysBetween, periodBounds, previousPeriod } from "./calendar.js";

/** The status rules a plan may tune; stored per plan as JSON, missing fields take the defaults. */
export interface StatusRules {
  /** Yellow when the next deadline is at most this many days away… */
  warnDays: number;
  /** …and progress is below this percentage. */
  warnBelowPercent: number;
  /** Red when the previous period's report is still missing after this day of the current period. */
  reportDueDay: number;
  /** An indicator is behind pace when its progress trails the linear pace by more than this fraction. */
  paceTolerance: number;
}

export const DEFAULT_RULES: StatusRules = { warnDays: 15, warnBelowPercent: 80, reportDueDay: 5, paceTolerance: 0.05 };

const LIMITS: Record<keyof StatusRules, [number, number]> = {
  warnDays: [0, 366],
  warnBelowPercent: [0, 100],
  reportDueDay: [1, 31],
  paceTolerance: [0, 1],
};

/** Stored JSON → rules; anything missing or out of range falls back to the default. */
export function resolveRules(stored: unknown): StatusRules {
  const rules = { ...DEFAULT_RULES };
  if (stored === null || typeof stored !== "object") return rules;
  for (const key of Object.keys(LIMITS) as (keyof StatusRules)[]) {
    const value = (stored as Record<string, unknown>)[key];
    const [min, max] = LIMITS[key];
    if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) rules[key] = value;
  }
  return rules;
}

export interface StatusResult {
  status: SupervisionStatus;
  /** Stable reason codes: past_due, missing_report:<period>, due_soon, blocked, behind_pace, not_attained. */
  reasons: string[];
  dueDate: string | null;
  /** 0–100. */
  progress: number | null;
}

export interface PlanContext {
  year: number | null;
  cadence: Cadence;
  /** Date the plan was published (Asia/Shanghai); periods ending before it expect no report. */
  publishedOn: string | null;
}

/** A task without a dated deadline runs to the end of its plan year. */
export function dueDatesOf(dates: readonly (string | null)[], plan: PlanContext): string[] {
  const dated = dates.filter((d): d is string => d !== null).sort();
  if (dated.length === 0 && plan.year !== null) return [`${plan.year}-12-31`];
  return dated;
}

/**
 * The period whose report is overdue today, or null: after day N of a period the previous
 * period's report must be in, for periods of the plan's year that ended after publication.
 */
export function expectedReportPeriod(today: string, plan: PlanContext, rules: StatusRules): string | null {
  if (dayOfPeriod(today, plan.cadence) <= rules.reportDueDay) return null;
  const period = previousPeriod(periodOf(today, plan.cadence), plan.cadence);
  const { end } = periodBounds(period);
  if (plan.year !== null && Number(period.slice(0, 4)) !== plan.year) return null;
  if (plan.publishedOn === null || end < plan.publishedOn) return null;
  return period;
}

export interface AssignmentFacts {
  dueDates: string[];
  latest: { status: ReportStatus; percent: number; period: string } | null;
  expectedPeriod: string | null;
}

export function assignmentStatus(f: AssignmentFacts, today: string, rules: StatusRules): StatusResult {
  const next = f.dueDates.find((d) => d >= today) ?? null;
  const dueDate = next ?? f.dueDates.at(-1) ?? null;
  if (f.latest?.status === "done") return { status: "done", reasons: [], dueDate, progress: 100 };
  const progress = f.latest?.percent ?? 0;
  const red: string[] = [];
  if (f.dueDates.some((d) => d < today)) red.push("past_due");
  if (f.expectedPeriod !== null && (f.latest === null || f.latest.period < f.expectedPeriod)) {
    red.push(`missing_report:${f.expectedPeriod}`);
  }
  if (red.length > 0) return { status: "overdue", reasons: red, dueDate, progress };
  const yellow: string[] = [];
  if (next !== null && daysBetween(today, next) <= rules.warnDays && progress < rules.warnBelowPercent) {
    yellow.push("due_soon");
  }
  if (f.latest?.status === "blocked") yellow.push("blocked");
  return { status: yellow.length ? "warning" : "normal", reasons: yellow, dueDate, progress };
}

export interface MilestoneFacts {
  dueDate: string;
  /** Every assignee of the task reports done. */
  taskDone: boolean;
  /** Mean of the assignees' latest percentages. */
  taskProgress: number;
}

export function milestoneStatus(f: MilestoneFacts, today: string, rules: StatusRules): StatusResult {
  const base = { dueDate: f.dueDate, progress: f.taskDone ? 100 : f.taskProgress };
  if (f.taskDone) return { ...base, status: "done", reasons: [] };
  if (f.dueDate < today) return { ...base, status: "overdue", reasons: ["past_due"] };
  if (daysBetween(today, f.dueDate) <= rules.warnDays && f.taskProgress < rules.warnBelowPercent) {
    return { ...base, status: "warning", reasons: ["due_soon"] };
  }
  return { ...base, status: "normal", reasons: [] };
}

export interface IndicatorFacts {
  target: IndicatorTarget;
  actual: number | null;
  /** Start of the plan year, from which the linear pace runs. */
  start: string;
  dueDate: string;
}

/** Share of the way from baseline to target covered by the actual; null when it cannot be measured. */
export function indicatorProgress(target: IndicatorTarget, actual: number | null): number | null {
  const { op, target_value: value, target_min: min, baseline } = target;
  const need = value ?? min;
  let p: number | null = null;
  const a = actual;
  if (op === ">=" && value !== null && value - (baseline ?? 0) > 0) {
    p = a === null ? 0 : (a - (baseline ?? 0)) / (value - (baseline ?? 0));
  } else if (op === "<=" && value !== null && baseline !== null && baseline > value) {
    p = a === null ? 0 : (baseline - a) / (baseline - value);
  } else if ((op === "increase_by" || op === "decrease_by") && baseline !== null && need !== null && need > 0) {
    p = a === null ? 0 : (op === "increase_by" ? a - baseline : baseline - a) / need;
  }
  return p === null ? null : Math.max(0, Math.min(1, p));
}

export function indicatorStatus(f: IndicatorFacts, today: string, rules: StatusRules): StatusResult {
  const measured = indicatorProgress(f.target, f.actual);
  const progress = measured === null ? null : Math.round(measured * 1000) / 10;
  const base = { dueDate: f.dueDate, progress };
  if (attainment(f.target, f.actual) === true) return { ...base, status: "done", progress: 100, reasons: [] };
  if (f.dueDate < today) return { ...base, status: "overdue", reasons: ["not_attained"] };
  const span = daysBetween(f.start, f.dueDate);
  const pace = span <= 0 ? 1 : Math.max(0, Math.min(1, daysBetween(f.start, today) / span));
  if (measured !== null && measured < pace - rules.paceTolerance) {
    return { ...base, status: "warning", reasons: ["behind_pace"] };
  }
  return { ...base, status: "normal", reasons: [] };
}

export const yearStart = (year: number | null, fallback: string): string =>
  year === null ? `${fallback.slice(0, 4)}-01-01` : `${year}-01-01`;

/** A task's reported state: done when every assignee is done, blocked when any is, started when any has begun. */
export function reportedStatus(statuses: readonly ReportStatus[]): ReportStatus {
  if (statuses.length === 0) return "not_started";
  if (statuses.every((s) => s === "done")) return "done";
  if (statuses.includes("blocked")) return "blocked";
  if (statuses.some((s) => s === "in_progress" || s === "done")) return "in_progress";
  return "not_started";
}

/** The next dated deadline on or after the day, else the last one. */
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

/** Days before a hazard's rectification deadline from which it shows yellow on the board. */
export const HAZARD_WARN_DAYS = 2;

/**
 * A hazard's status on the board, by the assignment rule above (one rule for every deadline): its
 * rectification deadline is the due date and 销号 (closed) is done; red once the deadline has passed
 * and it is not written off, yellow within HAZARD_WARN_DAYS of it. A hazard without a deadline yet
 * (not assigned) is normal.
 */
export function hazardStatus(h: { state: string; deadline: string | null }, today: string): StatusResult {
  return assignmentStatus(
    {
      dueDates: h.deadline ? [h.deadline] : [],
      latest: h.state === "closed" ? { status: "done", percent: 100, period: "" } : null,
      expectedPeriod: null,
    },
    today,
    { ...DEFAULT_RULES, warnDays: HAZARD_WARN_DAYS, warnBelowPercent: 100 },
  );
}
