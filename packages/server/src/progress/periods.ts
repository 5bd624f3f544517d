import type { Cadence } from "../db/schema.js";

/** Reporting periods as stable strings: "2024-06", "2024-Q2", "2024-H1", "2024". */
const PATTERNS: Record<Cadence, RegExp> = {
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  half_year: /^(\d{4})-H([12])$/,
  yearly: /^(\d{4})$/,
};

export const isValidPeriod = (period: string, cadence: Cadence): boolean => PATTERNS[cadence].test(period);

/**
 * A well-formed period a plan can be reported for: in the plan's year (any year when the plan
 * has none) and not after the period holding today. Periods of one cadence compare as strings.
 */
export const isReportablePeriod = (period: string, plan: { cadence: Cadence; year: number | null }, today: string) =>
  (plan.year === null || period.slice(0, 4) === String(plan.year)) && period <= periodOf(today, plan.cadence);

/**
 * Status and percent agree: `done` is exactly 100%, and 100% is only `done` (a unit that has
 * finished says so; "in progress at 100%" is refused rather than guessed); `not_started` is 0%.
 */
export const statusMatchesPercent = (status: string, percent: number): boolean =>
  (status === "done") === (percent === 100) && (status !== "not_started" || percent === 0);

/** The period containing an ISO date (Asia/Shanghai "today" is the caller's business). */
export function periodOf(isoDate: string, cadence: Cadence): string {
  const year = isoDate.slice(0, 4);
  const month = Number(isoDate.slice(5, 7));
  switch (cadence) {
    case "monthly":
      return isoDate.slice(0, 7);
    case "quarterly":
      return `${year}-Q${Math.ceil(month / 3)}`;
    case "half_year":
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case "yearly":
      return year;
  }
}

/** Built once: constructing a DateTimeFormat costs more than a whole cached read. */
const SHANGHAI_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Asia/Shanghai, as the plans' deadlines are meant. */
export function todayInShanghai(now = new Date()): string {
  return SHANGHAI_DATE.format(now);
}
