import { describe, expect, it } from "vitest";
import { columnContents, headerLike, kindOf } from "./table-content.js";

describe("table cell content", () => {
  it("tells numbers, dates, unit lists, leaders, progress, headings, names and sentences apart", () => {
    const kinds: Array<[string, string]> = [
      ["12", "number"],
      ["3.", "number"],
      ["2026年8月底前", "date"],
      ["常态化", "date"],
      ["第三季度", "date"],
      ["计划财务股、学前教育股", "units"],
      ["县教育局 各中小学校", "units"],
      ["分管副局长", "other"],
      ["已完成选址", "other"],
      ["招标准备中", "other"],
      ["一、学前教育", "heading"],
      ["扩充普惠资源", "short"],
      ["新建公办幼儿园2所，新增普惠学位540个", "long"],
    ];
    for (const [cell, kind] of kinds) expect(kindOf(cell), cell).toBe(kind);
    expect(kindOf(" — ")).toBeNull();
  });

  it("gives a column the kind most of its filled cells share, names and sentences together", () => {
    const rows = [
      ["1", "一、学前", "扩充资源", "新建幼儿园2所，新增学位", "学前股", "8月底前"],
      ["2", "", "提升质量，开展评估", "开展评估，覆盖28所", "学前股、教研室", "常态化"],
      ["二", "", "", "", "", ""],
      ["3", "", "集团化办学", "组建教育集团4个，实现全覆盖", "基教股", "已组建2个"],
    ];
    expect(columnContents(rows, 6).map((c) => c.kind)).toEqual(["number", "heading", "short", "long", "units", "date"]);
    expect(columnContents(rows, 6)[1]!.filled).toBeCloseTo(1 / 3);
  });

  it("reads a header-like cell as a short name without digits or sentence marks", () => {
    expect(headerLike("抓什么")).toBe(true);
    expect(headerLike("2025年6月")).toBe(false);
    expect(headerLike("一、党建")).toBe(false);
  });
});
