import { describe, expect, it } from "vitest";
import { runPlacement } from "./placement.js";
import { preparePlacement } from "./prepare.js";
import { parseRosterRows } from "./roster-rows.js";
import { snakeAssignment } from "./snake.js";
import { evaluateAssignment } from "./stats.js";
import { syntheticRosterRows } from "./synthetic.js";

describe("S-shape baseline", () => {
  it("deals students by total score 1..k, k..1, skipping full classes", () => {
    const rows = [["学号", "姓名", "性别", "总分"]];
    for (let i = 1; i <= 7; i++) rows.push([`S${i}`, `学生${i}`, "男", String(100 - i)]);
    const { roster } = parseRosterRows({ rows: rows.map((cells, i) => ({ row: i + 1, cells })) });
    // S1..S7 by score: classes 1,2,3,3,2,1,1 — but class 1 holds only 2.
    expect([...snakeAssignment(roster, [2, 3, 3])]).toEqual([0, 1, 2, 2, 1, 0, 1]);
  });
});

describe("balanced placement against the S-shape", () => {
  for (const seed of ["a", "b", "c"]) {
    it(`has at most a fifth of the S-shape's largest mean difference (synthetic roster ${seed})`, () => {
      const students = syntheticRosterRows({ students: 400, seed, groups: 8, apartPairs: 6 });
      const { roster, params } = preparePlacement({ students, classCount: 10 });
      const ours = runPlacement(roster, params, "01 02 03").result.balance;
      const snake = evaluateAssignment(roster, snakeAssignment(roster, params.capacities), params.capacities).report;
      for (let s = 0; s < ours.scores.length; s++) {
        expect(ours.scores[s]!.maxMeanDiff).toBeLessThanOrEqual(snake.scores[s]!.maxMeanDiff / 5);
        expect(ours.scores[s]!.maxMeanDiffPercent).toBeLessThan(0.5);
      }
      expect(ours.maxGenderDiff).toBeLessThanOrEqual(1);
      expect(ours.tags.every((t) => t.maxDiff <= 1)).toBe(true);
      expect(ours.constraints.groupsTogether && ours.constraints.apartRespected).toBe(true);
    });
  }
});
