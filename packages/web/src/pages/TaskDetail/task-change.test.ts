import { describe, expect, it } from "vitest";
import { changeOf, changeRequests, notifiedUnits, type TaskState } from "./task-change";

const NAMES: Record<string, string> = { a: "基础教育股", b: "城关小学", c: "教研室" };
const name = (id: string) => NAMES[id] ?? id;

const before: TaskState = {
  lead: ["a"],
  co: [],
  dueDate: "2026-06-30",
  cadence: null,
  indicators: [
    { id: "i1", subject: "覆盖率", op: ">=", value: 90, min: null, max: null, unit: "%", text: "覆盖率达到90%" },
  ],
};

describe("a published task's change", () => {
  it("lists only what changed, worded for the confirmation", () => {
    const after: TaskState = { ...before, co: ["b"], dueDate: "2026-10-31" };
    const change = changeOf(before, after, name);
    expect(change.lines).toEqual([
      { field: "配合单位", after: "新增：城关小学" },
      { field: "完成时限", before: "2026-06-30", after: "2026-10-31" },
    ]);
    expect(change).toMatchObject({ units: true, due: true, cadence: false, indicators: false });
    expect(changeOf(before, { ...before }, name).lines).toEqual([]);
    expect(changeOf(before, { ...before, lead: ["b"] }, name).lines).toEqual([
      { field: "牵头单位", after: "新增：城关小学；移除：基础教育股" },
    ]);
  });

  it("tells the units before and after, marking who is added and who removed", () => {
    const after: TaskState = { ...before, lead: ["b"], co: ["c"] };
    expect(notifiedUnits(before, after, name)).toEqual([
      { orgId: "a", name: "基础教育股", tag: "removed" },
      { orgId: "b", name: "城关小学", tag: "added" },
      { orgId: "c", name: "教研室", tag: "added" },
    ]);
  });

  it("makes one assignment and one indicator edit; an unchanged indicator keeps its id and wording", () => {
    const after: TaskState = {
      ...before,
      cadence: "monthly",
      indicators: [before.indicators[0]!, { subject: "达标率", op: "range", value: null, min: 80, max: 95, unit: "%" }],
    };
    const change = changeOf(before, after, name);
    expect(change.lines.map((l) => l.field)).toEqual(["填报周期", "量化指标"]);
    expect(change.lines[1]!.after).toBe("覆盖率 不低于 90%；达标率 区间 80–95%");
    const { assign, indicators } = changeRequests(before, after, "t1", change);
    expect(assign).toEqual({ taskIds: ["t1"], cadence: "monthly" });
    expect(indicators).toEqual([
      { id: "i1", text: "覆盖率达到90%", subject: "覆盖率", op: ">=", value: 90, min: null, max: null, unit: "%" },
      { text: "达标率区间 80–95%", subject: "达标率", op: "range", value: null, min: 80, max: 95, unit: "%" },
    ]);
    expect(
      changeRequests(
        before,
        { ...before, dueDate: "2026-12-31" },
        "t1",
        changeOf(before, { ...before, dueDate: "2026-12-31" }, name),
      ),
    ).toEqual({ assign: { taskIds: ["t1"], dueDate: "2026-12-31" }, indicators: undefined });
  });
});
