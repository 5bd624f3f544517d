import type { PeriodKind, ReturnStatus } from "@luoshi/contract";

/**
 * Periodic returns of any ledger type (issue 15 item 1, issue 16 item 5), pure: which returns are
 * due from which units for which periods and slots, when each is due, and each one's status at an
 * instant, with DHIS2's definitions — complete = submitted, timely = submitted by the due time —
 * over the returns whose due time has passed (a return not yet due counts in neither figure).
 */

export interface SlotDue {
  /** '' when a period has a single return. */
  slot: string;
  /** HH:MM, Asia/Shanghai. */
  time: string;
  /** Days after the period's last day the return is due (0: on that day). */
  afterEnd: number;
}

export interface ReturnSchedule {
  periodKind: PeriodKind;
  slots: SlotDue[];
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which no daily return is due (the school is closed). */
  closedWeekdays: number[];
  /** Holidays and other closed days (YYYY-MM-DD). */
  closedDays: string[];
  /** Working days that fall on a closed weekday (调休上课). */
  openDays: string[];
}

/** A unit that owes returns: a school or a class, from the day it exists (`since`) until it is removed (`until`, the first day it owes nothing). */
export interface ReturnUnit {
  unitId: string;
  orgId: string;
  since?: string;
  until?: string | null;
}

export interface ExpectedReturn {
  unitId: string;
  orgId: string;
  period: string;
  slot: string;
  /** ISO instant. */
  dueAt: string;
}

export interface Submission {
  unitId: string;
  period: string;
  slot: string;
  /** ISO instant of the first submission. */
  submittedAt: string;
  zero: boolean;
}

export interface ReturnItem extends ExpectedReturn {
  status: ReturnStatus;
  submittedAt: string | null;
  zero: boolean | null;
}

export interface ReturnSummary {
  expected: number;
  /** Due by now (expected less pending): the denominator of both rates. */
  due: number;
  submitted: number;
  zero: number;
  timely: number;
  late: number;
  missing: number;
  pending: number;
  /** Percent of the due returns submitted (two decimals); null when none is due. */
  completeness: number | null;
  /** Percent of the due returns submitted by their due time; null when none is due. */
  timeliness: number | null;
}

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => toDay(ms(day) + n * DAY_MS);
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: string) => ((new Date(ms(day)).getUTCDay() + 6) % 7) + 1;

/** The first day of the period holding `day`. */
export function periodStart(kind: PeriodKind, day: string): string {
  if (kind === "day") return day;
  if (kind === "week") return addDays(day, 1 - isoWeekday(day));
  return `${day.slice(0, 7)}-01`;
}

/** The last day of the period starting on `start`. */
export function periodEnd(kind: PeriodKind, start: string): string {
  if (kind === "day") return start;
  if (kind === "week") return addDays(start, 6);
  const [y, m] = start.split("-").map(Number) as [number, number];
  return toDay(Date.UTC(y, m, 1) - DAY_MS);
}

/** Whether a return is owed for a daily period on this day (the school calendar). */
export function isOpenDay(schedule: ReturnSchedule, day: string): boolean {
  if (schedule.openDays.includes(day)) return true;
  if (schedule.closedDays.includes(day)) return false;
  return !schedule.closedWeekdays.includes(isoWeekday(day));
}

/** The periods whose first day lies within [from, to], open ones only for daily returns. */
export function periodsIn(schedule: ReturnSchedule, from: string, to: string): string[] {
  const periods: string[] = [];
  let start = periodStart(schedule.periodKind, from);
  if (start < from) start = addDays(periodEnd(schedule.periodKind, start), 1);
  while (start <= to) {
    if (schedule.periodKind !== "day" || isOpenDay(schedule, start)) periods.push(start);
    start = addDays(periodEnd(schedule.periodKind, start), 1);
  }
  return periods;
}

/** When the return of a period and slot is due: an instant (Asia/Shanghai, UTC+8 all year). */
export function dueAt(schedule: ReturnSchedule, period: string, slot: SlotDue): string {
  const day = addDays(periodEnd(schedule.periodKind, period), slot.afterEnd);
  return new Date(`${day}T${slot.time}:00+08:00`).toISOString();
}

/** Every return the units owe for the periods starting within [from, to]. */
export function expectedReturns(
  schedule: ReturnSchedule,
  units: readonly ReturnUnit[],
  from: string,
  to: string,
): ExpectedReturn[] {
  // Each period's last day and each slot's due time once, not once per unit (a county's day is
  // 18,000 returns over one period and two slots).
  const periods = periodsIn(schedule, from, to).map((period) => ({
    period,
    end: periodEnd(schedule.periodKind, period),
    dues: schedule.slots.map((slot) => ({ slot: slot.slot, dueAt: dueAt(schedule, period, slot) })),
  }));
  const expected: ExpectedReturn[] = [];
  for (const unit of units) {
    for (const { period, end, dues } of periods) {
      if (unit.since && end < unit.since) continue;
      if (unit.until && period >= unit.until) continue;
      for (const { slot, dueAt } of dues)
        expected.push({ unitId: unit.unitId, orgId: unit.orgId, period, slot, dueAt });
    }
  }
  return expected;
}

const keyOf = (r: { unitId: string; period: string; slot: string }) => `${r.unitId}\u0000${r.period}\u0000${r.slot}`;

