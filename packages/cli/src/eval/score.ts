/**
 * A faithful TypeScript port of shared/corpus/score.mjs (same folding, unit canonicalisation,
 * greedy matching and metrics), split into counting and reporting so that several documents
 * can be micro-averaged: sum their counts, then report once.
 */

/** The loose JSON of SCHEMA.md as gold files and parser output hold it. */
export interface ScoredDocument {
  plans?: ScoredPlan[];
}
interface ScoredPlan {
  title?: unknown;
  tasks?: ScoredTask[];
}
interface ScoredTask {
  no?: unknown;
  title?: unknown;
  path?: unknown[];
  units?: unknown[];
  deadlines?: { date?: unknown; kind?: unknown }[];
  targets?: ScoredTarget[];
}
interface ScoredTarget {
  op?: unknown;
  value?: unknown;
  min?: unknown;
  max?: unknown;
  unit?: unknown;
}

export interface Tally {
  tp: number;
  pred: number;
  gold: number;
}

export interface ScoreCounts {
  plans: Tally;
  tasks: Tally;
  pathOk: number;
  unitListOk: number;
  units: Tally;
  deadlines: Tally;
  targets: Tally;
  opOk: number;
  opN: number;
}

export interface F1 {
  p: number;
  r: number;
  f1: number;
  tp: number;
  pred: number;
  gold: number;
}

/** The object `score.mjs --json` prints, key for key. */
export interface ScoreReport {
  plans: F1;
  tasks: F1;
  path_accuracy: number;
  units_exact_accuracy: number;
  units: F1;
  deadlines: F1;
  targets: F1;
  target_op_accuracy: number;
}

const text = (s: unknown) => String(s ?? "");

export const fold = (s: unknown): string =>
  text(s)
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]/gu, "");

// Units compare leniently: "93万平方米" = 930000 m2, "个百分点" = "百分点", "家(个)" = "家".
const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

export function canonicalUnit(u: unknown): { unit: string; factor: number } {
  let unit = text(u)
    .normalize("NFKC")
    .replace(/\s/g, "")
    .replace(/\([^)]*\)/g, "");
  let factor = 1;
  const m = MULTIPLIERS[unit[0] ?? ""];
  if (m && unit.length > 1) {
    factor = m;
    unit = unit.slice(1);
  }
  if (unit.length > 2 && unit.startsWith("个")) unit = unit.slice(1);
  unit = unit.replace(/^平方米$/, "m2");
  return { unit, factor };
}

const num = (x: unknown, factor = 1): string =>
  x === null || x === undefined || x === "" ? "" : String(Number((Number(x) * factor).toPrecision(9)));

function f1({ tp, pred, gold }: Tally): F1 {
  const p = pred ? tp / pred : gold ? 0 : 1;
  const r = gold ? tp / gold : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, pred, gold };
}

/** Greedy in-order matching of two lists by a predicate. */
function matchLists<A, B>(a: readonly A[], b: readonly B[], same: (x: A, y: B) => boolean): [A, B][] {
  const used = new Set<number>();
  const pairs: [A, B][] = [];
  for (const x of a) {
    const j = b.findIndex((y, k) => !used.has(k) && same(x, y));
    if (j >= 0) {
      used.add(j);
      pairs.push([x, b[j] as B]);
    }
  }
  return pairs;
}

