import type { Database } from "../../db/database.js";
import { addCounts, type Counts, type RateWithChange, rateWithChange, type ScreeningMetric, ZERO } from "./rates.js";
import { rateCounts } from "./screening.repository.js";

/**
 * A region's screening rate of a year as a ledger metric, with the previous year's: a bound indicator
 * takes the year's rate as its actual, and a change target ("近视率下降1个百分点") without a typed
 * baseline takes last year's rate as its baseline, so it is met or not by the computed change.
 */
export async function screeningMetricValues(
  db: Database,
  regionId: string,
  asks: { metric: ScreeningMetric; year: number }[],
): Promise<Map<string, RateWithChange>> {
  const years = [...new Set(asks.flatMap((a) => [a.year, a.year - 1]))];
  const totals = new Map<number, Counts>();
  for (const r of await rateCounts(db, regionId, years, "total"))
    totals.set(r.year, addCounts(totals.get(r.year) ?? ZERO, r));
  return new Map(
    asks.map((a) => [
      `${a.metric}:${a.year}`,
      rateWithChange(a.metric, totals.get(a.year) ?? ZERO, totals.get(a.year - 1) ?? ZERO),
    ]),
  );
}
