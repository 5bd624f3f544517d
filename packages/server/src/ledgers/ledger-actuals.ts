import type { Database } from "../db/database.js";
import { activeBindings, anyBinding } from "./bindings.repository.js";
import { type HazardAsOf, hazardMetric } from "./hazard-metrics.js";
import { hazardsAsOf } from "./hazards-as-of.js";

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
  for (const region of new Set(bindings.map((b) => b.region_id)))
    hazards.set(region, await hazardsAsOf(db, region, asOf));
  const values = new Map(
    bindings.map((b) => {
      const year = b.plan_year ?? Number(asOf.slice(0, 4));
      const period = { from: `${year}-01-01`, to: `${year}-12-31` };
      return [b.indicator_id, hazardMetric(b.metric, hazards.get(b.region_id) ?? [], period).value];
    }),
  );
  return rows.map((r) => (values.has(r.id) ? { ...r, actual: values.get(r.id) ?? null } : r));
}
