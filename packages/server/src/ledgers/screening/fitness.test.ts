import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyFitness, FITNESS_WEIGHTS, type FitnessGrade, gradeGroupOf, gradeOfTotal } from "./fitness.js";

const RANK: Record<FitnessGrade, number> = { fail: 0, pass: 1, good: 2, excellent: 3 };

describe("国家学生体质健康标准 grades", () => {
  it("bands 学年总分 at every boundary", () => {
    expect(gradeOfTotal(90.0).grade).toBe("excellent");
    expect(gradeOfTotal(89.9).grade).toBe("good");
    expect(gradeOfTotal(80.0).grade).toBe("good");
    expect(gradeOfTotal(79.9).grade).toBe("pass");
    expect(gradeOfTotal(60.0).grade).toBe("pass");
    expect(gradeOfTotal(59.9).grade).toBe("fail");
    expect(gradeOfTotal(0).grade).toBe("fail");
    expect(gradeOfTotal(120).grade).toBe("excellent");
    // One decimal: 89.95 is stored as 90.0.
    expect(gradeOfTotal(89.95).grade).toBe("excellent");
  });

  it("weights each grade group's items to 100 %", () => {
    for (const weights of Object.values(FITNESS_WEIGHTS))
      expect(Object.values(weights).reduce((s, w) => s + w, 0)).toBe(100);
    expect(gradeGroupOf(1)).toBe("primary_1_2");
    expect(gradeGroupOf(4)).toBe("primary_3_4");
    expect(gradeGroupOf(6)).toBe("primary_5_6");
    expect(gradeGroupOf(7)).toBe("secondary");
    expect(gradeGroupOf(12)).toBe("secondary");
  });

  it("computes 标准分 from item scores and adds 附加分 capped at 20", () => {
    const r = classifyFitness({
      grade: 1,
      itemScores: { bmi: 100, vital_capacity: 80, sprint_50m: 90, sit_and_reach: 76, rope_skipping: 100 },
      bonus: 3,
      total: null,
    });
    // 15 + 12 + 18 + 22.8 + 20 = 87.8
    expect(r.standardScore).toBe(87.8);
    expect(r.total).toBe(90.8);
    expect(r.grade).toBe("excellent");
    expect(r.explanation).toContain("坐位体前屈 76×30%");
    const capped = classifyFitness({
      grade: 1,
      itemScores: { bmi: 100, vital_capacity: 100, sprint_50m: 100, sit_and_reach: 100, rope_skipping: 100 },
      bonus: 35,
      total: null,
    });
    expect(capped.total).toBe(120);
  });

  it("falls back to the imported total when item scores are incomplete, and grades nothing without either", () => {
    const r = classifyFitness({ grade: 8, itemScores: { bmi: 100 }, bonus: null, total: 79.9 });
    expect(r.grade).toBe("pass");
    expect(r.standardScore).toBeNull();
    expect(classifyFitness({ grade: 8, itemScores: {}, bonus: null, total: null }).grade).toBeNull();
  });

  it("a higher item score never lowers the grade", () => {
    const score = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(score, { minLength: 7, maxLength: 7 }),
        fc.nat(6),
        fc.nat(40),
        (grade, scores, i, more) => {
          const items = Object.keys(FITNESS_WEIGHTS[gradeGroupOf(grade)]);
          const a = Object.fromEntries(items.map((k, j) => [k, scores[j]!]));
          const key = items[i % items.length]!;
          const b = { ...a, [key]: Math.min(100, a[key]! + more) };
          const ga = classifyFitness({ grade, itemScores: a, bonus: null, total: null }).grade!;
          const gb = classifyFitness({ grade, itemScores: b, bonus: null, total: null }).grade!;
          expect(RANK[gb]).toBeGreaterThanOrEqual(RANK[ga]);
        },
      ),
    );
  });
});
