import type { LedgerMetric } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { aidAsOf, dropoutCasesAsOf } from "./dropout-as-of.js";
import { aidCoverage, dropoutCount, persuasionRate } from "./dropout-metrics.js";
import { hazardMetric, type MetricValue, type Period } from "./hazard-metrics.js";
import { hazardsAsOf } from "./hazards-as-of.js";

/**
 * Every ledger metric of a region as of a day, each read from its own ledger type's records once
 * per call: the one place the bound indicators (ledger-actuals.ts) and the metric routes compute from.
 */
export async function metricsAsOf(
  db: Database,
  regionId: string,
  asOf: string,
  wanted: { metric: LedgerMetric; period: Period }[],
  orgIds?: string[],
): Promise<MetricValue[]> {
  const need = new Set(wanted.map((w) => w.metric));
  const hazards =
    need.has("hazard_fix_rate") || need.has("major_hazards_open") ? await hazardsAsOf(db, regionId, asOf, orgIds) : [];
  const cases =
    need.has("dropout_count") || need.has("persuasion_rate") ? await dropoutCasesAsOf(db, regionId, asOf, orgIds) : [];
  const aid = need.has("aid_coverage") ? await aidAsOf(db, regionId, asOf, orgIds) : { idents: [], payments: [] };
  return wanted.map(({ metric, period }) => {
    switch (metric) {
      case "dropout_count":
        return dropoutCount(cases);
      case "persuasion_rate":
        return persuasionRate(cases, period);
      case "aid_coverage":
        return aidCoverage(aid.idents, aid.payments, period);
      default:
        return hazardMetric(metric, hazards, period);
    }
  });
}
