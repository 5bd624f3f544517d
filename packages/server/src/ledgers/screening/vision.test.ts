import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyEye, classifyVision, lowVisionOf, sphericalEquivalent, toFivePoint } from "./vision.js";

const SEVEN = 7 * 12;
const eye = (va: number | null, se: number | null) => ({ va, se });

describe("visual acuity notations", () => {
  it("reads the 5-point chart as is and converts decimal by L = 5 + lg V", () => {
    expect(toFivePoint(5.0)).toBe(5.0);
    expect(toFivePoint(4.9)).toBe(4.9);
    expect(toFivePoint(5.3)).toBe(5.3);
    expect(toFivePoint(4.0)).toBe(4.0);
    expect(toFivePoint(1.0)).toBe(5.0);
    expect(toFivePoint(1.5)).toBe(5.2);
    expect(toFivePoint(0.8)).toBe(4.9);
    expect(toFivePoint(0.6)).toBe(4.8);
    expect(toFivePoint(0.5)).toBe(4.7);
    expect(toFivePoint(0.4)).toBe(4.6);
    expect(toFivePoint(0.3)).toBe(4.5);
    expect(toFivePoint(0.1)).toBe(4.0);
  });

  it("refuses values in neither notation", () => {
    for (const v of [0, -1, 2.5, 5.4, 12, Number.NaN]) expect(toFivePoint(v)).toBeNull();
  });

  it("grades 视力不良: 4.9 轻度, 4.6–4.8 中度, ≤ 4.5 重度", () => {
    expect(lowVisionOf(5.0)).toBe("none");
    expect(lowVisionOf(4.9)).toBe("mild");
    expect(lowVisionOf(4.8)).toBe("moderate");
    expect(lowVisionOf(4.6)).toBe("moderate");
    expect(lowVisionOf(4.5)).toBe("severe");
  });

  it("computes SE = sphere + cylinder / 2", () => {
    expect(sphericalEquivalent(-0.25, -0.5)).toBe(-0.5);
    expect(sphericalEquivalent(-1.0, -0.75)).toBe(-1.375);
    expect(sphericalEquivalent(0.5, -1)).toBe(0);
  });
});

describe("筛查性近视", () => {
  it("needs VA < 5.0 and SE ≤ −0.50 at age 6 or more, at the boundaries", () => {
    expect(classifyEye(eye(4.9, -0.5), SEVEN).result).toBe("myopic");
    expect(classifyEye(eye(4.9, -0.25), SEVEN).result).toBe("not_myopic");
    expect(classifyEye(eye(5.0, -0.5), SEVEN).result).toBe("not_myopic");
    expect(classifyEye(eye(5.0, -3), SEVEN).result).toBe("not_myopic");
    expect(classifyEye(eye(4.9, -0.5), 71).result).toBe("undetermined");
    expect(classifyEye(eye(4.9, -0.5), 72).result).toBe("myopic");
  });

  it("takes the strict comparator when the rule version says so", () => {
    expect(classifyEye(eye(4.9, -0.5), SEVEN, "lt").result).toBe("not_myopic");
    expect(classifyEye(eye(4.9, -0.51), SEVEN, "lt").result).toBe("myopic");
  });

  it("leaves VA < 5.0 without refraction undecided and VA ≥ 5.0 decided", () => {
    expect(classifyEye(eye(4.8, null), SEVEN).result).toBe("undetermined");
    expect(classifyEye(eye(5.1, null), SEVEN).result).toBe("not_myopic");
    expect(classifyEye(eye(null, -1), SEVEN).result).toBe("undetermined");
  });

  it("counts a student myopic when either eye is, and an OK-lens wearer as myopic", () => {
    const base = { ageMonths: SEVEN, glasses: "none" as const };
    expect(classifyVision({ ...base, left: eye(5.0, 0), right: eye(4.7, -1.25) }).myopic).toBe(true);
    expect(classifyVision({ ...base, left: eye(4.7, null), right: eye(4.7, -1.25) }).myopic).toBe(true);
    expect(classifyVision({ ...base, left: eye(5.0, 0), right: eye(5.1, null) }).myopic).toBe(false);
    expect(classifyVision({ ...base, left: eye(5.0, 0), right: eye(4.8, null) }).myopic).toBeNull();
    const ok = classifyVision({ ...base, glasses: "ortho_k", left: eye(null, null), right: eye(null, null) });
    expect(ok.myopic).toBe(true);
    expect(ok.explanation).toContain("OK镜");
  });

  it("explains which eye met which part of the rule", () => {
    const r = classifyVision({ ageMonths: SEVEN, glasses: "none", left: eye(4.8, -0.75), right: eye(5.0, 0) });
    expect(r.explanation).toBe("左眼：裸眼视力 4.8 < 5.0，等效球镜 -0.75D 满足 ≤ −0.50D；右眼：裸眼视力 5.0 ≥ 5.0");
    expect(r.rule).toContain("适宜技术指南");
  });

  it("a worse eye (lower VA, more negative SE) never turns myopic into not myopic", () => {
    const va = fc.integer({ min: 30, max: 53 }).map((n) => n / 10);
    const se = fc.integer({ min: -40, max: 16 }).map((n) => n / 4);
    fc.assert(
      fc.property(va, se, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 8 }), (v, s, dv, ds) => {
        const a = classifyEye(eye(v, s), SEVEN).result;
        const b = classifyEye(eye(Math.max(3, v - dv / 10), s - ds / 4), SEVEN).result;
        if (a === "myopic") expect(b).toBe("myopic");
      }),
    );
  });
});
