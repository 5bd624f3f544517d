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
 * Random rosters of 2–6 classes with slack in capacity, a few sibling groups (2–3 students) and
 * disjoint keep-apart pairs among the other students — always feasible with even class sizes.
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
    let next = 0;
    groupSizes.forEach((size, g) => {
      for (let m = 0; m < size; m++) rows[order[next++]!]!.group = `G${g + 1}`;
    });
    for (let p = 0; p < pairs && next + 1 < order.length; p++) {
      const a = order[next++]!;
      const b = order[next++]!;
      rows[a]!.apart = `S${String(b + 1).padStart(3, "0")}`;
    }
    return { table: rosterTable(rows), classCount, capacity, plain: groupSizes.length === 0 && pairs === 0 };
  });
