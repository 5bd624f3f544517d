/**
 * A faithful TypeScript port of shared/corpus/score.mjs (same folding, unit canonicalisation,
 * greedy matching and metrics), split into counting and reporting so that several documents
 * can be micro-averaged: sum their counts, then report once. Pass a `misses` array to get one
 * line per miss ("plan › task 5 path: gold […] ≠ predicted […]"), e.g. for a test's message.
 */

/** The loose JSON of SCHEMA.md as gold files and parser output hold it. */
export interface ScoredDocument {
  plans?: ScoredPlan[];
}
export interface ScoredPlan {
  title?: unknown;
  year?: unknown;
  tasks?: ScoredTask[];
}
export interface ScoredTask {
  no?: unknown;
  title?: unknown;
  path?: unknown[];
  units?: unknown[];
  deadlines?: ScoredDeadline[];
  targets?: ScoredTarget[];
}
export interface ScoredDeadline {
  text?: unknown;
  date?: unknown;
  kind?: unknown;
}
export interface ScoredTarget {
  text?: unknown;
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

export const deadlineKey = (d: ScoredDeadline): string => `${d.date ?? ""}|${d.kind ?? "by"}`;
export const targetKey = (t: ScoredTarget): string => {
  const { unit, factor } = canonicalUnit(t.unit);
  return `${num(t.value, factor)}|${num(t.min, factor)}|${num(t.max, factor)}|${unit}`;
};

const show = (x: unknown) => JSON.stringify(x);
const showTarget = (t: ScoredTarget) =>
  `${t.op} ${t.value ?? `${t.min}-${t.max}`}${t.unit}${t.text ? ` «${t.text}»` : ""}`;
const showDeadlines = (ds: ScoredDeadline[]) => show(ds.map((d) => `${d.text}=${d.date}/${d.kind}`));

/** Keys of `a` not matched (as a multiset) by keys of `b`. */
function missing<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const m = new Map<string, number>();
  for (const x of b) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return a.filter((x) => {
    const c = m.get(key(x)) ?? 0;
    if (c > 0) m.set(key(x), c - 1);
    return c === 0;
  });
}

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

/**
 * Counts one document's matches; accuracies are later taken over all gold tasks.
 * When `misses` is given, one line per miss is pushed onto it.
 */
export function scoreCounts(gold: ScoredDocument, pred: ScoredDocument, misses?: string[]): ScoreCounts {
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

  if (misses) {
    for (const g of goldPlans)
      if (!planPairs.some(([x]) => x === g))
        misses.push(`plan missed: ${show(g.title)} (predicted plans: ${show(predPlans.map((p) => p.title))})`);
    for (const p of predPlans)
      if (!planPairs.some(([, y]) => y === p))
        misses.push(`extra plan: ${show(p.title)} (${p.tasks?.length ?? 0} tasks)`);
  }

  for (const [gp, pp] of planPairs) {
    const where = (t: ScoredTask) => `${gp.title} › task ${t.no} ${t.title}`;
    const taskPairs = matchLists(gp.tasks ?? [], pp.tasks ?? [], sameTask);
    c.tasks.tp += taskPairs.length;
    if (misses) {
      for (const t of gp.tasks ?? []) if (!taskPairs.some(([x]) => x === t)) misses.push(`${where(t)}: task missed`);
      for (const t of pp.tasks ?? [])
        if (!taskPairs.some(([, y]) => y === t)) misses.push(`${gp.title} › extra task ${show(t.no)} ${show(t.title)}`);
    }
    for (const [gt, pt] of taskPairs) {
      const gl = levels(gt.path);
      const pl = levels(pt.path);
      if (gl.length === pl.length && gl.every((h, i) => h === pl[i])) c.pathOk++;
      else misses?.push(`${where(gt)} path: gold ${show(gt.path)} ≠ predicted ${show(pt.path)}`);

      const gu = (gt.units ?? []).map(fold);
      const pu = (pt.units ?? []).map(fold);
      if (gu.length === pu.length && gu.every((u, i) => u === pu[i])) c.unitListOk++;
      else misses?.push(`${where(gt)} units: gold ${show(gt.units)} ≠ predicted ${show(pt.units)}`);
      c.units.tp += overlap(pu, gu);

      const gd = gt.deadlines ?? [];
      const pd = pt.deadlines ?? [];
      c.deadlines.tp += overlap(pd.map(deadlineKey), gd.map(deadlineKey));
      if (misses && (missing(gd, pd, deadlineKey).length || missing(pd, gd, deadlineKey).length))
        misses.push(`${where(gt)} deadlines: gold ${showDeadlines(gd)} ≠ predicted ${showDeadlines(pd)}`);

      const gtg = gt.targets ?? [];
      const ptg = pt.targets ?? [];
      const tPairs = matchLists(gtg, ptg, (a, b) => targetKey(a) === targetKey(b));
      c.targets.tp += tPairs.length;
      for (const [a, b] of tPairs) {
        c.opN++;
        if (a.op === b.op) c.opOk++;
        else misses?.push(`${where(gt)} op: gold ${showTarget(a)} ≠ predicted ${showTarget(b)}`);
      }
      if (misses) {
        const tMissed = gtg.filter((x) => !tPairs.some(([a]) => a === x));
        const tExtra = ptg.filter((x) => !tPairs.some(([, b]) => b === x));
        if (tMissed.length || tExtra.length)
          misses.push(
            `${where(gt)} targets: missed ${show(tMissed.map(showTarget))}, extra ${show(tExtra.map(showTarget))}`,
          );
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

/** Scores one document; when `misses` is given, one line per miss is pushed onto it. */
export function scoreDocument(gold: ScoredDocument, pred: ScoredDocument, misses?: string[]): ScoreReport {
  return toReport(scoreCounts(gold, pred, misses));
}
