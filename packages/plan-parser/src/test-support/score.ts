/**
 * A minimal port of shared/corpus/score.mjs for this package's tests (same folding, unit
 * canonicalisation, greedy matching and metrics), plus a list of the individual misses so a
 * failing test says which task went wrong. The CLI keeps its own port (packages/cli/src/eval);
 * this one lives here so the parser's tests do not depend on a package that depends on them.
 */

export interface GoldDeadline {
  text?: string;
  date?: string | null;
  kind?: string;
}
export interface GoldTarget {
  text?: string;
  op?: string;
  value?: number | null;
  min?: number | null;
  max?: number | null;
  unit?: string;
}
export interface GoldTask {
  no?: string;
  path?: string[];
  title?: string;
  units?: string[];
  deadlines?: GoldDeadline[];
  targets?: GoldTarget[];
}
export interface GoldPlan {
  title?: string;
  year?: number | null;
  tasks?: GoldTask[];
}
export interface GoldDocument {
  plans?: GoldPlan[];
}

export interface F1 {
  p: number;
  r: number;
  f1: number;
  tp: number;
  pred: number;
  gold: number;
}

export interface Metrics {
  plans: F1;
  tasks: F1;
  path: number;
  unitsExact: number;
  units: F1;
  deadlines: F1;
  targets: F1;
  op: number;
}

export interface Scored {
  metrics: Metrics;
  /** One line per miss: "plan › task 5 path: gold […] ≠ predicted […]". */
  misses: string[];
}

export const fold = (s: unknown): string =>
  String(s ?? "")
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]/gu, "");

const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

export function canonicalUnit(u: unknown): { unit: string; factor: number } {
  let unit = String(u ?? "")
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

const f1 = (tp: number, pred: number, gold: number): F1 => {
  const p = pred ? tp / pred : gold ? 0 : 1;
  const r = gold ? tp / gold : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, pred, gold };
};

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
const sameTask = (g: GoldTask, p: GoldTask) => fold(g.no) === fold(p.no) && sameTitle(g.title, p.title);

const levels = (path: unknown[] | undefined): string[] =>
  (path ?? [])
    .map((h) => String(h).normalize("NFKC").trim())
    .filter((h) => /^[一二三四五六七八九十百]+、/.test(h) || /^\([一二三四五六七八九十百]+\)/.test(h))
    .map(fold);

export const deadlineKey = (d: GoldDeadline): string => `${d.date ?? ""}|${d.kind ?? "by"}`;
export const targetKey = (t: GoldTarget): string => {
  const { unit, factor } = canonicalUnit(t.unit);
  return `${num(t.value, factor)}|${num(t.min, factor)}|${num(t.max, factor)}|${unit}`;
};

const show = (x: unknown) => JSON.stringify(x);
const showTarget = (t: GoldTarget) =>
  `${t.op} ${t.value ?? `${t.min}-${t.max}`}${t.unit}${t.text ? ` «${t.text}»` : ""}`;

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

