import { describe, expect, it } from "vitest";
import { duePeriods, periodLabel } from "./due-periods.js";
import { brokenRule, DEFAULT_REPORT_RULES, reportRulesOf } from "./report-rules.js";

describe("due periods", () => {
  it("the plan's year up to today's period, newest first, never a future one", () => {
    expect(duePeriods("monthly", 2026, "2026-05-20")).toEqual(["2026-05", "2026-04", "2026-03", "2026-02", "2026-01"]);
    expect(duePeriods("quarterly", 2026, "2026-05-20")).toEqual(["2026-Q2", "2026-Q1"]);
    expect(duePeriods("half_year", 2026, "2026-07-01")).toEqual(["2026-H2", "2026-H1"]);
    expect(duePeriods("yearly", null, "2026-07-01")).toEqual(["2026"]);
    expect(duePeriods("quarterly", 2025, "2026-01-02")).toEqual(["2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"]);
    expect(duePeriods("monthly", 2027, "2026-12-31")).toEqual([]);
  });

  it("labels periods as people say them", () => {
    expect(["2026-05", "2026-Q2", "2026-H1", "2026-H2", "2026"].map(periodLabel)).toEqual([
      "2026年5月",
      "2026年第2季度",
      "2026年上半年",
      "2026年下半年",
      "2026年度",
    ]);
  });
});

describe("report rules", () => {
  const untouched = { status: "in_progress" as const, narrative: "", fileCount: 0 };
  it("the defaults refuse an untouched form (no words), whitespace included", () => {
    expect(reportRulesOf({})).toEqual(DEFAULT_REPORT_RULES);
    expect(brokenRule(DEFAULT_REPORT_RULES, untouched)).toBe("REPORT_NARRATIVE_REQUIRED");
    expect(brokenRule(DEFAULT_REPORT_RULES, { ...untouched, narrative: " \n " })).toBe("REPORT_NARRATIVE_REQUIRED");
    expect(brokenRule(DEFAULT_REPORT_RULES, { ...untouched, narrative: "已启动" })).toBeNull();
  });

  it("a plan may ask for words only when blocked, and evidence when done or always", () => {
    const lenient = reportRulesOf({ narrative: "when_blocked" });
    expect(brokenRule(lenient, untouched)).toBeNull();
    expect(brokenRule(lenient, { ...untouched, status: "blocked" })).toBe("REPORT_NARRATIVE_REQUIRED");
    const proof = reportRulesOf({ evidence: "when_done" });
    const done = { status: "done" as const, narrative: "完成", fileCount: 0 };
    expect(brokenRule(proof, done)).toBe("REPORT_EVIDENCE_REQUIRED");
    expect(brokenRule(proof, { ...done, fileCount: 1 })).toBeNull();
    expect(brokenRule(proof, { ...done, status: "in_progress" })).toBeNull();
    expect(brokenRule(reportRulesOf({ evidence: "always" }), { ...done, status: "in_progress" })).toBe(
      "REPORT_EVIDENCE_REQUIRED",
    );
  });
});
