import { describe, expect, it } from "vitest";
import { isDoubtful, reviewOrder } from "./review-order";

describe("reviewOrder", () => {
  it("lists the least sure tasks first and keeps document order among equally sure ones", () => {
    const tasks = [
      { seq: 0, confidence: 1 },
      { seq: 1, confidence: 0.6 },
      { seq: 2 },
      { seq: 3, confidence: 0.85 },
      { seq: 4, confidence: 0.6 },
    ];
    expect(reviewOrder(tasks).map((t) => t.seq)).toEqual([1, 4, 3, 0, 2]);
    expect(tasks.map((t) => t.seq)).toEqual([0, 1, 2, 3, 4]);
  });
  it("marks a task below full confidence as doubtful (a task without one counts as sure)", () => {
    expect(isDoubtful({ seq: 0, confidence: 0.85 })).toBe(true);
    expect(isDoubtful({ seq: 0, confidence: 1 })).toBe(false);
    expect(isDoubtful({ seq: 0 })).toBe(false);
  });
});
