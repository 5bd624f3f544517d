import type { Cadence } from "../../labels";

/** The reporting period containing a date, in the server's format: 2024-05, 2024-Q2, 2024-H1, 2024. */
export function currentPeriod(cadence: Cadence, date = new Date()): string {
  const shanghai = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
  }).format(date);
  const year = shanghai.slice(0, 4);
  const month = Number(shanghai.slice(5, 7));
  switch (cadence) {
    case "monthly":
      return `${year}-${String(month).padStart(2, "0")}`;
    case "quarterly":
      return `${year}-Q${Math.ceil(month / 3)}`;
    case "half_year":
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case "yearly":
      return year;
  }
}

export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/;
