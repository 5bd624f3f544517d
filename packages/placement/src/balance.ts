import { localSearch } from "./exchange.js";
import { buildFeatures, strata } from "./features.js";
import { issueMessage } from "./messages.js";
import { type Assignment, PlacementInputError, type PlacementParams, type Roster } from "./model.js";
import { targetSizes } from "./params.js";
import { Xoshiro128 } from "./prng.js";
import { seededStart } from "./start.js";
import { buildUnits } from "./units.js";

export interface BalanceOutcome {
  /** Class index (0-based) per student, roster order. */
  assignment: Assignment;
  objective: number;
  /** Restart whose local optimum was kept (the first of equals). */
  restart: number;
}

/** Extra seeded attempts at a feasible start when keep-apart constraints make random starts fail. */
const START_ATTEMPTS = 20;

/**
 * Balanced placement: `params.restarts` seeded random feasible starts (stream "restart:r" of the seed),
 * each improved by exchange search to a local optimum; the lowest objective wins.
 */
export function balanceClasses(roster: Roster, params: PlacementParams, seed: string): BalanceOutcome {
  const units = buildUnits(roster);
  const input = {
    features: buildFeatures(roster),
    units,
    targets: targetSizes(roster.students.length, params.capacities),
    capacities: params.capacities,
    strata: strata(roster),
  };
  let best: BalanceOutcome | null = null;
  for (let r = 0; r < params.restarts; r++) {
    const rng = Xoshiro128.fromSeed(seed, `restart:${r}`);
    let start: Int32Array | null = null;
    for (let attempt = 0; attempt < START_ATTEMPTS && start === null; attempt++) start = seededStart(input, rng);
    if (start === null) continue;
    const outcome = localSearch(input, start);
    if (best === null || outcome.objective < best.objective) {
      const assignment = Int32Array.from(units.unitOf, (u) => outcome.classOf[u]!);
      best = { assignment, objective: outcome.objective, restart: r };
    }
  }
  if (best === null) {
    throw new PlacementInputError([{ code: "PLACEMENT_INFEASIBLE", message: issueMessage("PLACEMENT_INFEASIBLE") }]);
  }
  return best;
}
