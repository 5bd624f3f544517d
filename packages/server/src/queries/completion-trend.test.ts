import { describe, expect, it } from "vitest";
import { completionTrend, periodEndMonth, type TrendReport } from "./completion-trend.js";

describe("periodEndMonth", () => {
  it("maps every cadence's period to the month it ends in", () => {
    expect(periodEndMonth("2024-05")).toBe("2024-05");
    expect(periodEndMonth("2024-Q2")).toBe("2024-06");
    expect(periodEndMonth("2024-H1")).toBe("2024-06");
    expect(periodEndMonth("2024-H2")).toBe("2024-12");
    expect(periodEndMonth("2024")).toBe("2024-12");
  });
});

const report = (task_id: string, org_id: string, period: string, status: TrendReport["status"], at = "01") => ({
  task_id,
  org_id,
  period,
  status,
  submitted_at: `2024-12-${at}T00:00:00Z`,
});

describe("completionTrend", () => {
  const assignments = [
    { taskId: "t1", orgId: "a" },
    { taskId: "t1", orgId: "b" },
  ];
  const months = ["2024-01", "2024-02", "2024-03", "2024-04"];

  it("counts an assignment done from the month its latest report says so, and undone when a later one does not", () => {
    const trend = completionTrend(
      [
        report("t1", "a", "2024-02", "done"),
        report("t1", "a", "2024-04", "blocked"),
        report("t1", "b", "2024-03", "done"),
        report("t1", "b", "2024-01", "in_progress"),
      ],
      assignments,
      months,
    );
    expect(trend.map((p) => p.completionRate)).toEqual([0, 0.5, 1, 0.5]);
    expect(trend.map((p) => p.reports)).toEqual([1, 1, 1, 1]);
  });

  it("takes the later submission of the same period, ignores reports of unassigned units and an empty plan", () => {
    const trend = completionTrend(
      [
        report("t1", "a", "2024-01", "done", "01"),
        report("t1", "a", "2024-01", "in_progress", "02"),
        report("t1", "x", "2024-01", "done"),
      ],
      assignments,
      months.slice(0, 1),
    );
    expect(trend).toEqual([{ month: "2024-01", reports: 3, completionRate: 0 }]);
    expect(completionTrend([], [], months)[3]).toEqual({ month: "2024-04", reports: 0, completionRate: 0 });
  });

  it("places quarterly and yearly periods at the month they end", () => {
    const trend = completionTrend(
      [report("t1", "a", "2024-Q1", "done"), report("t1", "b", "2024", "done")],
      assignments,
      ["2024-02", "2024-03", "2024-12"],
    );
    expect(trend.map((p) => p.completionRate)).toEqual([0, 0.5, 1]);
  });
});
