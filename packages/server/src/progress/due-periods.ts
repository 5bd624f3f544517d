import type { Cadence } from "../db/schema.js";
import { periodOf } from "./periods.js";

const PER_YEAR: Record<Cadence, (year: string) => string[]> = {
  monthly: (y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, "0")}`),
  quarterly: (y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`),
  half_year: (y) => [`${y}-H1`, `${y}-H2`],
  yearly: (y) => [y],
};

/** A period as people say it: 2026年5月, 2026年第2季度, 2026年上半年, 2026年度. */
export function periodLabel(period: string): string {
  const year = period.slice(0, 4);
  const rest = period.slice(5);
  if (rest === "") return `${year}年度`;
  if (rest.startsWith("Q")) return `${year}年第${rest.slice(1)}季度`;
  if (rest.startsWith("H")) return `${year}年${rest === "H1" ? "上半年" : "下半年"}`;
  return `${year}年${Number(rest)}月`;
}

/**
 * The periods a unit may report for, newest first: those of the plan's year (today's year for a
 * plan without one) up to the period holding today — never a future one.
 */
export function duePeriods(cadence: Cadence, planYear: number | null, today: string): string[] {
  const current = periodOf(today, cadence);
  const year = String(planYear ?? today.slice(0, 4));
  return PER_YEAR[cadence](year)
    .filter((p) => p <= current)
    .reverse();
}

/** The period holding today for each cadence. */
export const currentPeriods = (today: string): Record<Cadence, string> => ({
  monthly: periodOf(today, "monthly"),
  quarterly: periodOf(today, "quarterly"),
  half_year: periodOf(today, "half_year"),
  yearly: periodOf(today, "yearly"),
});
