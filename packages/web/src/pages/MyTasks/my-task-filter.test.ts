import { describe, expect, it } from "vitest";
import type { MyReporting, TaskRow } from "../../api/types";
import { groupMyTasks } from "./my-task-filter";

const task = (id: string, planId: string, extra: Partial<TaskRow> = {}): TaskRow => ({
  id,
  planId,
  planTitle: `计划${planId}`,
  no: id,
  title: `任务${id}`,
  section: null,
  path: [],
  units: [],
  assignees: [],
  milestones: [],
  status: "in_progress",
  supervision: null,
  nextDue: null,
  overdue: false,
  ...extra,
});

const reporting: MyReporting = {
  periods: { monthly: "2026-12", quarterly: "2026-Q4", half_year: "2026-H2", yearly: "2026" },
  tasks: [
    {
      taskId: "1",
      planId: "a",
      cadence: "monthly",
      period: "2026-12",
      label: "2026年12月",
      units: 1,
      reportedUnits: 1,
      reported: true,
    },
    {
      taskId: "2",
      planId: "a",
      cadence: "monthly",
      period: "2026-12",
      label: "2026年12月",
      units: 1,
      reportedUnits: 0,
      reported: false,
    },
  ],
};

describe("my tasks grouped by plan", () => {
  const tasks = [
    task("1", "a"),
    task("2", "a", { title: "书香校园", overdue: true }),
    task("3", "b", { status: "done" }),
  ];

  it("groups by plan, overdue first, each task with this period's reporting", () => {
    const groups = groupMyTasks(tasks, reporting, { q: "", reported: "all" });
    expect(groups.map((g) => [g.planId, g.tasks.map((t) => t.id)])).toEqual([
      ["a", ["2", "1"]],
      ["b", ["3"]],
    ]);
    expect(groups[0]!.tasks[1]!.reporting?.reported).toBe(true);
  });

  it("filters by reported, status and words, keeping each plan's total", () => {
    const unreported = groupMyTasks(tasks, reporting, { q: "", reported: "no" });
    expect(unreported.flatMap((g) => g.tasks.map((t) => t.id))).toEqual(["2", "3"]);
    expect(
      groupMyTasks(tasks, reporting, { q: "书香", reported: "all" }).flatMap((g) => g.tasks.map((t) => t.id)),
    ).toEqual(["2"]);
    const done = groupMyTasks(tasks, reporting, { q: "", status: "done", reported: "all" });
    expect(done.map((g) => [g.planId, g.tasks.length, g.total])).toEqual([
      ["a", 0, 2],
      ["b", 1, 1],
    ]);
  });
});
