import fc from "fast-check";
import type { TableRows } from "../model.js";

export interface RandomRoster {
  table: TableRows;
  classCount: number;
  capacity: number;
  /** True when the roster has no groups or keep-apart pairs, so gender counts can always differ by ≤ 1. */
  plain: boolean;
}

const HEADER = ["学号", "姓名", "性别", "语文", "数学", "住校", "同班组", "分开"];

/** Builds table rows (Chinese headers) from per-student fields; ids are S001, S002 … */
export function rosterTable(
  students: { male: boolean; chinese: number; math: number; boarding: boolean; group?: string; apart?: string }[],
): TableRows {
  const rows = students.map((s, i) => ({
    row: i + 2,
    cells: [
      `S${String(i + 1).padStart(3, "0")}`,
      `学生${i + 1}`,
      s.male ? "男" : "女",
      String(s.chinese),
      String(s.math),
      s.boarding ? "是" : "",
      s.group ?? "",
      s.apart ?? "",
    ],
  }));
  return { rows: [{ row: 1, cells: HEADER }, ...rows] };
}

const student = fc.record({
  male: fc.boolean(),
  chinese: fc.integer({ min: 0, max: 150 }),
  math: fc.integer({ min: 0, max: 300 }).map((x) => x / 2),
  boarding: fc.boolean(),
});

/**
 * Random rosters of 2–6 classes with 0–3 seats of slack, a few sibling groups (2–3 students) and disjoint
 * keep-apart pairs. Feasible by construction: a hidden round-robin assignment (even sizes, as the
 * placement uses) keeps every group inside one class and every pair across two.
 */
export const randomRoster: fc.Arbitrary<RandomRoster> = fc
  .record({
    classCount: fc.integer({ min: 2, max: 6 }),
    perClass: fc.integer({ min: 6, max: 14 }),
    slack: fc.integer({ min: 0, max: 3 }),
    groups: fc.integer({ min: 0, max: 3 }),
    pairs: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer(),
  })
  .chain(({ classCount, perClass, slack, groups, pairs }) => {
    const n = classCount * perClass - slack;
    return fc.record({
      students: fc.array(student, { minLength: n, maxLength: n }),
      order: fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      groupSizes: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: groups, maxLength: groups }),
      classCount: fc.constant(classCount),
      capacity: fc.constant(perClass + slack),
      pairs: fc.constant(pairs),
    });
  })
  .map(({ students, order, groupSizes, classCount, capacity, pairs }) => {
    const rows = students.map((s) => ({ ...s, group: "", apart: "" }));
    // Hidden class of the student at position p of `order`: p mod classCount.
    const free = Array.from({ length: classCount }, (_, c) => order.filter((_, p) => p % classCount === c));
    groupSizes.forEach((size, g) => {
      const pool = free[g % classCount]!;
      if (pool.length < size) return;
      for (let m = 0; m < size; m++) rows[pool.pop()!]!.group = `G${g + 1}`;
    });
    for (let p = 0; p < pairs; p++) {
      const [from, to] = [free[p % classCount]!, free[(p + 1) % classCount]!];
      if (from.length === 0 || to.length === 0) break;
      const a = from.pop()!;
      const b = to.pop()!;
      rows[a]!.apart = `S${String(b + 1).padStart(3, "0")}`;
    }
    return { table: rosterTable(rows), classCount, capacity, plain: groupSizes.length === 0 && pairs === 0 };
  });
