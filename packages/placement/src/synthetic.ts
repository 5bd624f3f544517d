import type { TableRows } from "./model.js";
import { Xoshiro128 } from "./prng.js";

export interface SyntheticOptions {
  students: number;
  seed: string;
  scores?: string[];
  tags?: { name: string; rate: number }[];
  /** Sibling groups of two or three students kept together. */
  groups?: number;
  apartPairs?: number;
}

/** Approximately normal score on 0..max (Irwin–Hall sum of six uniforms), in half points. */
function score(rng: Xoshiro128, max: number): number {
  let u = 0;
  for (let i = 0; i < 6; i++) u += rng.nextUint32() / 0x100000000;
  const x = Math.min(max, Math.max(0, (u / 6) * max));
  return Math.round(x * 2) / 2;
}

/**
 * A seeded synthetic roster as a table with Chinese headers (学号, 姓名, 性别, scores, 住校, 特殊需要,
 * 同班组, 分开) — the same path as a real file. For tests, demos and the bench.
 */
export function syntheticRosterRows(options: SyntheticOptions): TableRows {
  const rng = Xoshiro128.fromSeed(options.seed, "synthetic-roster");
  const scores = options.scores ?? ["语文", "数学"];
  const tags = options.tags ?? [
    { name: "住校", rate: 0.2 },
    { name: "特殊需要", rate: 0.03 },
  ];
  const n = options.students;
  const ids = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(5, "0")}`);
  const group = new Array<string>(n).fill("");
  const apart: string[][] = ids.map(() => []);
  const order = rng.shuffle(ids.map((_, i) => i));
  let next = 0;
  for (let g = 0; g < (options.groups ?? 0) && next + 3 <= n; g++) {
    const size = 2 + rng.nextInt(2);
    for (let m = 0; m < size; m++) group[order[next++]!] = `G${g + 1}`;
  }
  for (let p = 0; p < (options.apartPairs ?? 0) && next + 2 <= n; p++) {
    const a = order[next++]!;
    const b = order[next++]!;
    apart[a]!.push(ids[b]!);
  }
  const header = ["序号", "学号", "姓名", "性别", ...scores, ...tags.map((t) => t.name), "同班组", "分开"];
  const rows = ids.map((id, i) => {
    const cells = [
      String(i + 1),
      id,
      `学生${i + 1}`,
      rng.nextInt(2) === 0 ? "男" : "女",
      ...scores.map(() => String(score(rng, 150))),
      ...tags.map((t) => (rng.nextUint32() / 0x100000000 < t.rate ? "是" : "")),
      group[i]!,
      apart[i]!.join("、"),
    ];
    return { row: i + 2, cells };
  });
  return { rows: [{ row: 1, cells: header }, ...rows] };
}