export function score(gold: GoldDocument, pred: GoldDocument): Scored {
  const misses: string[] = [];
  const goldPlans = gold.plans ?? [];
  const predPlans = pred.plans ?? [];
  const planPairs = matchLists(goldPlans, predPlans, (g, p) => fold(g.title) === fold(p.title));
  const c = { tasks: [0, 0, 0], units: [0, 0, 0], deadlines: [0, 0, 0], targets: [0, 0, 0] } as Record<
    "tasks" | "units" | "deadlines" | "targets",
    [number, number, number]
  >;
  let pathOk = 0;
  let unitListOk = 0;
  let opOk = 0;
  let opN = 0;
  const countItems = (plans: GoldPlan[], side: 1 | 2) => {
    for (const p of plans)
      for (const t of p.tasks ?? []) {
        c.tasks[side]++;
        c.units[side] += (t.units ?? []).length;
        c.deadlines[side] += (t.deadlines ?? []).length;
        c.targets[side] += (t.targets ?? []).length;
      }
  };
  countItems(goldPlans, 2);
  countItems(predPlans, 1);

  for (const g of goldPlans)
    if (!planPairs.some(([x]) => x === g))
      misses.push(`plan missed: ${show(g.title)} (predicted plans: ${show(predPlans.map((p) => p.title))})`);
  for (const p of predPlans)
    if (!planPairs.some(([, y]) => y === p))
      misses.push(`extra plan: ${show(p.title)} (${p.tasks?.length ?? 0} tasks)`);

  for (const [gp, pp] of planPairs) {
    const where = (t: GoldTask) => `${gp.title} › task ${t.no} ${t.title}`;
    const taskPairs = matchLists(gp.tasks ?? [], pp.tasks ?? [], sameTask);
    c.tasks[0] += taskPairs.length;
    for (const t of gp.tasks ?? []) if (!taskPairs.some(([x]) => x === t)) misses.push(`${where(t)}: task missed`);
    for (const t of pp.tasks ?? [])
      if (!taskPairs.some(([, y]) => y === t)) misses.push(`${gp.title} › extra task ${show(t.no)} ${show(t.title)}`);
    for (const [gt, pt] of taskPairs) {
      const gl = levels(gt.path);
      const pl = levels(pt.path);
      if (gl.length === pl.length && gl.every((h, i) => h === pl[i])) pathOk++;
      else misses.push(`${where(gt)} path: gold ${show(gt.path)} ≠ predicted ${show(pt.path)}`);

      const gu = (gt.units ?? []).map(fold);
      const pu = (pt.units ?? []).map(fold);
      if (gu.length === pu.length && gu.every((u, i) => u === pu[i])) unitListOk++;
      else misses.push(`${where(gt)} units: gold ${show(gt.units)} ≠ predicted ${show(pt.units)}`);
      c.units[0] += overlap(pu, gu);

      const gd = gt.deadlines ?? [];
      const pd = pt.deadlines ?? [];
      c.deadlines[0] += overlap(pd.map(deadlineKey), gd.map(deadlineKey));
      const dMissed = missing(gd, pd, deadlineKey);
      const dExtra = missing(pd, gd, deadlineKey);
      if (dMissed.length || dExtra.length)
        misses.push(
          `${where(gt)} deadlines: gold ${show(gd.map((d) => `${d.text}=${d.date}/${d.kind}`))} ≠ predicted ${show(
            pd.map((d) => `${d.text}=${d.date}/${d.kind}`),
          )}`,
        );

      const gtg = gt.targets ?? [];
      const ptg = pt.targets ?? [];
      const tPairs = matchLists(gtg, ptg, (a, b) => targetKey(a) === targetKey(b));
      c.targets[0] += tPairs.length;
      for (const [a, b] of tPairs) {
        opN++;
        if (a.op === b.op) opOk++;
        else misses.push(`${where(gt)} op: gold ${showTarget(a)} ≠ predicted ${showTarget(b)}`);
      }
      const tMissed = gtg.filter((x) => !tPairs.some(([a]) => a === x));
      const tExtra = ptg.filter((x) => !tPairs.some(([, b]) => b === x));
      if (tMissed.length || tExtra.length)
        misses.push(
          `${where(gt)} targets: missed ${show(tMissed.map(showTarget))}, extra ${show(tExtra.map(showTarget))}`,
        );
    }
  }
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  const goldTasks = c.tasks[2];
  return {
    metrics: {
      plans: f1(planPairs.length, predPlans.length, goldPlans.length),
      tasks: f1(...c.tasks),
      path: ratio(pathOk, goldTasks),
      unitsExact: ratio(unitListOk, goldTasks),
      units: f1(...c.units),
      deadlines: f1(...c.deadlines),
      targets: f1(...c.targets),
      op: ratio(opOk, opN),
    },
    misses,
  };
}

/** The thresholds of "Done" (tasks/targets/deadlines are F1). */
export const DONE = {
  plans: 1,
  tasks: 0.99,
  path: 0.97,
  unitsExact: 0.98,
  deadlines: 0.95,
  targets: 0.9,
  op: 0.98,
} as const;
