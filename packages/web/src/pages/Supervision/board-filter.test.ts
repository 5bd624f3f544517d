import { describe, expect, it } from "vitest";
import { boardFilterFrom, withBoardFilter } from "./board-filter";

describe("warnings board filter in the URL", () => {
  it("reads what the board knows and drops the rest", () => {
    const params = new URLSearchParams("tab=board&planId=p1&orgId=o2&kind=indicator&status=overdue&q=%20培训%20&x=1");
    expect(boardFilterFrom(params)).toEqual({
      planId: "p1",
      orgId: "o2",
      kind: "indicator",
      status: "overdue",
      q: "培训",
    });
    expect(boardFilterFrom(new URLSearchParams("kind=task&status=red&q="))).toEqual({});
  });

  it("writes a filter back, keeping the tab and clearing what was unset", () => {
    const params = new URLSearchParams("tab=board&status=overdue&q=旧");
    const next = withBoardFilter(params, { planId: "p1", kind: "milestone" });
    expect(next.get("tab")).toBe("board");
    expect(Object.fromEntries(next)).toEqual({ tab: "board", planId: "p1", kind: "milestone" });
    expect(boardFilterFrom(withBoardFilter(new URLSearchParams(), { q: "培训", status: "warning" }))).toEqual({
      q: "培训",
      status: "warning",
    });
  });
});
