import { describe, expect, it } from "vitest";
import { sanitizeSheetName, uniqueSheetNames } from "./sheet-names.js";

describe("sheet names", () => {
  it("replaces the characters Excel forbids and ASCII apostrophes", () => {
    expect(sanitizeSheetName("a[b]c:d*e?f/g\\h")).toBe("a b c d e f g h");
    expect(sanitizeSheetName("'计划'")).toBe("’计划’");
    expect(sanitizeSheetName("Tom's plan")).toBe("Tom’s plan");
    expect(sanitizeSheetName("\u0001")).toBe("计划");
    expect(sanitizeSheetName("History")).toBe("计划");
  });

  it("cuts to 31 characters without splitting a surrogate pair", () => {
    expect(sanitizeSheetName("关于印发2024年全市教育和体育工作要点的通知及任务分解表附件")).toHaveLength(31);
    const emoji = `${"a".repeat(30)}😀`;
    expect(sanitizeSheetName(emoji)).toBe("a".repeat(30));
  });

  it("makes duplicates unique case-insensitively within 31 characters", () => {
    const long = "很".repeat(40);
    expect(uniqueSheetNames(["计划", "计划", "Plan", "plan", long, long])).toEqual([
      "计划",
      "计划(2)",
      "Plan",
      "plan(2)",
      "很".repeat(31),
      `${"很".repeat(28)}(2)`,
    ]);
  });
});
