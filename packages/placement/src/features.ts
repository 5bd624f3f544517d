import type { Roster } from "./model.js";

/**
 * Balancing features, after the k-plus anticlustering objective (Papenberg 2024): per score the
 * standardized value z and its standardized squared deviation z² (so class means *and* spreads are
 * evened out), then one indicator per gender and tag. Every feature is centred, so a class's feature
 * sum S measures its deviation from the roster, and the objective Σ_c Σ_f w_f · S_cf² / n_c
 * (the between-class sum of squares) is 0 for perfectly balanced classes.
 *
 * All reductions run in roster order (sorted by id), so the numbers are the same on every run.
 */
export interface FeatureMatrix {
  /** Row-major: student i, feature f at i * count + f. */
  values: Float64Array;
  weights: Float64Array;
  count: number;
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

/** Centres and scales a column to unit variance; a constant column carries no information and is dropped. */
export function standardize(xs: Float64Array): Float64Array | null {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) * (xs[i]! - mean);
  const sd = Math.sqrt(ss / n);
  if (!(sd > 1e-12)) return null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (xs[i]! - mean) / sd;
  return out;
}

export function buildFeatures(roster: Roster): FeatureMatrix {
  const students = roster.students;
  const n = students.length;
  const columns: { values: Float64Array; weight: number }[] = [];
  const add = (raw: Float64Array, weight: number) => {
    const z = standardize(raw);
    if (z) columns.push({ values: z, weight });
    return z;
  };
  roster.scoreNames.forEach((_, s) => {
    const z = add(
      Float64Array.from(students, (st) => st.scores[s]!),
      WEIGHT_MEAN,
    );
    if (z)
      add(
        z.map((v) => v * v),
        WEIGHT_SPREAD,
      );
  });
  add(
    Float64Array.from(students, (st) => (st.gender === "M" ? 1 : 0)),
    WEIGHT_GENDER,
  );
  for (const tag of roster.tagNames) {
    add(
      Float64Array.from(students, (st) => (st.tags.includes(tag) ? 1 : 0)),
      WEIGHT_TAG,
    );
  }
  const count = columns.length;
  const values = new Float64Array(n * count);
  columns.forEach((col, f) => {
    for (let i = 0; i < n; i++) values[i * count + f] = col.values[i]!;
  });
  return { values, weights: Float64Array.from(columns, (c) => c.weight), count };
}

/**
 * Strata: students of the same gender and tags share a category (one integer per combination); the key
 * is the composite score (sum of standardized scores). The seeded start deals like students across classes.
 */
export function strata(roster: Roster): { category: Int32Array; key: Float64Array } {
  const students = roster.students;
  const key = new Float64Array(students.length);
  roster.scoreNames.forEach((_, s) => {
    const z = standardize(Float64Array.from(students, (st) => st.scores[s]!));
    if (z) for (let i = 0; i < z.length; i++) key[i]! += z[i]!;
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
