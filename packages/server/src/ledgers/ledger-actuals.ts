import { LEDGER_METRIC_TYPE, type LedgerMetric } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { activeBindings, anyBinding } from "./bindings.repository.js";
import { type HazardAsOf, hazardMetric } from "./hazard-metrics.js";
import { hazardsAsOf } from "./hazards-as-of.js";
import { returnsMetric } from "./returns.service.js";

const isHazardMetric = (metric: LedgerMetric) => LEDGER_METRIC_TYPE[metric] === "campus_hazard";
/** The periodic-return metrics: which rate each is. */
const RETURN_METRIC_KIND: Partial<Record<LedgerMetric, "completeness" | "timeliness">> = {
  health_check_completeness: "completeness",
  health_check_timeliness: "timeliness",
};

/**
 * The actual value of indicators bound to a ledger metric, computed from the ledger as of a day: the
 * status engine, the dashboard's indicator table and the bulletins all read indicators through this,
 * so a bound indicator shows the same figure everywhere. A rate's period is the plan's year (the
 * calendar year of the day when the plan has none).
 */
export async function withLedgerActuals<T extends { region_id: string; id: string; actual: number | null }>(
  db: Database,
  rows: T[],
  asOf: string,
): Promise<T[]> {
  if (rows.length === 0) return rows;
  const regionIds = [...new Set(rows.map((r) => r.region_id))];
  // Most regions bind nothing: one index probe, and the engine's facts are read as before.
  if (!(await anyBinding(db, regionIds))) return rows;
  const bindings = await activeBindings(db, { regionIds, indicatorIds: rows.map((r) => r.id) });
  if (bindings.length === 0) return rows;
  const hazards = new Map<string, HazardAsOf[]>();
  for (const region of new Set(bindings.filter((b) => isHazardMetric(b.metric)).map((b) => b.region_id)))
    hazards.set(region, await hazardsAsOf(db, region, asOf));
  const values = new Map<string, number | null>();
  for (const b of bindings) {
    const year = b.plan_year ?? Number(asOf.slice(0, 4));
    const period = { from: `${year}-01-01`, to: `${year}-12-31` };
    if (isHazardMetric(b.metric))
      values.set(b.indicator_id, hazardMetric(b.metric, hazards.get(b.region_id) ?? [], period).value);
    else
      values.set(
        b.indicator_id,
        (
          await returnsMetric(db, {
            regionId: b.region_id,
            type: LEDGER_METRIC_TYPE[b.metric],
            ...period,
            asOf,
            kind: RETURN_METRIC_KIND[b.metric]!,
          })
        ).value,
      );
  }
  return rows.map((r) => (values.has(r.id) ? { ...r, actual: values.get(r.id) ?? null } : r));
}
