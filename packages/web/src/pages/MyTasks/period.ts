import { type Cadence, periodOf } from "@luoshi/contract/vocabulary";

export { PERIOD_PATTERN } from "@luoshi/contract/vocabulary";

/** The reporting period containing a date (in Asia/Shanghai), in the server's format: 2024-05, 2024-Q2, 2024-H1, 2024. */
export function currentPeriod(cadence: Cadence, date = new Date()): string {
  const shanghai = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
  return periodOf(shanghai, cadence);
}