/** Multiset intersection size of two key lists. */
function overlap(ka: readonly string[], kb: readonly string[]): number {
  const m = new Map<string, number>();
  for (const k of kb) m.set(k, (m.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of ka) {
    const c = m.get(k) ?? 0;
    if (c > 0) {
      n++;
      m.set(k, c - 1);
    }
  }
  return n;
}

const sameTitle = (a: unknown, b: unknown): boolean => {
  const x = fold(a);
  const y = fold(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  return l.startsWith(s) && s.length / l.length >= 0.8;
};
const sameTask = (g: ScoredTask, p: ScoredTask) => fold(g.no) === fold(p.no) && sameTitle(g.title, p.title);

/** Level-1 (一、) and level-2 ((一)) headings of a path, folded. */
const levels = (path: unknown[] | undefined): string[] =>
  (path ?? [])
    .map((h) => String(h).normalize("NFKC").trim())
    .filter((h) => /^[一二三四五六七八九十百]+、/.test(h) || /^\([一二三四五六七八九十百]+\)/.test(h))
    .map(fold);

const deadlineKey = (d: { date?: unknown; kind?: unknown }) => `${d.date ?? ""}|${d.kind ?? "by"}`;
const targetKey = (t: ScoredTarget) => {
  const { unit, factor } = canonicalUnit(t.unit);
  return `${num(t.value, factor)}|${num(t.min, factor)}|${num(t.max, factor)}|${unit}`;
};

const tally = (): Tally => ({ tp: 0, pred: 0, gold: 0 });

export function emptyCounts(): ScoreCounts {
  return {
    plans: tally(),
    tasks: tally(),
    pathOk: 0,
    unitListOk: 0,
    units: tally(),
    deadlines: tally(),
    targets: tally(),
    opOk: 0,
    opN: 0,
  };
}

/** Counts one document's matches; accuracies are later taken over all gold tasks. */
export function scoreCounts(gold: ScoredDocument, pred: ScoredDocument): ScoreCounts {
  const c = emptyCounts();
  const goldPlans = gold.plans ?? [];
  const predPlans = pred.plans ?? [];
  const planPairs = matchLists(goldPlans, predPlans, (g, p) => fold(g.title) === fold(p.title));
  c.plans = { tp: planPairs.length, pred: predPlans.length, gold: goldPlans.length };

  // Items of every task count, matched or not: a missed task misses its units, deadlines and targets.
  const countItems = (plans: ScoredPlan[], side: "gold" | "pred") => {
    for (const p of plans)
      for (const t of p.tasks ?? []) {
        c.tasks[side]++;
        c.units[side] += (t.units ?? []).length;
        c.deadlines[side] += (t.deadlines ?? []).length;
        c.targets[side] += (t.targets ?? []).length;
      }
  };
  countItems(goldPlans, "gold");
  countItems(predPlans, "pred");

  for (const [gp, pp] of planPairs) {
    const taskPairs = matchLists(gp.tasks ?? [], pp.tasks ?? [], sameTask);
    c.tasks.tp += taskPairs.length;
    for (const [gt, pt] of taskPairs) {
      const gl = levels(gt.path);
      const pl = levels(pt.path);
      if (gl.length === pl.length && gl.every((h, i) => h === pl[i])) c.pathOk++;

      const gu = (gt.units ?? []).map(fold);
      const pu = (pt.units ?? []).map(fold);
      if (gu.length === pu.length && gu.every((u, i) => u === pu[i])) c.unitListOk++;
      c.units.tp += overlap(pu, gu);

      c.deadlines.tp += overlap((pt.deadlines ?? []).map(deadlineKey), (gt.deadlines ?? []).map(deadlineKey));

      const tPairs = matchLists(gt.targets ?? [], pt.targets ?? [], (a, b) => targetKey(a) === targetKey(b));
      c.targets.tp += tPairs.length;
      for (const [a, b] of tPairs) {
        c.opN++;
        if (a.op === b.op) c.opOk++;
      }
    }
  }
  return c;
}

const addTally = (a: Tally, b: Tally): Tally => ({ tp: a.tp + b.tp, pred: a.pred + b.pred, gold: a.gold + b.gold });

export function addCounts(a: ScoreCounts, b: ScoreCounts): ScoreCounts {
  return {
    plans: addTally(a.plans, b.plans),
    tasks: addTally(a.tasks, b.tasks),
    pathOk: a.pathOk + b.pathOk,
    unitListOk: a.unitListOk + b.unitListOk,
    units: addTally(a.units, b.units),
    deadlines: addTally(a.deadlines, b.deadlines),
    targets: addTally(a.targets, b.targets),
    opOk: a.opOk + b.opOk,
    opN: a.opN + b.opN,
  };
}

const ratio = (a: number, b: number) => (b ? a / b : 1);

export function toReport(c: ScoreCounts): ScoreReport {
  return {
    plans: f1(c.plans),
    tasks: f1(c.tasks),
    path_accuracy: ratio(c.pathOk, c.tasks.gold),
    units_exact_accuracy: ratio(c.unitListOk, c.tasks.gold),
    units: f1(c.units),
    deadlines: f1(c.deadlines),
    targets: f1(c.targets),
    target_op_accuracy: ratio(c.opOk, c.opN),
  };
}

export function scoreDocument(gold: ScoredDocument, pred: ScoredDocument): ScoreReport {
  return toReport(scoreCounts(gold, pred));
}
