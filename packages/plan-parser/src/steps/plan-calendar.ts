/** The calendar a plan's deadlines resolve against. */
export interface PlanCalendar {
  /** The plan year; null when neither the title nor the caller gives one. */
  year: number | null;
  /** An academic-year plan (2025-2026学年): months 9–12 fall in `year`, months 1–8 in `year + 1`. */
  academic: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The year a month of the plan falls in; a printed year wins. */
export function yearOfMonth(cal: PlanCalendar, month: number, printedYear?: number): number | null {
  if (printedYear) return printedYear;
  if (cal.year === null) return null;
  return cal.academic && month <= 8 ? cal.year + 1 : cal.year;
}

/** The plan's last day: December 31 of a calendar-year plan, the end of the academic year otherwise. */
export function planYearEnd(cal: PlanCalendar, printedYear?: number): string | null {
  if (printedYear) return isoDate(printedYear, 12, 31);
  if (cal.year === null) return null;
  return isoDate(cal.year, 12, 31);
}

/** Reads the plan year from a title: "2024年…" → 2024; "2025-2026学年度…" → 2025, academic. */
export function calendarFromTitle(title: string): PlanCalendar | null {
  const academic = /(20\d{2})\s*[-—–~至]\s*(20\d{2})\s*学年/.exec(title);
  if (academic) return { year: Number(academic[1]), academic: true };
  const plain = /(20\d{2})\s*年/.exec(title) ?? /(20\d{2})/.exec(title);
  if (plain) return { year: Number(plain[1]), academic: /学年/.test(title) };
  return null;
}
