import type { Roster } from "./model.js";

/**
 * Balancing features, after the k-plus anticlustering objective (Papenberg 2024): per score the value
 * and its squared deviation from the roster mean (so class means *and* spreads are evened out), then one
 * indicator per gender and tag. Every feature is centred, so a class's feature sum S measures its
 * deviation from the roster, and the objective Σ_c Σ_f w_f · S_cf² / n_c (the between-class sum of
 * squares) is 0 for perfectly balanced classes.
 *
 * Standardizing is done through the weights: w_f = weight / variance_f, which equals standardizing each
 * feature to unit variance but needs no square root. Only +, −, ×, ÷ (exact under IEEE 754 on every
 * platform) enter the search, all reductions run in roster order (sorted by id), so every decision is
 * bit-identical across machines.
 */
export interface FeatureMatrix {
  /** Row-major: student i, feature f at i * count + f. */
  values: Float64Array;
  weights: Float64Array;
  count: number;
  /** Per feature: an indicator (gender, tag) rather than a score. */
  categorical: boolean[];
}

/**
 * Counts of boys/girls and of tagged students are what people check first and can only move in whole
 * students, so their weights are high enough that a swap fixing a count outweighs any score change a
 * single swap can cause in a small class; scores are then balanced among the swaps that keep counts.
 */
const WEIGHT_MEAN = 1;
const WEIGHT_SPREAD = 1;
const WEIGHT_GENDER = 32;
const WEIGHT_TAG = 16;

function mean(xs: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}

/** The column minus its mean, and its (population) variance. */
function centre(xs: Float64Array): { values: Float64Array; variance: number } {
  const m = mean(xs);
  const values = xs.map((x) => x - m);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += values[i]! * values[i]!;
  return { values, variance: ss / values.length };
}

export function buildFeatures(roster: Roster): FeatureMatrix {
  const students = roster.students;
  const n = students.length;
  const columns: { values: Float64Array; weight: number; categorical: boolean }[] = [];
  /** Adds a centred column weighted by weight / variance; a constant column carries nothing and is dropped. */
  const add = (raw: Float64Array, weight: number, categorical = false) => {
    const c = centre(raw);
    if (!(c.variance > 1e-12)) return null;
    columns.push({ values: c.values, weight: weight / c.variance, categorical });
    return c;
  };
  roster.scoreNames.forEach((_, s) => {
    const c = add(
      Float64Array.from(students, (st) => st.scores[s]!),
      WEIGHT_MEAN,
    );
    // Squared standardized deviation z² = (x − mean)² / variance: its class mean is the class's variance.
    if (c)
      add(
        c.values.map((v) => (v * v) / c.variance),
        WEIGHT_SPREAD,
      );
  });
  add(
    Float64Array.from(students, (st) => (st.gender === "M" ? 1 : 0)),
    WEIGHT_GENDER,
    true,
  );
  for (const tag of roster.tagNames) {
    add(
      Float64Array.from(students, (st) => (st.tags.includes(tag) ? 1 : 0)),
      WEIGHT_TAG,
      true,
    );
  }
  const count = columns.length;
  const values = new Float64Array(n * count);
  columns.forEach((col, f) => {
    for (let i = 0; i < n; i++) values[i * count + f] = col.values[i]!;
  });
  return {
    values,
    weights: Float64Array.from(columns, (c) => c.weight),
    count,
    categorical: columns.map((c) => c.categorical),
  };
}

/**
 * Strata: students of the same gender and tags share a category (one integer per combination); the key
 * is a composite score (sum over scores of the deviation from the mean divided by the score's range).
 * The seeded start deals like students across classes.
 */
export function strata(roster: Roster): { category: Int32Array; key: Float64Array } {
  const students = roster.students;
  const key = new Float64Array(students.length);
  roster.scoreNames.forEach((_, s) => {
    const xs = Float64Array.from(students, (st) => st.scores[s]!);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const x of xs) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    const m = mean(xs);
    if (hi > lo) for (let i = 0; i < xs.length; i++) key[i]! += (xs[i]! - m) / (hi - lo);
  });
  // Gender is the major key, so all girls are dealt before all boys; at most 20 tags make the code.
  const tagBits = Math.min(roster.tagNames.length, 20);
  const category = Int32Array.from(students, (st) => {
    let code = st.gender === "M" ? 1 : 0;
    for (let t = 0; t < tagBits; t++) code = code * 2 + (st.tags.includes(roster.tagNames[t]!) ? 1 : 0);
    return code;
  });
  return { category, key };
}
