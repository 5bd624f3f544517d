import { describe, expect, it } from "vitest";
import { extractTargets } from "./extract-targets.js";
import { normalizeLine } from "./normalize.js";

const targets = (text: string) =>
  extractTargets(normalizeLine(text)).map(({ op, value, min, max, unit }) => ({ op, value, min, max, unit }));
const one = (op: string, value: number, unit: string) => ({ op, value, min: null, max: null, unit });
const span = (op: string, min: number, max: number, unit: string) => ({ op, value: null, min, max, unit });

describe("extractTargets", () => {
  it("reads floors (>=)", () => {
    expect(targets("普惠性幼儿园覆盖率达到92%以上")).toEqual([one(">=", 92, "%")]);
    expect(targets("新增学位1080个")).toEqual([one(">=", 1080, "个")]);
    expect(targets("接入学校不少于120所")).toEqual([one(">=", 120, "所")]);
    expect(targets("配备率保持100%")).toEqual([one(">=", 100, "%")]);
  });
  it("reads ceilings (<=)", () => {
    expect(targets("教师借调比例不超过5%")).toEqual([one("<=", 5, "%")]);
    expect(targets("肥胖率控制在8%以内")).toEqual([one("<=", 8, "%")]);
  });
  it("reads ranges", () => {
    expect(targets("配备录播教室设备30—40套")).toEqual([span("range", 30, 40, "套")]);
    expect(targets("评选县级骨干教师80-100人")).toEqual([span("range", 80, 100, "人")]);
  });
  it("reads changes (increase_by / decrease_by)", () => {
    expect(targets("占比提升3-5个百分点")).toEqual([span("increase_by", 3, 5, "个百分点")]);
    expect(targets("本科上线率提升2个百分点")).toEqual([one("increase_by", 2, "个百分点")]);
    expect(targets("学生近视率下降0.5%")).toEqual([one("decrease_by", 0.5, "%")]);
  });
  it("reads Chinese numerals", () => {
    expect(targets("建成心理辅导示范站两个以上")).toEqual([one(">=", 2, "个")]);
    expect(targets("开展技能培训两千人次以上")).toEqual([one(">=", 2000, "人次")]);
  });
  it("keeps 万 in the unit", () => {
    expect(targets("开展体育比赛1.5万人次")).toEqual([one(">=", 1.5, "万人次")]);
    expect(targets("完成校舍抗震加固1.2万平方米")).toEqual([one(">=", 1.2, "万平方米")]);
  });
  it("keeps compound units such as 所次 and 课时", () => {
    expect(targets("开展县级教学视导不少于60所次")).toEqual([one(">=", 60, "所次")]);
    expect(targets("每学期开展劳动实践不少于16课时")).toEqual([one(">=", 16, "课时")]);
  });
  it("reads 每所…至少1名 as >= 1", () => {
    expect(targets("每所中小学至少配备1名专职心理健康教师")).toEqual([one(">=", 1, "名")]);
  });
  it("counts the work the plan will do: 等2所学校", () => {
    expect(targets("续建县第三实验小学等2所学校")).toEqual([one(">=", 2, "所")]);
  });
  it.each([
    "以庆祝第41个教师节为契机",
    "举办全县第二十届中小学生运动会",
    "全面落实“5+2”课后服务模式",
    "全面推行“1+X”游戏课程",
    "开展“三个一”师德实践活动",
    "面向3-6周岁幼儿",
    "落实《发展规划（2023—2025年）》",
    "每月一次开展安全检查",
    "每两周1次开展抽查",
    "以8所试点校为引领",
    "发生后48小时内完成上报",
    "6月底前完成",
    "不低于全市平均水平",
  ])("finds no target in %j", (text) => {
    expect(targets(text)).toEqual([]);
  });
});
