import type { Xoshiro128 } from "./prng.js";
import type { Units } from "./units.js";

export interface StartInput {
  units: Units;
  targets: number[];
  capacities: number[];
  /** Per student: gender/tag combination and composite score (see features.strata). */
  strata: { category: Int32Array; key: Float64Array };
}

/**
 * Seeded feasible start. Constrained units (keep-together groups, keep-apart students) go first, each into
 * a uniformly drawn class with room and without its keep-apart partners. The remaining students are
 * sorted by gender/tag combination and composite score (ties in seeded random order) and dealt in runs of
 * one seeded random permutation of the classes — a randomized S-shape, already close to balanced, so the
 * exchange search needs few passes. A constrained unit that fits no class within the even target sizes
 * may fill a class up to its capacity (sizes then differ more, but the constraints hold); singles then
 * fill the other classes up to their targets. Returns null when a constrained unit has nowhere to go.
 */
export function seededStart(input: StartInput, rng: Xoshiro128): Int32Array | null {
  const { units, targets, strata } = input;
  const U = units.members.length;
  const K = targets.length;
  const order = rng.shuffle(Array.from({ length: U }, (_, u) => u));
  const constrained = (u: number) => units.members[u]!.length > 1 || units.apart[u]!.length > 0;
  const classOf = new Int32Array(U).fill(-1);
  const room = [...targets];
  const spare = input.capacities.map((cap, c) => cap - targets[c]!);
  const candidates: number[] = [];
  const collect = (u: number, fits: (c: number) => boolean) => {
    candidates.length = 0;
    for (let c = 0; c < K; c++) if (fits(c) && !units.apart[u]!.some((p) => classOf[p] === c)) candidates.push(c);
  };
  for (const u of order.filter(constrained).sort((a, b) => units.members[b]!.length - units.members[a]!.length)) {
    const size = units.members[u]!.length;
    collect(u, (c) => room[c]! >= size);
    if (candidates.length === 0) collect(u, (c) => room[c]! + spare[c]! >= size);
    if (candidates.length === 0) return null;
    const c = candidates[rng.nextInt(candidates.length)]!;
    classOf[u] = c;
    room[c]! -= size;
    if (room[c]! < 0) {
      spare[c]! += room[c]!;
      room[c] = 0;
    }
  }
  const first = (u: number) => units.members[u]![0]!;
  const singles = order
    .filter((u) => !constrained(u))
    .sort(
      (a, b) =>
        strata.category[first(a)]! - strata.category[first(b)]! || strata.key[first(b)]! - strata.key[first(a)]!,
    );
  let deck: number[] = [];
  for (const u of singles) {
    let c = -1;
    while (c < 0) {
      if (deck.length === 0) deck = rng.shuffle(Array.from({ length: K }, (_, k) => k));
      const next = deck.pop()!;
      if (room[next]! > 0) c = next;
    }
    classOf[u] = c;
    room[c]! -= 1;
  }
  return classOf;
}
