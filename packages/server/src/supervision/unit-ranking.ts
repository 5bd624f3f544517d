import type { UnitFigures } from "./figures.repository.js";

/** Rankings and scores from per-unit figures; plain data in, plain data out. */

export interface UnitRank {
  orgId: string;
  orgName: string;
  total: number;
  done: number;
  overdue: number;
  warning: number;
  /** 0–1 */
  completion: number;
  /** 0–1: share of assignment-days not flagged for a missing report. */
  timeliness: number;
  /** 0–1, null when the unit has no indicators. */
  attainment: number | null;
  notices: number;
  rank: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function unitRanks(figures: readonly UnitFigures[]): UnitRank[] {
  const rows = figures.map((f) => ({
    orgId: f.org_id,
    orgName: f.org_name,
    total: f.total,
    done: f.done,
    overdue: f.overdue,
    warning: f.warning,
    completion: ratio(f.done, f.total),
    timeliness: f.days === 0 ? 1 : 1 - ratio(f.missed_days, f.days),
    attainment: f.indicators === 0 ? null : ratio(f.indicators_done, f.indicators),
    notices: f.notices,
    rank: 0,
  }));
  rows.sort(
    (a, b) => b.completion - a.completion || b.timeliness - a.timeliness || a.orgName.localeCompare(b.orgName, "zh"),
  );
  return withRanks(rows, (r) => `${r.completion}|${r.timeliness}`);
}

/** Ties share a rank (1, 2, 2, 4). */
function withRanks<T extends { rank: number }>(sorted: T[], key: (t: T) => string): T[] {
  sorted.forEach((row, i) => {
    const prev = sorted[i - 1];
    row.rank = prev && key(prev) === key(row) ? prev.rank : i + 1;
  });
  return sorted;
}

export interface EvaluationWeights {
  completion: number;
  timeliness: number;
  attainment: number;
  /** Points taken off per notice received. */
  noticePenalty: number;
}

export const DEFAULT_WEIGHTS: EvaluationWeights = { completion: 40, timeliness: 30, attainment: 30, noticePenalty: 2 };

export interface UnitScore extends Omit<UnitRank, "rank"> {
  score: number;
  rank: number;
  breakdown: { completion: number; timeliness: number; attainment: number; noticePenalty: number };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * score = w_c·completion + w_t·timeliness + w_a·attainment − penalty·notices. A unit without
 * indicators gets the attainment weight spread over completion and timeliness in proportion.
 */
export function evaluateUnits(figures: readonly UnitFigures[], w: EvaluationWeights): UnitScore[] {
  const scored = unitRanks(figures).map((u) => {
    let { completion: wc, timeliness: wt } = w;
    const wa = u.attainment === null ? 0 : w.attainment;
    if (u.attainment === null && wc + wt > 0) {
      wc += (w.attainment * wc) / (wc + wt);
      wt = w.completion + w.timeliness + w.attainment - wc;
    }
    const breakdown = {
      completion: round2(wc * u.completion),
      timeliness: round2(wt * u.timeliness),
      attainment: round2(wa * (u.attainment ?? 0)),
      noticePenalty: round2(-w.noticePenalty * u.notices),
    };
    const score = round2(breakdown.completion + breakdown.timeliness + breakdown.attainment + breakdown.noticePenalty);
    return { ...u, score, breakdown };
  });
  scored.sort((a, b) => b.score - a.score || a.orgName.localeCompare(b.orgName, "zh"));
  return withRanks(scored, (s) => String(s.score));
}

export const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
