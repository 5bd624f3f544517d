import { describe, expect, it } from "vitest";
import { indicatorOption, monthEnd, sectionOption, trendOption, unitOption, warningOption } from "./chart-options";

const counts = { total: 3, done: 1, inProgress: 1, blocked: 0, notStarted: 1, overdue: 0 };

describe("dashboard chart options", () => {
  it("draw without tweening, so 'finished' (the charts-ready mark) means the final picture", () => {
    const options = [
      sectionOption([{ ...counts, section: "一" }]),
      unitOption([
        { orgId: "o", orgName: "一中", total: 2, done: 1, inProgress: 1, blocked: 0, completionRate: 0.5, overdue: 0 },
      ]),
      warningOption({ green: 1, yellow: 1, red: 1 }),
      indicatorOption({ attained: 1, missed: 0, unknown: 2, items: [] }),
      trendOption([{ month: "2024-03", reports: 2, completionRate: 0.3 }]),
    ];
    for (const option of options) expect(option.animation).toBe(false);
  });

  it("monthEnd gives the last day of the month", () => {
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2023-12")).toBe("2023-12-31");
  });
});
