import { describe, expect, it } from "vitest";
import { localSearch } from "./exchange.js";
import { buildFeatures, strata } from "./features.js";
import { targetSizes } from "./params.js";
import { preparePlacement } from "./prepare.js";
import { Xoshiro128 } from "./prng.js";
import { seededStart } from "./start.js";
import { syntheticRosterRows } from "./synthetic.js";
import { buildUnits } from "./units.js";

function searchInput(seed: string) {
  const students = syntheticRosterRows({ students: 300, seed, groups: 6, apartPairs: 5 });
  const { roster, params } = preparePlacement({ students, classCount: 8 });
  const input = {
    features: buildFeatures(roster),
    units: buildUnits(roster),
    targets: targetSizes(roster.students.length, params.capacities),
    capacities: params.capacities,
    strata: strata(roster),
  };
  return { input, start: seededStart(input, Xoshiro128.fromSeed(seed, "restart:0"))! };
}

describe("exchange search", () => {
  for (const seed of ["p", "q", "r"]) {
    it(`skipping hopeless category blocks finds exactly the same optimum (roster ${seed})`, () => {
      const { input, start } = searchInput(seed);
      const pruned = localSearch(input, start);
      const full = localSearch({ ...input, prune: false }, start);
      expect(pruned.objective).toBe(full.objective);
      expect(pruned.passes).toBe(full.passes);
    });
  }

  it("improves on its start, keeps class sizes and stops at a local optimum", () => {
    const { input, start } = searchInput("s");
    const result = localSearch(input, start);
    const again = localSearch(input, result.classOf);
    expect(again.passes).toBe(1);
    expect(again.objective).toBe(result.objective);
    const sizes = (classOf: Int32Array) => {
      const n = new Array<number>(input.targets.length).fill(0);
      classOf.forEach((c, u) => {
        n[c]! += input.units.members[u]!.length;
      });
      return n;
    };
    expect(sizes(result.classOf)).toEqual(sizes(start));
    expect(localSearch(input, start).classOf).toEqual(result.classOf);
  });
});
