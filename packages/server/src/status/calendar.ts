import type { Cadence } from "../db/schema.js";
import { periodOf } from "../progress/periods.js";

/** Date arithmetic on ISO calendar dates ("YYYY-MM-DD"), in UTC so no time zone shifts a day. */
const DAY_MS = 86_400_000;

const toUtc = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (isoDate: string, days: number): string => fromUtc(toUtc(isoDate) + days * DAY_MS);
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** First and last day of a reporting period ("2024-06", "2024-Q2", "2024-H1", "2024"). */
export function periodBounds(period: string): { start: string; end: string } {
  const year = Number(period.slice(0, 4));
  const month = (m: number) => `${year}-${String(m).padStart(2, "0")}-01`;
  let first = 1;
  let months = 12;
  const monthly = /^\d{4}-(\d{2})$/.exec(period);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const half = /^\d{4}-H([12])$/.exec(period);
  if (monthly) [first, months] = [Number(monthly[1]), 1];
  else if (quarter) [first, months] = [(Number(quarter[1]) - 1) * 3 + 1, 3];
  else if (half) [first, months] = [(Number(half[1]) - 1) * 6 + 1, 6];
  const start = month(first);
  const next = first + months > 12 ? `${year + 1}-01-01` : month(first + months);
  return { start, end: addDays(next, -1) };
}

export function previousPeriod(period: string, cadence: Cadence): string {
  return periodOf(addDays(periodBounds(period).start, -1), cadence);
}

/** 1 on the first day of the period containing `today`. */
export function dayOfPeriod(today: string, cadence: Cadence): number {
  return daysBetween(periodBounds(periodOf(today, cadence)).start, today) + 1;
}
