import type { SupervisionStatus } from "@luoshi/contract";
import type { Cadence } from "../db/schema.js";
import { periodOf, todayInShanghai } from "../progress/periods.js";
import { addDays, periodBounds } from "../status/calendar.js";
import { computeStatuses, type EntityStatus, latestReportAsOf, type ReportFact } from "../status/engine.js";
import { type PlanContext, resolveRules, type StatusRules } from "../status/rules.js";
import type {
  AssignmentRecord,
  IndicatorRecord,
  MilestoneRecord,
  PlanRecord,
  ReportRecord,
} from "./records.repository.js";

/**
 * The status of every assignment and indicator as of a day, from the records as they stood at the
 * end of that day, through the status engine itself (status/engine.ts computeStatuses): the same
 * answer the engine would have stored had it run that day, whether or not it did. Plain data.
 */

export interface RecordsAsOf {
  /** The day (Asia/Shanghai) the figures describe. */
  asOf: string;
  year: number;
  plans: PlanRecord[];
  assignments: AssignmentRecord[];
  milestones: MilestoneRecord[];
  reports: ReportRecord[];
  indicators: IndicatorRecord[];
  /** Notices issued to each unit in the period. */
  notices: Map<string, number>;
}

/** The exclusive end of a Shanghai day, as a timestamp the database compares exactly. */
export const endOfDay = (isoDate: string) => `${addDays(isoDate, 1)}T00:00:00+08:00`;
export const startOfDay = (isoDate: string) => `${isoDate}T00:00:00+08:00`;
/** A stored timestamp's calendar date in Asia/Shanghai. */
export const shanghaiDate = (at: string | Date) => todayInShanghai(new Date(at));

export interface PlanRules extends PlanContext {
  rules: StatusRules;
}

export const planRules = (p: PlanRecord): PlanRules => ({
  year: p.year,
  cadence: p.cadence,
  publishedOn: shanghaiDate(p.published_at),
  rules: resolveRules(p.rules),
});

/** The day by which a period's report is due: day N of the next period (the engine's reportDueDay). */
export function reportDeadline(period: string, cadence: Cadence, rules: StatusRules): string {
  const next = periodOf(addDays(periodBounds(period).end, 1), cadence);
  return addDays(periodBounds(next).start, rules.reportDueDay - 1);
}

/** Reports a unit owed on an assignment by a day, and how each was met. A missing report is late. */
export interface Timeliness {
  expected: number;
  onTime: number;
  /** Submitted after its deadline. */
  late: number;
  /** Not submitted at all by the day. */
  missing: number;
}

/**
 * The periods whose report deadline has passed by `asOf`: of the plan's year (or the figures' year),
 * ending on or after publication, and not after the period the unit reported the task done.
 */
export function reportTimeliness(
  reports: readonly ReportRecord[],
  plan: PlanRules,
  year: number,
  asOf: string,
): Timeliness {
  const byPeriod = new Map(reports.map((r) => [r.period, shanghaiDate(r.submitted_at)]));
  const doneIn = reports.filter((r) => r.status === "done").map((r) => r.period)[0] ?? null;
  const t: Timeliness = { expected: 0, onTime: 0, late: 0, missing: 0 };
  let period = periodOf(`${plan.year ?? year}-01-01`, plan.cadence);
  while (period.startsWith(String(plan.year ?? year))) {
    const { end } = periodBounds(period);
    const deadline = reportDeadline(period, plan.cadence, plan.rules);
    if (deadline >= asOf || (doneIn !== null && period > doneIn)) break;
    if (plan.publishedOn !== null && end >= plan.publishedOn) {
      t.expected += 1;
      const submitted = byPeriod.get(period);
      if (submitted === undefined) t.missing += 1;
      else if (submitted <= deadline) t.onTime += 1;
      else t.late += 1;
    }
    period = periodOf(addDays(end, 1), plan.cadence);
  }
  return t;
}

export interface AssignmentState extends AssignmentRecord {
  status: SupervisionStatus;
  reasons: string[];
  dueDate: string | null;
  progress: number | null;
  timeliness: Timeliness;
}

export interface IndicatorState extends IndicatorRecord {
  status: SupervisionStatus;
  progress: number | null;
}

const group = <T>(rows: readonly T[], key: (row: T) => string) => {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
};

const reportFact = (r: ReportRecord): ReportFact => ({
  status: r.status,
  percent: r.percent,
  period: r.period,
  submittedOn: shanghaiDate(r.submitted_at),
  submittedAt: new Date(r.submitted_at).toISOString(),
});

/** Statuses of every assignment and indicator of the plans in force, as of `records.asOf`. */
export function statesAsOf(records: RecordsAsOf): { assignments: AssignmentState[]; indicators: IndicatorState[] } {
  const { asOf } = records;
  const plans = new Map(records.plans.map((p) => [p.id, planRules(p)]));
  const reports = group(records.reports, (r) => `${r.task_id}|${r.org_id}`);
  const reportsOf = (a: AssignmentRecord) => reports.get(`${a.task_id}|${a.org_id}`) ?? [];
  const statuses = computeStatuses(
    {
      plans: records.plans.map((p) => ({ id: p.id, ...(plans.get(p.id) as PlanRules) })),
      assignments: records.assignments.map((a) => {
        const latest = latestReportAsOf(reportsOf(a).map(reportFact), asOf);
        return { ...a, latest: latest && { status: latest.status, percent: latest.percent, period: latest.period } };
      }),
      milestones: records.milestones,
      indicators: records.indicators,
    },
    asOf,
  );
  const byId = new Map<string, EntityStatus>(statuses.map((s) => [`${s.kind}|${s.id}`, s]));
  const assignments: AssignmentState[] = [];
  for (const a of records.assignments) {
    const s = byId.get(`assignment|${a.id}`);
    const plan = plans.get(a.plan_id);
    if (!s || !plan) continue;
    const timeliness = reportTimeliness(reportsOf(a), plan, records.year, asOf);
    assignments.push({
      ...a,
      status: s.status,
      reasons: s.reasons,
      dueDate: s.dueDate,
      progress: s.progress,
      timeliness,
    });
  }
  const indicators: IndicatorState[] = [];
  for (const i of records.indicators) {
    const s = byId.get(`indicator|${i.id}`);
    if (s) indicators.push({ ...i, status: s.status, progress: s.progress });
  }
  return { assignments, indicators };
}
