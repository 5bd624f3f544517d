import type { OrgKind, SupervisionStatus } from "@luoshi/contract";
import { zhCompare } from "../zh-order.js";
import { type AssignmentState, type IndicatorState, type RecordsAsOf, statesAsOf } from "./as-of.js";

/**
 * One computation for a bulletin and the evaluation: per-unit figures, the totals (their sums),
 * the overdue list (the overdue assignments themselves) and the indicators. Plain data in and out.
 */

/** The raw facts of one unit as of the day; every rate and score is derived from these. */
export interface UnitFacts {
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  orgSort: number;
  /** Assignments (tasks the unit is responsible for, as lead or co-unit) by status. */
  total: number;
  done: number;
  normal: number;
  warning: number;
  overdue: number;
  /** Progress reports whose deadline had passed, and how they were met. */
  expectedReports: number;
  onTime: number;
  late: number;
  missing: number;
  /** Indicators of the unit's tasks, and those attained. */
  indicators: number;
  indicatorsDone: number;
  notices: number;
}

export interface UnitRank extends UnitFacts {
  /** done / total, 0–1. */
  completion: number;
  /** onTime / expectedReports, 0–1; null when no report was due yet. */
  timeliness: number | null;
  /** indicatorsDone / indicators, 0–1; null when the unit's tasks have no indicators. */
  attainment: number | null;
  rank: number;
}

export interface OverdueTask {
  taskNo: string;
  taskTitle: string;
  dueDate: string | null;
  reasons: string[];
}

export interface OverdueGroup {
  orgId: string;
  orgName: string;
  tasks: OverdueTask[];
}

export interface Totals extends Record<SupervisionStatus, number> {
  total: number;
  completion: number;
  indicators: number;
  indicatorsDone: number;
}

export interface BulletinFigures {
  asOf: string;
  totals: Totals;
  units: UnitRank[];
  overdue: OverdueGroup[];
  indicators: IndicatorState[];
}

export const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** A unit's facts before any assignment is counted. */
export const emptyUnitFacts = (
  org: { org_id: string; org_name: string; org_kind: OrgKind; org_sort: number },
  notices = 0,
): UnitFacts => ({
  orgId: org.org_id,
  orgName: org.org_name,
  orgKind: org.org_kind,
  orgSort: org.org_sort,
  ...{ total: 0, done: 0, normal: 0, warning: 0, overdue: 0 },
  ...{ expectedReports: 0, onTime: 0, late: 0, missing: 0, indicators: 0, indicatorsDone: 0 },
  notices,
});

export function unitFacts(
  assignments: readonly AssignmentState[],
  indicators: readonly IndicatorState[],
  notices: ReadonlyMap<string, number>,
): UnitFacts[] {
  const units = new Map<string, UnitFacts>();
  const tasksOf = new Map<string, Set<string>>();
  for (const a of assignments) {
    let u = units.get(a.org_id);
    if (!u) {
      u = emptyUnitFacts(a, notices.get(a.org_id) ?? 0);
      units.set(a.org_id, u);
      tasksOf.set(a.org_id, new Set());
    }
    u.total += 1;
    u[a.status] += 1;
    u.expectedReports += a.timeliness.expected;
    u.onTime += a.timeliness.onTime;
    u.late += a.timeliness.late;
    u.missing += a.timeliness.missing;
    tasksOf.get(a.org_id)?.add(a.task_id);
  }
  for (const u of units.values()) {
    const tasks = tasksOf.get(u.orgId) ?? new Set();
    const own = indicators.filter((i) => tasks.has(i.task_id));
    u.indicators = own.length;
    u.indicatorsDone = own.filter((i) => i.status === "done").length;
  }
  return [...units.values()].sort((a, b) => a.orgSort - b.orgSort || zhCompare(a.orgName, b.orgName));
}

export const withRates = (u: UnitFacts): Omit<UnitRank, "rank"> => ({
  ...u,
  completion: ratio(u.done, u.total),
  timeliness: u.expectedReports === 0 ? null : u.onTime / u.expectedReports,
  attainment: u.indicators === 0 ? null : u.indicatorsDone / u.indicators,
});

/** Ties share a rank (1, 2, 2, 4). */
export function withRanks<T extends object>(sorted: T[], key: (t: T) => string): (T & { rank: number })[] {
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach((row, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...row, rank: prev && key(sorted[i - 1] as T) === key(row) ? prev.rank : i + 1 });
  });
  return ranked;
}

/** The bulletin's table: by completion, then timeliness (no report due yet ranks last), then name. */
export function unitRanks(facts: readonly UnitFacts[]): UnitRank[] {
  const rows = facts.map(withRates);
  const t = (x: number | null) => x ?? -1;
  rows.sort(
    (a, b) => b.completion - a.completion || t(b.timeliness) - t(a.timeliness) || zhCompare(a.orgName, b.orgName),
  );
  return withRanks(rows, (r) => `${r.completion}|${r.timeliness}`);
}

/** Overdue assignments grouped by unit (in the org tree's order), each unit's tasks in plan order. */
export function overdueGroups(assignments: readonly AssignmentState[]): OverdueGroup[] {
  const groups = new Map<string, OverdueGroup & { sort: number; seq: number[] }>();
  for (const a of assignments) {
    if (a.status !== "overdue") continue;
    const g = groups.get(a.org_id) ?? { orgId: a.org_id, orgName: a.org_name, sort: a.org_sort, tasks: [], seq: [] };
    g.tasks.push({ taskNo: a.task_no, taskTitle: a.task_title, dueDate: a.dueDate, reasons: a.reasons });
    g.seq.push(a.task_seq);
    groups.set(a.org_id, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.sort - b.sort || zhCompare(a.orgName, b.orgName))
    .map(({ orgId, orgName, tasks, seq }) => ({
      orgId,
      orgName,
      tasks: tasks
        .map((t, i) => ({ t, s: seq[i] ?? 0 }))
        .sort((x, y) => x.s - y.s)
        .map((x) => x.t),
    }));
}

export function totalsOf(units: readonly UnitFacts[], indicators: readonly IndicatorState[]): Totals {
  const sum = (k: "total" | SupervisionStatus) => units.reduce((s, u) => s + u[k], 0);
  return {
    total: sum("total"),
    done: sum("done"),
    normal: sum("normal"),
    warning: sum("warning"),
    overdue: sum("overdue"),
    completion: ratio(sum("done"), sum("total")),
    indicators: indicators.length,
    indicatorsDone: indicators.filter((i) => i.status === "done").length,
  };
}

/** Everything a bulletin states, from one pass over the records as of its day. */
export function bulletinFigures(records: RecordsAsOf): BulletinFigures {
  const { assignments, indicators } = statesAsOf(records);
  const facts = unitFacts(assignments, indicators, records.notices);
  return {
    asOf: records.asOf,
    totals: totalsOf(facts, indicators),
    units: unitRanks(facts),
    overdue: overdueGroups(assignments),
    indicators,
  };
}

export const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
