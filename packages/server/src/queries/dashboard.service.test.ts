import { describe, expect, it } from "vitest";
import { warningLevel } from "./dashboard.service.js";

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
