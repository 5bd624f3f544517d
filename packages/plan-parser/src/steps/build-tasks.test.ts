import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse.js";

const tasksOf = (text: string) => parsePlan(text).plans[0]?.tasks.map((t) => [t.no, t.path.length, t.title]);

describe("task level", () => {
  it("takes 1）items as the tasks where the （一） above them are bare headings; ①② stay inside", () => {
    const text = [
      "东岭县教育局2026年工作要点",
      "一、加强党的建设",
      "（一）加强政治建设",
      "1）深化理论武装。全年集中学习不少于12次。①落实制度；②举办读书班2期。（责任单位：办公室）",
      "2）压实意识形态责任。3月底前修订责任清单。（责任单位：办公室）",
      "（二）加强基层党建",
      "1）推进党建品牌创建。",
      "①培育示范校6所；",
      "（责任单位：机关党委）",
    ].join("\n");
    expect(tasksOf(text)).toEqual([
      ["1", 2, "深化理论武装"],
      ["2", 2, "压实意识形态责任"],
      ["1", 2, "推进党建品牌创建"],
    ]);
  });

  it("keeps （一） as the tasks where they carry the work and （1） are their sub-items", () => {
    const text = [
      "临河区教育局2025年教育工作要点",
      "一、促进学生全面发展",
      "（一）推进劳动教育。构建劳动教育体系。",
      "（1）建设实践基地3个；",
      "（2）每学期劳动实践不少于16课时。（责任单位：德育科）",
      "（二）加强体育工作。开齐上好体育课。（责任单位：体卫艺科）",
    ].join("\n");
    expect(tasksOf(text)).toEqual([
      ["一", 1, "推进劳动教育"],
      ["二", 1, "加强体育工作"],
    ]);
  });
});
