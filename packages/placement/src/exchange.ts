import type { FeatureMatrix } from "./features.js";
import { type CategoryIndex, categoryIndex, fillSkipTable, SingleBlocks } from "./prune.js";
import type { Units } from "./units.js";

/**
 * Exchange search ("local maximum" of anticlust, Weitz & Lakshminarayanan 1998) over units:
 * for each unit in turn, the best improving swap with an equally large unit of another class is made;
 * each keep-together group also tries to trade places with as many single students of another class.
 * Passes repeat until none improves. Class sizes never change, so capacities hold throughout.
 */

/**
 * Smallest swap gain worth taking. Features are standardized, so this is scale-free: 1e-5 is far below
 * a 0.001-SD change of one class mean (≈ n·1e-6 ≥ 2e-5 for n ≥ 20); it also guarantees termination.
 */
const EPSILON = 1e-5;
const MAX_PASSES = 200;

interface State {
  classOf: Int32Array;
  /** Class feature sums, row-major by class. */
  sums: Float64Array;
  invSize: Float64Array;
}

export interface SearchInput {
  features: FeatureMatrix;
  units: Units;
  targets: number[];
  /** Skip hopeless (class, category) blocks; on by default, off only to test that it changes nothing. */
  prune?: boolean;
}

/** Unit feature sums, row-major by unit. */
function unitFeatures({ features, units }: SearchInput): Float64Array {
  const F = features.count;
  const out = new Float64Array(units.members.length * F);
  units.members.forEach((ms, u) => {
    for (const i of ms) for (let f = 0; f < F; f++) out[u * F + f]! += features.values[i * F + f]!;
  });
  return out;
}

/** Objective from scratch, in fixed order: Σ_c Σ_f w_f S_cf² / n_c. */
export function objective(sums: Float64Array, invSize: Float64Array, weights: Float64Array): number {
  const F = weights.length;
  let total = 0;
  for (let c = 0; c < invSize.length; c++) {
    let j = 0;
    for (let f = 0; f < F; f++) j += weights[f]! * sums[c * F + f]! * sums[c * F + f]!;
    total += j * invSize[c]!;
  }
  return total;
}

function initState(input: SearchInput, X: Float64Array, classOf: Int32Array): State {
  const F = input.features.count;
  const K = input.targets.length;
  const sums = new Float64Array(K * F);
  const sizes = new Float64Array(K);
  for (let u = 0; u < classOf.length; u++) {
    const c = classOf[u]!;
    sizes[c]! += input.units.members[u]!.length;
    for (let f = 0; f < F; f++) sums[c * F + f]! += X[u * F + f]!;
  }
  return { classOf, sums, invSize: sizes.map((s) => (s > 0 ? 1 / s : 0)) };
}

/** May unit u join class `to`, given that the units in `leaving` leave `to` at the same time? */
function apartAllows(units: Units, classOf: Int32Array, u: number, to: number, leaving: readonly number[]): boolean {
  const partners = units.apart[u]!;
  for (let i = 0; i < partners.length; i++) {
    const p = partners[i]!;
    if (classOf[p] === to && !leaving.includes(p)) return false;
  }
  return true;
}

/** apartAllows for a swap of u and v, without allocating (indexed loops: this runs in the hot loop). */
function swapAllowed(units: Units, classOf: Int32Array, u: number, v: number): boolean {
  const pu = units.apart[u]!;
  const pv = units.apart[v]!;
  if (pu.length === 0 && pv.length === 0) return true;
  const a = classOf[u]!;
  const b = classOf[v]!;
  for (let i = 0; i < pu.length; i++) if (pu[i] !== v && classOf[pu[i]!] === b) return false;
  for (let i = 0; i < pv.length; i++) if (pv[i] !== u && classOf[pv[i]!] === a) return false;
  return true;
}

/** Change of the objective when feature vector d moves from class b to class a (d added to a, taken from b). */
function transferDelta(st: State, w: Float64Array, F: number, d: Float64Array, a: number, b: number): number {
  let da = 0;
  let db = 0;
  for (let f = 0; f < F; f++) {
    const x = d[f]!;
    da += w[f]! * (2 * st.sums[a * F + f]! * x + x * x);
    db += w[f]! * (-2 * st.sums[b * F + f]! * x + x * x);
  }
  return da * st.invSize[a]! + db * st.invSize[b]!;
}

function applyTransfer(st: State, F: number, d: Float64Array, a: number, b: number): void {
  for (let f = 0; f < F; f++) {
    st.sums[a * F + f]! += d[f]!;
    st.sums[b * F + f]! -= d[f]!;
  }
}

interface SwapTerms {
  coef: Float64Array;
  scale: Float64Array;
  constant: Float64Array;
  norms: Float64Array;
  skip: Uint8Array;
}

/** Objective change of swapping the current u with v of class b (see swapPass); small enough to be inlined. */
function swapDelta(X: Float64Array, F: number, v: number, b: number, t: SwapTerms): number {
  let delta = t.scale[b]! * t.norms[v]! + t.constant[b]!;
  const xo = v * F;
  const co = b * F;
  for (let f = 0; f < F; f++) delta += X[xo + f]! * t.coef[co + f]!;
  return delta;
}

