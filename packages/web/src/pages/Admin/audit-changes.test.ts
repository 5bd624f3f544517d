import { describe, expect, it } from "vitest";
import { changedFields } from "./audit-changes";

describe("changedFields", () => {
  it("lists only the fields that differ, before → after, hiding keys and hashes", () => {
    expect(
      changedFields(
        { id: "1", title: "旧标题", units: ["基教股"], password_hash: "x" },
        { id: "1", title: "新标题", units: ["基教股"], password_hash: "y" },
      ),
    ).toEqual([{ field: "标题", before: "旧标题", after: "新标题" }]);
  });
  it("shows every field of a created record, nulls as （空）", () => {
    expect(changedFields(null, { name: "城关小学", parent: null })).toEqual([
      { field: "名称", after: "城关小学" },
      { field: "parent", after: "（空）" },
    ]);
  });
  it("shows units, deadlines and coded values as words, not as JSON", () => {
    expect(
      changedFields(
        { units: ["基教股"], deadlines: [{ text: "6月底前", date: "2026-06-30", kind: "by" }], cadence: null },
        {
          units: ["基教股", "城关小学"],
          deadlines: [{ text: "2026年10月31日前", date: "2026-10-31", kind: "by" }],
          cadence: "monthly",
        },
      ),
    ).toEqual([
      { field: "责任单位", before: "基教股", after: "基教股、城关小学" },
      { field: "完成时限", before: "6月底前", after: "2026年10月31日前" },
      { field: "填报周期", before: "（空）", after: "按月" },
    ]);
  });
});
