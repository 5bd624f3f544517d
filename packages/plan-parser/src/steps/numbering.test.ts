import { describe, expect, it } from "vitest";
import { parsePlan } from "../index.js";
import { normalizeLine } from "./normalize.js";
import { parseMarker } from "./numbering.js";

const marker = (line: string) => {
  const m = parseMarker(normalizeLine(line));
  return m && { level: m.level, no: m.no, rest: m.rest };
};

describe("parseMarker", () => {
  it("reads 一、 as a level-1 heading", () => {
    expect(marker("一、坚持党建引领")).toEqual({ level: "l1", no: "一", rest: "坚持党建引领" });
  });
  it("reads （一） as a level-2 heading", () => {
    expect(marker("（一）强化政治建设")).toEqual({ level: "l2", no: "一", rest: "强化政治建设" });
  });
  it("reads Arabic task numbers with . 、 ．", () => {
    expect(marker("1.深化理论学习。")).toMatchObject({ level: "arabic", no: "1", rest: "深化理论学习。" });
    expect(marker("12、推进工作")).toMatchObject({ level: "arabic", no: "12" });
    expect(marker("5．加强建设")).toMatchObject({ level: "arabic", no: "5" });
  });
  it("reads the malformed 27构建… with no separator as task 27", () => {
    expect(marker("27构建教师资源配置新机制。")).toMatchObject({
      level: "arabic",
      no: "27",
      rest: "构建教师资源配置新机制。",
    });
  });
  it("reads （1） as a sub-item and ① as circled", () => {
    expect(marker("（1）建设实践基地3个；")).toMatchObject({ level: "l4", no: "1" });
    expect(parseMarker("①开展培训")).toMatchObject({ level: "circled", no: "①" });
  });
  it("reads 一是 as an ordinal clause", () => {
    expect(marker("一是深化产教融合。")).toMatchObject({ level: "ordinal", no: "一" });
  });
  it.each(["2024年全县教育工作要点", "30所学校完成改造", "1.5万人次参加培训", "2025年6月底前完成", "100%达标"])(
    "does not read %j as numbered",
    (line) => {
      expect(marker(line)).toBeNull();
    },
  );
});

describe("numbering in a parsed plan", () => {
  it("keeps ①② sub-items inside their task (NFKC must not turn ① into task 1)", () => {
    const doc = parsePlan(
      "2025年全县教育工作要点\n一、总体要求\n1.推进工作。开展培训：\n①开展教师培训；\n②开展校长培训。\n2.加强管理。",
    );
    expect(doc.plans[0]?.tasks.map((t) => [t.no, t.title])).toEqual([
      ["1", "推进工作"],
      ["2", "加强管理"],
    ]);
  });
});