/** The partner of u among equally large units (groups) with the most negative change that keep-apart allows, or -1. */
function bestPartner(
  units: Units,
  X: Float64Array,
  F: number,
  partners: Int32Array,
  classOf: Int32Array,
  u: number,
  t: SwapTerms,
): number {
  const a = classOf[u]!;
  let best = -EPSILON;
  let bestV = -1;
  for (let k = 0; k < partners.length; k++) {
    const v = partners[k]!;
    const b = classOf[v]!;
    if (b === a) continue;
    const delta = swapDelta(X, F, v, b, t);
    if ((delta < best || (delta === best && v < bestV)) && swapAllowed(units, classOf, u, v)) {
      best = delta;
      bestV = v;
    }
  }
  return bestV;
}

/**
 * The hot loop for a single student u: other classes' singles, block by category, skipping hopeless
 * blocks. Exact ties go to the lowest unit number in both searches, so the visiting order never matters.
 */
function bestSingle(
  units: Units,
  X: Float64Array,
  F: number,
  blocks: SingleBlocks,
  classOf: Int32Array,
  u: number,
  t: SwapTerms,
): number {
  const a = classOf[u]!;
  const C = blocks.categories;
  const K = t.scale.length;
  let best = -EPSILON;
  let bestV = -1;
  for (let b = 0; b < K; b++) {
    if (b === a) continue;
    for (let c = 0; c < C; c++) {
      if (t.skip[b * (C + 1) + c] === 1) continue;
      const list = blocks.lists[b * C + c]!;
      for (let k = 0; k < list.length; k++) {
        const v = list[k]!;
        const delta = swapDelta(X, F, v, b, t);
        if ((delta < best || (delta === best && v < bestV)) && swapAllowed(units, classOf, u, v)) {
          best = delta;
          bestV = v;
        }
      }
    }
  }
  return bestV;
}

/**
 * One pass of best-improvement swaps between equally large units; returns whether anything improved.
 * With d = x_v − x_u, class means M_c = S_c / n_c and s_b = 1/n_a + 1/n_b, swapping u (class a) with
 * v (class b) changes the objective by 2·Σ_f w_f d_f (M_af − M_bf) + s_b·Σ_f w_f d_f². Expanding d
 * leaves, per partner, one dot product x_v · coef_b plus s_b·|x_v|²_w + const_b, where coef_b and
 * const_b depend only on u and b and are computed once per u.
 */
function swapPass(
  input: SearchInput,
  X: Float64Array,
  partnersOf: (u: number) => Int32Array,
  categories: CategoryIndex,
  st: State,
): boolean {
  const { units } = input;
  const F = input.features.count;
  const w = input.features.weights;
  const K = input.targets.length;
  const classOf = st.classOf;
  const U = units.members.length;
  const norms = new Float64Array(U);
  for (let u = 0; u < U; u++) for (let f = 0; f < F; f++) norms[u]! += w[f]! * X[u * F + f]! * X[u * F + f]!;
  const means = new Float64Array(K * F);
  const refreshMeans = (c: number) => {
    for (let f = 0; f < F; f++) means[c * F + f] = st.sums[c * F + f]! * st.invSize[c]!;
  };
  for (let c = 0; c < K; c++) refreshMeans(c);
  const coef = new Float64Array(K * F);
  const constant = new Float64Array(K);
  const scale = new Float64Array(K);
  const scoreBound = new Float64Array(K);
  const skip = new Uint8Array(K * (categories.count + 1));
  const terms = { coef, scale, constant, norms, skip };
  const blocks = new SingleBlocks(categories, classOf, K);
  const d = new Float64Array(F);
  const categorical = input.features.categorical;
  let improved = false;
  for (let u = 0; u < U; u++) {
    const a = classOf[u]!;
    for (let b = 0; b < K; b++) {
      const sb = st.invSize[a]! + st.invSize[b]!;
      let c0 = sb * norms[u]!;
      let bound = 0;
      for (let f = 0; f < F; f++) {
        const dm = means[a * F + f]! - means[b * F + f]!;
        const wdm = w[f]! * dm;
        coef[b * F + f] = 2 * wdm - 2 * sb * w[f]! * X[u * F + f]!;
        c0 -= 2 * X[u * F + f]! * wdm;
        if (!categorical[f]) bound -= (wdm * dm) / sb;
      }
      constant[b] = c0;
      scale[b] = sb;
      scoreBound[b] = bound;
    }
    fillSkipTable(skip, categories, scoreBound, { means, invSize: st.invSize, weights: w, F }, u, a);
    const single = categories.of[u]! < categories.count;
    const bestV = single
      ? bestSingle(units, X, F, blocks, classOf, u, terms)
      : bestPartner(units, X, F, partnersOf(u), classOf, u, terms);
    if (bestV < 0) continue;
    const b = classOf[bestV]!;
    for (let f = 0; f < F; f++) d[f] = X[bestV * F + f]! - X[u * F + f]!;
    applyTransfer(st, F, d, a, b);
    refreshMeans(a);
    refreshMeans(b);
    if (single) {
      blocks.move(u, a, b);
      blocks.move(bestV, b, a);
    }
    classOf[u] = b;
    classOf[bestV] = a;
    improved = true;
  }
  return improved;
}

