import { LEDGER_METRIC_TYPE, type LedgerMetric } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { activeBindings, anyBinding } from "./bindings.repository.js";
import { type HazardAsOf, hazardMetric } from "./hazard-metrics.js";
import { hazardsAsOf } from "./hazards-as-of.js";
import { metricsAsOf } from "./ledger-metrics.js";
import { returnsMetric } from "./returns.service.js";
import { isScreeningMetric, rateDerivation } from "./screening/rates.js";
import { screeningMetricValues } from "./screening/screening-metrics.js";

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
 * calendar year of the day when the plan has none). A screening rate (近视率, 优良率, …) is the
 * region's rate of that screening year; a change target without a baseline takes the previous
 * year's rate as its baseline.
 */
export async function withLedgerActuals<
  T extends { region_id: string; id: string; actual: number | null; baseline?: number | null },
>(db: Database, rows: T[], asOf: string): Promise<(T & { derivation?: string })[]> {
  if (rows.length === 0) return rows;
  const regionIds = [...new Set(rows.map((r) => r.region_id))];
  // Most regions bind nothing: one index probe, and the engine's facts are read as before.
  if (!(await anyBinding(db, regionIds))) return rows;
  const bindings = await activeBindings(db, { regionIds, indicatorIds: rows.map((r) => r.id) });
  if (bindings.length === 0) return rows;
  const yearOf = (b: { plan_year: number | null }) => b.plan_year ?? Number(asOf.slice(0, 4));
  const hazards = new Map<string, HazardAsOf[]>();
  for (const region of new Set(bindings.filter((b) => isHazardMetric(b.metric)).map((b) => b.region_id)))
    hazards.set(region, await hazardsAsOf(db, region, asOf));
  const screening = new Map<string, { value: number | null; previous: number | null; derivation: string }>();
  for (const region of new Set(bindings.filter((b) => isScreeningMetric(b.metric)).map((b) => b.region_id))) {
    const asks = bindings.flatMap((b) =>
      b.region_id === region && isScreeningMetric(b.metric) ? [{ metric: b.metric, year: yearOf(b) }] : [],
    );
    for (const [key, v] of await screeningMetricValues(db, region, asks)) {
      const [metric, year] = key.split(":") as [Parameters<typeof rateDerivation>[0], string];
      screening.set(`${region}:${key}`, {
        value: v.value,
        previous: v.previous.value,
        derivation: rateDerivation(metric, Number(year), v),
      });
    }
  }
  const values = new Map<string, { actual: number | null; previous: number | null; derivation?: string }>();
  for (const b of bindings) {
    const year = yearOf(b);
    const period = { from: `${year}-01-01`, to: `${year}-12-31` };
    if (isScreeningMetric(b.metric)) {
      const v = screening.get(`${b.region_id}:${b.metric}:${year}`);
      values.set(b.indicator_id, {
        actual: v?.value ?? null,
        previous: v?.previous ?? null,
        ...(v ? { derivation: v.derivation } : {}),
      });
    } else if (isHazardMetric(b.metric))
      values.set(b.indicator_id, {
        actual: hazardMetric(b.metric, hazards.get(b.region_id) ?? [], period).value,
        previous: null,
      });
    else if (!RETURN_METRIC_KIND[b.metric]) {
      // 辍学学生数, 劝返率, 资助覆盖率 (dropout and aid ledgers).
      const [v] = await metricsAsOf(db, b.region_id, asOf, [{ metric: b.metric, period }]);
      values.set(b.indicator_id, { actual: v?.value ?? null, previous: null });
    } else {
      const kind = RETURN_METRIC_KIND[b.metric]!;
      const type = LEDGER_METRIC_TYPE[b.metric];
      const v = await returnsMetric(db, { regionId: b.region_id, type, ...period, asOf, kind });
      values.set(b.indicator_id, { actual: v.value, previous: null });
    }
  }
  return rows.map((r) => {
    const v = values.get(r.id);
    if (!v) return r;
    const baseline = "baseline" in r && r.baseline === null && v.previous !== null ? { baseline: v.previous } : {};
    return { ...r, actual: v.actual, ...baseline, ...(v.derivation ? { derivation: v.derivation } : {}) };
  });
}
