import type { Assignment, Roster, Student } from "./model.js";
import { compareCodeUnits } from "./model.js";

/** The S-shape order key: 总分 when the roster has one, else the sum of all scores. */
export function totalScore(roster: Roster, s: Student): number {
  if (roster.totalScore !== null) return s.scores[roster.totalScore]!;
  let sum = 0;
  for (const x of s.scores) sum += x;
  return sum;
}

/**
 * S-shaped (蛇形) baseline: students sorted by total score (high to low, ties by id) are dealt to classes
 * 1..k, k..1, 1..k …, skipping full classes. It ignores keep-together and keep-apart rules, as the manual
 * method does before hand corrections.
 */
export function snakeAssignment(roster: Roster, capacities: number[]): Assignment {
  const k = capacities.length;
  const order = roster.students
    .map((s, i) => ({ i, key: totalScore(roster, s), id: s.id }))
    .sort((a, b) => b.key - a.key || compareCodeUnits(a.id, b.id));
  const assignment = new Int32Array(roster.students.length);
  const sizes = new Array<number>(k).fill(0);
  let step = 0;
  for (const { i } of order) {
    let c = -1;
    while (c < 0) {
      const round = Math.floor(step / k);
      const pos = step % k;
      const candidate = round % 2 === 0 ? pos : k - 1 - pos;
      step += 1;
      if (sizes[candidate]! < capacities[candidate]!) c = candidate;
    }
    assignment[i] = c;
    sizes[c]! += 1;
  }
  return assignment;
}
