import type { Assignment, Roster } from "./model.js";

export interface ScoreStat {
  name: string;
  mean: number;
  sd: number;
}

export interface ClassStats {
  /** Class number, 1-based. */
  classNo: number;
  capacity: number;
  size: number;
  male: number;
  female: number;
  scores: ScoreStat[];
  tags: { name: string; count: number }[];
}

export interface ConstraintCheck {
  allPlacedOnce: boolean;
  capacitiesRespected: boolean;
  groupsTogether: boolean;
  apartRespected: boolean;
  /** Keep-together groups split over classes, and keep-apart pairs sharing a class. */
  splitGroups: number;
  apartViolations: number;
}

export interface BalanceReport {
  scores: { name: string; range: number; maxMeanDiff: number; maxMeanDiffPercent: number; maxSdDiff: number }[];
  maxSizeDiff: number;
  maxGenderDiff: number;
  tags: { name: string; maxDiff: number }[];
  constraints: ConstraintCheck;
}

const spread = (xs: number[]) => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs));

/** Student indices per class, each list in roster order. */
export function classMembers(assignment: Assignment, classCount: number): number[][] {
  const out: number[][] = Array.from({ length: classCount }, () => []);
  assignment.forEach((c, i) => {
    out[c]?.push(i);
  });
  return out;
}

/**
 * Mean and population SD, summed in the given (roster) order. Math.sqrt is the one operation beyond
 * + − × ÷ in the published figures; IEEE 754 requires it correctly rounded and every engine uses the
 * hardware instruction. The placement itself never depends on it (see features.ts).
 */
function meanSd(xs: number[]): { mean: number; sd: number } {
  if (xs.length === 0) return { mean: 0, sd: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, sd: Math.sqrt(ss / xs.length) };
}

export function classStatistics(roster: Roster, classes: number[][], capacities: number[]): ClassStats[] {
  return classes.map((members, c) => {
    const students = members.map((i) => roster.students[i]!);
    const male = students.filter((s) => s.gender === "M").length;
    return {
      classNo: c + 1,
      capacity: capacities[c] ?? 0,
      size: students.length,
      male,
      female: students.length - male,
      scores: roster.scoreNames.map((name, k) => ({ name, ...meanSd(students.map((s) => s.scores[k]!)) })),
      tags: roster.tagNames.map((name) => ({ name, count: students.filter((s) => s.tags.includes(name)).length })),
    };
  });
}

export function checkConstraints(roster: Roster, classes: number[][], capacities: number[]): ConstraintCheck {
  const n = roster.students.length;
  const classOf = new Int32Array(n).fill(-1);
  let placedTwice = false;
  classes.forEach((members, c) => {
    for (const i of members) {
      if (classOf[i] !== -1) placedTwice = true;
      classOf[i] = c;
    }
  });
  const allPlacedOnce = !placedTwice && classOf.every((c) => c >= 0);
  const groupClasses = new Map<string, Set<number>>();
  roster.students.forEach((s, i) => {
    if (s.group === "") return;
    const set = groupClasses.get(s.group) ?? new Set<number>();
    set.add(classOf[i]!);
    groupClasses.set(s.group, set);
  });
  const splitGroups = [...groupClasses.values()].filter((set) => set.size > 1).length;
  const index = new Map(roster.students.map((s, i) => [s.id, i] as const));
  let apartViolations = 0;
  roster.students.forEach((s, i) => {
    for (const other of s.apart) {
      const j = index.get(other);
      // Each pair is listed on both rows; count it once.
      if (j !== undefined && i < j && classOf[i] === classOf[j]) apartViolations += 1;
    }
  });
  return {
    allPlacedOnce,
    capacitiesRespected: classes.every((m, c) => m.length <= (capacities[c] ?? 0)),
    groupsTogether: splitGroups === 0,
    apartRespected: apartViolations === 0,
    splitGroups,
    apartViolations,
  };
}

export function balanceReport(roster: Roster, stats: ClassStats[], constraints: ConstraintCheck): BalanceReport {
  return {
    scores: roster.scoreNames.map((name, k) => {
      const values = roster.students.map((s) => s.scores[k]!);
      const range = spread(values);
      const maxMeanDiff = spread(stats.map((c) => c.scores[k]!.mean));
      return {
        name,
        range,
        maxMeanDiff,
        maxMeanDiffPercent: range > 0 ? (maxMeanDiff / range) * 100 : 0,
        maxSdDiff: spread(stats.map((c) => c.scores[k]!.sd)),
      };
    }),
    maxSizeDiff: spread(stats.map((c) => c.size)),
    maxGenderDiff: Math.max(spread(stats.map((c) => c.male)), spread(stats.map((c) => c.female))),
    tags: roster.tagNames.map((name, t) => ({ name, maxDiff: spread(stats.map((c) => c.tags[t]!.count)) })),
    constraints,
  };
}

/** Statistics and balance report of any assignment (ours or the S-shape baseline). */
export function evaluateAssignment(roster: Roster, assignment: Assignment, capacities: number[]) {
  const classes = classMembers(assignment, capacities.length);
  const stats = classStatistics(roster, classes, capacities);
  return { classes, stats, report: balanceReport(roster, stats, checkConstraints(roster, classes, capacities)) };
}

/** Rounds every number in a plain-data tree to 4 decimals, so published figures are short and exact. */
export function roundNumbers<T>(value: T): T {
  const scale = 10000;
  const walk = (v: unknown): unknown => {
    if (typeof v === "number") return Math.round(v * scale) / scale;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
