import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractUnits, findLabels, isUnitLine, labelPattern, scheduleStart, splitUnits } from "./extract-units.js";
import { normalizeLine } from "./normalize.js";

const units = (text: string) => extractUnits(normalizeLine(text))?.units ?? [];
const fold = (xs: string[]) => xs.map((x) => x.normalize("NFKC"));

describe("extractUnits", () => {
  // Raw (not normalised) text: the line breaks a hard wrap left.
  it.each([
    ["完成修订。\n责任单位：教研室、装备站、\n各中小学", "教研室|装备站|各中小学"],
    ["每周抽查。责任单位：教研室、各乡镇中心学\n校、县直学校", "教研室|各乡镇中心学校|县直学校"],
    ["开展培训。(责任单位:计划\n财务股、各中小学)。", "计划财务股|各中小学"],
    ["责任单位：教研室\n加强作业管理，建立公示制度", "教研室"],
    ["责任单位：教研室、\n(2)加强作业管理", "教研室"],
  ])("reads a unit list a hard wrap broke up to its end, and no further: %j", (text, expected) => {
    expect((extractUnits(text)?.units ?? []).join("|")).toBe(expected);
  });
  it("reads an inline （责任单位：…） list in printed order", () => {
    expect(units("推进工作。（责任单位：办公室、机关党委，各学校）")).toEqual(["办公室", "机关党委", "各学校"]);
  });
  it("never splits inside brackets", () => {
    expect(fold(units("（责任单位：基础教育科、各县(市、区)教育局）"))).toEqual(["基础教育科", "各县(市、区)教育局"]);
    expect(fold(splitUnits("信息中心、各县（市、区）教育局").units)).toEqual(["信息中心", "各县(市、区)教育局"]);
  });
  it("drops a trailing 等 and 。", () => {
    expect(units("责任股室（单位）：教研室、基础教育股、各学校等。")).toEqual(["教研室", "基础教育股", "各学校"]);
  });
  it("puts lead units first, then cooperating units", () => {
    expect(units("牵头单位：信息中心；配合单位：计划财务股、基础教育股")).toEqual([
      "信息中心",
      "计划财务股",
      "基础教育股",
    ]);
    expect(units("配合单位：计划财务股；牵头单位：信息中心")).toEqual(["信息中心", "计划财务股"]);
  });
  it("reads 牵头股室 / 协办股室 separated by spaces", () => {
    expect(units("牵头股室：安全股  协办股室：基础教育股、后勤服务中心")).toEqual([
      "安全股",
      "基础教育股",
      "后勤服务中心",
    ]);
  });
  it("reads 责任股室 and 责任股室（单位） lines", () => {
    expect(units("责任股室：党建办、纪检监察室")).toEqual(["党建办", "纪检监察室"]);
    expect(isUnitLine(normalizeLine("责任股室（单位）：党建办、基础教育股，各中小学校"))).toBe(true);
  });
  it("treats — as no unit", () => {
    expect(splitUnits("—").units).toEqual([]);
  });
  it("finds no units in running text without a label", () => {
    expect(extractUnits("各学校要落实主体责任，教研室加强指导。")).toBeNull();
  });
});

describe("a schedule printed with the units", () => {
  it.each([
    ["（责任科室：思政科、基教科；完成时限：2025年6月）", "思政科|基教科", "完成时限:2025年6月"],
    ["（牵头科室：德育科  配合单位：各县区教育局  完成时间：全年）", "德育科|各县区教育局", "完成时间:全年"],
    [
      "（牵头单位：监察室；配合单位：各中小学、幼儿园；时间节点：3月、9月）",
      "监察室|各中小学|幼儿园",
      "时间节点:3月、9月",
    ],
    ["（责任单位：高中科，2025年底前完成）", "高中科", "2025年底前完成"],
    ["（责任单位：安全科、各学校，常态化推进）", "安全科|各学校", "常态化推进"],
    ["（责任科室：人事科；第三季度完成）", "人事科", "第三季度完成"],
    ["（责任单位：电教馆 下半年完成）", "电教馆", "下半年完成"],
    ["责任科室：组织人事科、机关党委  完成时限：6月底前", "组织人事科|机关党委", "完成时限:6月底前"],
  ])("stops the units before it, and hands it back: %s", (text, names, schedule) => {
    const found = extractUnits(normalizeLine(text));
    expect(found?.units.join("|")).toBe(names);
    expect(found?.schedule).toBe(schedule);
  });

  it.each([
    "（责任单位：青少年活动中心、老年大学）",
    "（责任单位：各县(市、区)教育局、3所试点学校）",
    "（责任单位：基教科、2024级新生所在学校）",
  ])("leaves names alone, a name holding 年 or a number included: %s", (text) => {
    const found = extractUnits(normalizeLine(text));
    expect(found?.schedule).toBeUndefined();
  });

  it("a time inside a name's brackets is part of the name", () => {
    expect(scheduleStart("基教科(6月前牵头)、教研室")).toBe(-1);
    expect(scheduleStart("基教科、教研室;6月底前")).toBe(8);
  });
});

describe("units without a colon label", () => {
  it.each([
    ["（基础教育股牵头，督导室、计财股配合）", "基础教育股|督导室|计财股", 1],
    ["（督导室配合，基础教育股牵头）", "基础教育股|督导室", 1],
    ["（人事股负责）", "人事股", 1],
    ["（具体由人事股负责）", "人事股", 1],
    ["【责任单位】安全股【完成时限】2025年10月底", "安全股", 1],
    ["【牵头单位】电教站【配合单位】计财股、各中小学", "电教站|计财股|各中小学", 1],
  ])("reads %s", (text, names, leads) => {
    const found = extractUnits(normalizeLine(text));
    expect(found?.units.join("|")).toBe(names);
    expect(found?.leadCount).toBe(leads);
  });

  it.each(["（张三负责）", "（学校自主安排，教研室指导）", "（各校参与率不低于90%）", "开展评比（优秀者牵头示范）"])(
    "leaves a bracket that is not names and roles: %s",
    (text) => {
      expect(extractUnits(normalizeLine(text))).toBeNull();
    },
  );
});

describe("unit labels searched from their colons", () => {
  it("finds the labels a global search of the pattern finds", () => {
    const chars = fc.constantFrom(
      ..."责任牵头配合协同单位科室股()（）:： \n\t办公室、。【】",
      "协同配合",
      "主要责任",
      "(单位)",
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (cs) => {
        const text = cs.join("");
        const all = [...text.matchAll(new RegExp(labelPattern().source, "g"))].map((m) => [m.index, m[0]]);
        expect(findLabels(text).map((m) => [m.index, m[0]])).toEqual(all);
      }),
      { numRuns: 3000 },
    );
  });
});
