import { describe, expect, it } from "vitest";
import { isTocEntry, titleOf } from "./find-plans.js";

describe("titleOf", () => {
  it("reads plan titles however they end", () => {
    expect(titleOf("XX县教育局2024年工作要点")).toBe("XX县教育局2024年工作要点");
    expect(titleOf("2 0 2 4 年 教 育 工 作 要 点")).toBe("2024年教育工作要点");
    expect(titleOf("XX县教育局2024年重点任务分解表（征求意见稿）")).toBe("XX县教育局2024年重点任务分解表");
    expect(titleOf("《XX市教育局2024年工作要点》")).toBe("XX市教育局2024年工作要点");
    expect(titleOf("XX市教育局2024年工作要点  ")).toBe("XX市教育局2024年工作要点");
  });
  it("reads the plan a wrapper names, letter-spaced or not", () => {
    expect(titleOf("关于印发《XX县2024年教育工作要点》的通知")).toBe("XX县2024年教育工作要点");
    expect(titleOf("关 于 印 发 《 X X 县 2 0 2 4 年 教 育 工 作 要 点 》 的 通 知")).toBe("XX县2024年教育工作要点");
  });
  it("rejects task lines and headings", () => {
    expect(titleOf("1.加强党的建设，落实2024年工作要点。")).toBeNull();
    expect(titleOf("一、重点工作")).toBeNull();
    expect(titleOf("")).toBeNull();
  });
});

describe("isTocEntry", () => {
  it("needs a page number at the end", () => {
    expect(isTocEntry("一、2024年工作要点……12")).toBe(true);
    expect(isTocEntry("1.XX县2024年教育工作要点 3")).toBe(true);
    expect(isTocEntry("一、2024年工作要点……12 ")).toBe(true);
    expect(isTocEntry("1.XX县2024年教育工作要点")).toBe(false);
  });
});
