import type { FeatureMatrix } from "./features.js";
import type { Units } from "./units.js";

/**
 * Exact pruning of the swap search. The change of the objective for swapping u (class a) with v
 * (class b) is a sum of one term per feature, 2·w·d·ΔM + s_b·w·d² with d = x_v − x_u and
 * ΔM = M_a − M_b. A score term is never below its minimum −w·ΔM²/s_b, and a gender/tag term depends
 * only on the categories of u and v. If those categorical terms plus the score minima are already
 * positive, no such pair can improve, so whole (class, category) blocks are skipped without changing
 * any decision: the search finds exactly the same swaps, only faster.
 */

/** Beyond this many gender/tag combinations the table costs more than it saves. */
const MAX_CATEGORIES = 64;

export interface CategoryIndex {
  /** Per unit: category id, or `count` for units never pruned (groups, or too many categories). */
  of: Int32Array;
  count: number;
  /** Row-major by category: the categorical feature values (features with `categorical`). */
  vectors: Float64Array;
  features: Int32Array;
}

/** Single students with identical gender/tag features share a category. */
export function categoryIndex(features: FeatureMatrix, X: Float64Array, units: Units, enabled = true): CategoryIndex {
  const F = features.count;
  const cat = Int32Array.from(
    features.categorical.flatMap((c, f) => (c ? [f] : [])),
    (f) => f,
  );
  const ids = new Map<string, number>();
  const vectors: number[] = [];
  const of = new Int32Array(units.members.length);
  units.members.forEach((members, u) => {
    if (members.length !== 1) {
      of[u] = -1;
      return;
    }
    const vec = Array.from(cat, (f) => X[u * F + f]!);
    const key = vec.join(",");
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
      vectors.push(...vec);
    }
    of[u] = id;
  });
  const count = !enabled || ids.size > MAX_CATEGORIES ? 0 : ids.size;
  for (let u = 0; u < of.length; u++) if (of[u]! < 0 || count === 0) of[u] = count;
  return { of, count, vectors: Float64Array.from(vectors), features: cat };
}

/**
 * Fills skip[b·(count+1) + c] = 1 when no single of category c in class b can improve by swapping with
 * single u of class a. The last column (groups, unpruned) stays 0.
 */
export function fillSkipTable(
  skip: Uint8Array,
  index: CategoryIndex,
  scoreBound: Float64Array,
  terms: { means: Float64Array; invSize: Float64Array; weights: Float64Array; F: number },
  u: number,
  a: number,
): void {
  const { means, invSize, weights, F } = terms;
  const C = index.count;
  const K = invSize.length;
  skip.fill(0);
  const cu = index.of[u]!;
  if (cu >= C) return;
  const nf = index.features.length;
  for (let b = 0; b < K; b++) {
    if (b === a) continue;
    const sb = invSize[a]! + invSize[b]!;
    for (let c = 0; c < C; c++) {
      let bound = scoreBound[b]!;
      for (let k = 0; k < nf; k++) {
        const f = index.features[k]!;
        const d = index.vectors[c * nf + k]! - index.vectors[cu * nf + k]!;
        bound += weights[f]! * d * (2 * (means[a * F + f]! - means[b * F + f]!) + sb * d);
      }
      // A positive bound is more than EPSILON away from any improvement, far beyond rounding.
      if (bound > 0) skip[b * (C + 1) + c] = 1;
    }
  }
}

/**
 * Single students (units of one category id < count) by class and category, so the swap search can skip
 * a whole (class, category) block. Removal swaps in the block's last element, so list order depends on
 * the sequence of moves — deterministic, like everything else.
 */
export class SingleBlocks {
  readonly categories: number;
  readonly lists: number[][];
  private readonly pos: Int32Array;
  private readonly of: Int32Array;

  constructor(index: CategoryIndex, classOf: Int32Array, classCount: number) {
    this.categories = index.count;
    this.of = index.of;
    this.lists = Array.from({ length: classCount * index.count }, () => []);
    this.pos = new Int32Array(classOf.length);
    for (let u = 0; u < classOf.length; u++) {
      if (index.of[u]! >= index.count) continue;
      const list = this.lists[classOf[u]! * this.categories + index.of[u]!]!;
      this.pos[u] = list.length;
      list.push(u);
    }
  }

  move(u: number, from: number, to: number): void {
    const c = this.of[u]!;
    const list = this.lists[from * this.categories + c]!;
    const last = list.pop()!;
    if (last !== u) {
      list[this.pos[u]!] = last;
      this.pos[last] = this.pos[u]!;
    }
    const target = this.lists[to * this.categories + c]!;
    this.pos[u] = target.length;
    target.push(u);
  }
}
