/** Completed age at a measurement date, from the birth date (both YYYY-MM-DD). Pure. */

/** Completed months of age on `on`: a month is complete on the same day of the month as the birth day. */
export function completedMonths(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) {
    // Born on the 31st, measured on the last day of a shorter month: that month is complete.
    const lastOfMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (!(d === lastOfMonth && bd > lastOfMonth)) months -= 1;
  }
  return months;
}

/** The half-year age group (6.0, 6.5, …): completed months floored to six. */
export const halfYearGroup = (months: number): number => Math.floor(months / 6) / 2;

/** Completed years. */
export const completedYears = (months: number): number => Math.floor(months / 12);
