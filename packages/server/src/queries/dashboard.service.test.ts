import { describe, expect, it } from "vitest";
import { periodEndMonth, warningLevel } from "./dashboard.service.js";

describe("warningLevel", () => {
  const today = "2024-06-10";
  it("an overdue or blocked task is red", () => {
    expect(warningLevel({ status: "in_progress", overdue: true, nextDue: "2024-05-31" }, today)).toBe("red");
    expect(warningLevel({ status: "blocked", overdue: false, nextDue: "2024-12-31" }, today)).toBe("red");
  });
  it("a deadline within two weeks is yellow until done", () => {
    expect(warningLevel({ status: "in_progress", overdue: false, nextDue: "2024-06-20" }, today)).toBe("yellow");
    expect(warningLevel({ status: "done", overdue: false, nextDue: "2024-06-20" }, today)).toBe("green");
  });
  it("a distant or missing deadline is green", () => {
    expect(warningLevel({ status: "not_started", overdue: false, nextDue: "2024-09-30" }, today)).toBe("green");
    expect(warningLevel({ status: "not_started", overdue: false, nextDue: null }, today)).toBe("green");
  });
});

describe("periodEndMonth", () => {
  it("maps every cadence's period to the month it ends in", () => {
    expect(periodEndMonth("2024-05")).toBe("2024-05");
    expect(periodEndMonth("2024-Q2")).toBe("2024-06");
    expect(periodEndMonth("2024-H1")).toBe("2024-06");
    expect(periodEndMonth("2024-H2")).toBe("2024-12");
    expect(periodEndMonth("2024")).toBe("2024-12");
  });
});
