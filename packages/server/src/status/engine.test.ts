import { describe, expect, it } from "vitest";
import { computeStatuses, latestReportAsOf, type ReportFact, taskStatusOf, warningLevelOf } from "./engine.js";
import { DEFAULT_RULES } from "./rules.js";

describe("taskStatusOf", () => {
  it("is the worst of the task's statuses, done only when all are done", () => {
    expect(taskStatusOf(["done", "normal", "warning"])).toBe("warning");
    expect(taskStatusOf(["done", "overdue", "warning"])).toBe("overdue");
    expect(taskStatusOf(["done", "normal"])).toBe("normal");
    expect(taskStatusOf(["done", "done"])).toBe("done");
    expect(taskStatusOf([])).toBeNull();
  });
});

describe("warningLevelOf", () => {
  it("colours overdue red, warning yellow and the rest green", () => {
    expect(warningLevelOf("overdue")).toBe("red");
    expect(warningLevelOf("warning")).toBe("yellow");
    expect(warningLevelOf("normal")).toBe("green");
    expect(warningLevelOf("done")).toBe("green");
    expect(warningLevelOf(null)).toBe("green");
  });
});

describe("latestReportAsOf", () => {
  const r = (period: string, submittedAt: string, percent: number): ReportFact => ({
    period,
    status: "in_progress",
    percent,
    submittedAt,
    submittedOn: submittedAt.slice(0, 10),
  });
  it("takes the highest period among reports submitted by the day, then the latest submission", () => {
    const reports = [r("2024-03", "2024-03-02T01:00:00Z", 30), r("2024-02", "2024-03-05T01:00:00Z", 20)];
    expect(latestReportAsOf(reports, "2024-03-01")).toBeNull();
    expect(latestReportAsOf(reports, "2024-03-04")?.percent).toBe(30);
    expect(latestReportAsOf([...reports, r("2024-03", "2024-03-06T01:00:00Z", 35)], "2024-03-10")?.percent).toBe(35);
  });
});

describe("computeStatuses", () => {
  const plan = { id: "p", year: 2024, cadence: "monthly" as const, publishedOn: "2024-03-01", rules: DEFAULT_RULES };
  const facts = {
    plans: [plan],
    assignments: [
      { region_id: "r", id: "a1", task_id: "t", org_id: "o1", plan_id: "p", latest: null },
      {
        region_id: "r",
        id: "a2",
        task_id: "t",
        org_id: "o2",
        plan_id: "p",
        latest: { status: "blocked" as const, percent: 40, period: "2024-05" },
      },
    ],
    milestones: [{ region_id: "r", id: "m", task_id: "t", plan_id: "p", due_date: "2024-09-30" }],
    indicators: [],
  };
  it("a plan not yet published on the day has no statuses", () => {
    expect(computeStatuses(facts, "2024-02-20")).toEqual([]);
  });
  it("a blocked unit is yellow; a missing report after the report day is red", () => {
    const byId = new Map(computeStatuses(facts, "2024-06-10").map((s) => [s.id, s]));
    expect(byId.get("a2")).toMatchObject({ status: "warning", reasons: ["blocked"] });
    expect(byId.get("a1")).toMatchObject({ status: "overdue", reasons: ["missing_report:2024-05"] });
    expect(byId.get("m")).toMatchObject({ status: "normal" });
  });
});