/** Each expected return's status at `now` (an ISO instant), from the submissions made by then. */
export function classifyReturns(
  expected: readonly ExpectedReturn[],
  submissions: readonly Submission[],
  now: string,
): ReturnItem[] {
  const byKey = new Map(submissions.map((s) => [keyOf(s), s]));
  const nowMs = Date.parse(now);
  // Due times repeat across units: each parsed once.
  const dueMs = new Map<string, number>();
  return expected.map((e) => {
    // A submission after `now` did not exist yet (figures as of a past instant).
    const found = byKey.get(keyOf(e));
    const s = found && Date.parse(found.submittedAt) <= nowMs ? found : undefined;
    let due = dueMs.get(e.dueAt);
    if (due === undefined) {
      due = Date.parse(e.dueAt);
      dueMs.set(e.dueAt, due);
    }
    let status: ReturnStatus;
    if (s) status = Date.parse(s.submittedAt) <= due ? "timely" : "late";
    else status = nowMs > due ? "missing" : "pending";
    return { ...e, status, submittedAt: s?.submittedAt ?? null, zero: s ? s.zero : null };
  });
}

/** The instant (ms) the first pending return of these falls due, and so turns missing; undefined when none is pending. */
export function nextStatusChange(items: readonly { status: ReturnStatus; dueAt: string }[]): number | undefined {
  let next: number | undefined;
  for (const i of items) {
    if (i.status !== "pending") continue;
    const due = Date.parse(i.dueAt);
    if (next === undefined || due < next) next = due;
  }
  return next;
}

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);

/** How many returns are in each status, and how many of the submitted ones are zero reports. */
export type StatusCounts = Record<ReturnStatus, number> & { zero: number };

export function summaryOfCounts(c: StatusCounts): ReturnSummary {
  const expected = c.timely + c.late + c.missing + c.pending;
  const due = expected - c.pending;
  return {
    expected,
    due,
    submitted: c.timely + c.late,
    zero: c.zero,
    timely: c.timely,
    late: c.late,
    missing: c.missing,
    pending: c.pending,
    completeness: percent(c.timely + c.late, due),
    timeliness: percent(c.timely, due),
  };
}

export function summariseReturns(items: readonly ReturnItem[]): ReturnSummary {
  const counts: StatusCounts = { timely: 0, late: 0, missing: 0, pending: 0, zero: 0 };
  for (const i of items) {
    counts[i.status]++;
    if (i.zero === true) counts.zero++;
  }
  return summaryOfCounts(counts);
}

/** A slot's submissions of a day at one school, counted in SQL (timely and late as of the due time). */
export interface SlotCounts {
  slot: string;
  timely: number;
  late: number;
  zero: number;
}

/**
 * One school's day from counts, the same as classifying its `units` × `dues` returns one by one: what
 * was not submitted is missing once its slot's due time has passed at `nowMs`, pending before. Also
 * the instant the first pending slot falls due (undefined: none pending).
 */
export function dayFromCounts(
  units: number,
  dues: readonly { slot: string; dueAt: string }[],
  slots: readonly SlotCounts[],
  nowMs: number,
): { counts: StatusCounts; nextChange: number | undefined } {
  const counts: StatusCounts = { timely: 0, late: 0, missing: 0, pending: 0, zero: 0 };
  let nextChange: number | undefined;
  for (const d of dues) {
    const s = slots.find((x) => x.slot === d.slot) ?? { timely: 0, late: 0, zero: 0 };
    const open = Math.max(0, units - s.timely - s.late);
    counts.timely += s.timely;
    counts.late += s.late;
    counts.zero += s.zero;
    const due = Date.parse(d.dueAt);
    if (nowMs > due) counts.missing += open;
    else {
      counts.pending += open;
      if (open > 0 && (nextChange === undefined || due < nextChange)) nextChange = due;
    }
  }
  return { counts, nextChange };
}

/** Counts added up (schools into the county). */
export function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  return {
    timely: a.timely + b.timely,
    late: a.late + b.late,
    missing: a.missing + b.missing,
    pending: a.pending + b.pending,
    zero: a.zero + b.zero,
  };
}

/** Summaries per key (an organisation, a unit, a period). */
export function summariseBy(
  items: readonly ReturnItem[],
  key: (item: ReturnItem) => string,
): Map<string, ReturnSummary> {
  const groups = new Map<string, ReturnItem[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return new Map([...groups].map(([k, list]) => [k, summariseReturns(list)]));
}

/** Whether a schedule's values are well formed (times, weekdays, days, slot names unique). */
export function scheduleProblems(schedule: ReturnSchedule): string[] {
  const problems: string[] = [];
  if (schedule.slots.length === 0) problems.push("slots");
  if (new Set(schedule.slots.map((s) => s.slot)).size !== schedule.slots.length) problems.push("slots");
  for (const s of schedule.slots) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.time)) problems.push(`time:${s.slot}`);
    if (!Number.isInteger(s.afterEnd) || s.afterEnd < 0 || s.afterEnd > 31) problems.push(`afterEnd:${s.slot}`);
  }
  if (schedule.closedWeekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) problems.push("closedWeekdays");
  const validDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(ms(d)) && toDay(ms(d)) === d;
  if (![...schedule.closedDays, ...schedule.openDays].every(validDay)) problems.push("days");
  return problems;
}
