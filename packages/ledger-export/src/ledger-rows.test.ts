import { describe, expect, it } from "vitest";
import { formatDeadline, formatTarget, splitUnits } from "./ledger-rows.js";

const t = { text: "原文", subject: "覆盖率", value: null, min: null, max: null, unit: "%" };

describe("ledger cells", () => {
  it("formats floors, ceilings, ranges and changes", () => {
    expect(formatTarget({ ...t, op: ">=", value: 89 })).toBe("覆盖率 ≥ 89%");
    expect(formatTarget({ ...t, op: "<=", value: 5 })).toBe("覆盖率 ≤ 5%");
    expect(formatTarget({ ...t, subject: "", op: "range", min: 700, max: 800, unit: "人" })).toBe("700–800人");
    expect(formatTarget({ ...t, subject: "", op: "increase_by", min: 3, max: 5, unit: "个百分点" })).toBe(
      "提升3–5个百分点",
    );
    expect(formatTarget({ ...t, op: ">=", value: 0.1 + 0.2 })).toBe("覆盖率 ≥ 0.3%");
    expect(formatTarget({ ...t, op: ">=" })).toBe("原文");
  });

  it("shows the ISO date after the printed deadline", () => {
    expect(formatDeadline({ text: "6月底前完成", date: "2024-06-30", kind: "by" })).toBe("6月底前完成（2024-06-30）");
    expect(formatDeadline({ text: "", date: null, kind: "throughout" })).toBe("贯穿全年");
  });

  it("splits lead from co-operating units by leadCount, all lead when it is missing", () => {
    expect(splitUnits({ units: ["a", "b", "c"], leadCount: 1 })).toEqual({ lead: ["a"], co: ["b", "c"] });
    expect(splitUnits({ units: ["a", "b"] })).toEqual({ lead: ["a", "b"], co: [] });
    expect(splitUnits({ units: ["a"], leadCount: 9 })).toEqual({ lead: ["a"], co: [] });
  });
});
