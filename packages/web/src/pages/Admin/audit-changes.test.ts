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
});
