import type { LedgerMetric } from "@luoshi/contract";

/**
 * The hazard ledger's computed indicators (issue 15), pure over records as they stood at a moment:
 *  - 隐患整改率 (hazard_fix_rate): of the hazards found in a period (发现日期 within it), the share
 *    rectified and re-inspected (已销号), in percent; no hazard found → no value.
 *  - 重大隐患未销号数 (major_hazards_open): 重大 hazards not yet written off.
 */

export interface HazardAsOf {
  id: string;
  state: string;
  foundOn: string | null;
  grade: string | null;
}

export interface MetricValue {
  metric: LedgerMetric;
  /** The figure: a percentage for the rate, a count for open hazards; null when nothing was found. */
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** The records behind the figure (the numerator's for a rate, the counted ones for a count). */
  recordIds: string[];
  /** The records of the denominator. */
  baseIds: string[];
}

export interface Period {
  /** Inclusive dates. */
  from: string;
  to: string;
}

export function hazardFixRate(records: HazardAsOf[], period: Period): MetricValue {
  const found = records.filter((r) => r.foundOn !== null && r.foundOn >= period.from && r.foundOn <= period.to);
  const fixed = found.filter((r) => r.state === "closed");
  return {
    metric: "hazard_fix_rate",
    value: found.length === 0 ? null : Math.round((fixed.length / found.length) * 10_000) / 100,
    numerator: fixed.length,
    denominator: found.length,
    recordIds: fixed.map((r) => r.id).sort(),
    baseIds: found.map((r) => r.id).sort(),
  };
}

export function majorHazardsOpen(records: HazardAsOf[]): MetricValue {
  const open = records.filter((r) => r.grade === "major" && r.state !== "closed");
  return {
    metric: "major_hazards_open",
    value: open.length,
    numerator: open.length,
    denominator: null,
    recordIds: open.map((r) => r.id).sort(),
    baseIds: [],
  };
}

export function hazardMetric(metric: LedgerMetric, records: HazardAsOf[], period: Period): MetricValue {
  return metric === "hazard_fix_rate" ? hazardFixRate(records, period) : majorHazardsOpen(records);
}