/**
 * A group of k students in class a trades places with k single students of class b, chosen greedily one
 * by one (each the single that best completes the trade). The best improving class b is taken.
 */
function blockPass(input: SearchInput, X: Float64Array, singles: number[], st: State): boolean {
  const { units, targets } = input;
  const F = input.features.count;
  const w = input.features.weights;
  const d = new Float64Array(F);
  const singlesIn: number[][] = targets.map(() => []);
  for (const p of singles) singlesIn[st.classOf[p]!]!.push(p);
  let improved = false;
  for (let g = 0; g < units.members.length; g++) {
    const k = units.members[g]!.length;
    if (k < 2) continue;
    const a = st.classOf[g]!;
    let best = -EPSILON;
    let bestPick: number[] = [];
    for (let b = 0; b < targets.length; b++) {
      if (b === a) continue;
      const pick = pickSingles(input, X, singlesIn[b]!, st, { g, a, b });
      if (pick.length < k || !apartAllows(units, st.classOf, g, b, pick)) continue;
      for (let f = 0; f < F; f++) {
        d[f] = -X[g * F + f]!;
        for (const p of pick) d[f]! += X[p * F + f]!;
      }
      const delta = transferDelta(st, w, F, d, a, b);
      if (delta < best) {
        best = delta;
        bestPick = pick;
      }
    }
    if (bestPick.length === 0) continue;
    const b = st.classOf[bestPick[0]!]!;
    for (let f = 0; f < F; f++) {
      d[f] = -X[g * F + f]!;
      for (const p of bestPick) d[f]! += X[p * F + f]!;
    }
    applyTransfer(st, F, d, a, b);
    st.classOf[g] = b;
    for (const p of bestPick) st.classOf[p] = a;
    singlesIn[b] = singlesIn[b]!.filter((p) => !bestPick.includes(p));
    singlesIn[a]!.push(...bestPick);
    improved = true;
  }
  return improved;
}

/** Greedy choice of the single students of class b (`candidates`) that trade places with group g. */
function pickSingles(
  input: SearchInput,
  X: Float64Array,
  candidates: number[],
  st: State,
  move: { g: number; a: number; b: number },
): number[] {
  const { g, a, b } = move;
  const F = input.features.count;
  const w = input.features.weights;
  const k = input.units.members[g]!.length;
  // Running trade vector: what class a gains (and class b loses).
  const trade = new Float64Array(F);
  for (let f = 0; f < F; f++) trade[f] = -X[g * F + f]!;
  const d = new Float64Array(F);
  const pick: number[] = [];
  const leaving = [g];
  while (pick.length < k) {
    let best = Number.POSITIVE_INFINITY;
    let bestP = -1;
    for (const p of candidates) {
      if (pick.includes(p) || !apartAllows(input.units, st.classOf, p, a, leaving)) continue;
      for (let f = 0; f < F; f++) d[f] = trade[f]! + X[p * F + f]!;
      const delta = transferDelta(st, w, F, d, a, b);
      if (delta < best) {
        best = delta;
        bestP = p;
      }
    }
    if (bestP < 0) return pick;
    pick.push(bestP);
    for (let f = 0; f < F; f++) trade[f]! += X[bestP * F + f]!;
  }
  return pick;
}

export interface SearchOutcome {
  classOf: Int32Array;
  objective: number;
  passes: number;
}

/** Partners of a unit: the units of the same size (ascending), and the list of single students. */
function partnerLists(units: Units) {
  const lists = new Map<number, number[]>();
  units.members.forEach((ms, u) => {
    const list = lists.get(ms.length) ?? [];
    list.push(u);
    lists.set(ms.length, list);
  });
  const bySize = new Map([...lists].map(([size, list]) => [size, Int32Array.from(list)] as const));
  return { partnersOf: (u: number) => bySize.get(units.members[u]!.length)!, singles: lists.get(1) ?? [] };
}

/** Runs exchange passes from a start until a local optimum; the start array is not modified. */
export function localSearch(input: SearchInput, start: Int32Array): SearchOutcome {
  const X = unitFeatures(input);
  const st = initState(input, X, Int32Array.from(start));
  const { partnersOf, singles } = partnerLists(input.units);
  const categories = categoryIndex(input.features, X, input.units, input.prune !== false);
  let passes = 0;
  let improved = true;
  while (improved && passes < MAX_PASSES) {
    passes += 1;
    const swapped = swapPass(input, X, partnersOf, categories, st);
    const moved = blockPass(input, X, singles, st);
    improved = swapped || moved;
  }
  // Recompute from scratch so the reported value does not carry incremental rounding.
  const fresh = initState(input, X, st.classOf);
  return { classOf: st.classOf, objective: objective(fresh.sums, fresh.invSize, input.features.weights), passes };
}
