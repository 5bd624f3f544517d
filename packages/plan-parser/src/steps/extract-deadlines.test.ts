import { describe, expect, it } from "vitest";
import { extractDeadlines } from "./extract-deadlines.js";
import { normalizeLine } from "./normalize.js";
import type { PlanCalendar } from "./plan-calendar.js";

const y2025: PlanCalendar = { year: 2025, academic: false };
const y2024: PlanCalendar = { year: 2024, academic: false };
const academic: PlanCalendar = { year: 2025, academic: true };

const dates = (text: string, cal: PlanCalendar = y2025, field = false) =>
  extractDeadlines(normalizeLine(text), cal, field).map((d) => (d.kind === "throughout" ? "throughout" : d.date));

describe("extractDeadlines", () => {
  it("resolves 6月底前完成 to June 30 of the plan year", () => {
    expect(dates("完成校舍改造。（6月底前完成）")).toEqual(["2025-06-30"]);
  });
  it("resolves X月前 to the end of the previous month", () => {
    expect(dates("9月前完成教师招聘")).toEqual(["2025-08-31"]);
    expect(dates("3月之前完成平台升级")).toEqual(["2025-02-28"]);
  });
  it("reads semester starts and the opening of a month's term", () => {
    expect(dates("9月开学前完成学生转学安置")).toEqual(["2025-08-31"]);
    expect(dates("2026年春季学期完成供暖改造", academic)).toEqual(["2026-03-01"]);
    expect(dates("力争春季学期投入使用", academic)).toEqual(["2026-03-01"]);
    expect(dates("春季开学前完成校舍维修", y2024)).toEqual(["2024-02-29"]);
    expect(dates("秋季学期前完成招聘")).toEqual(["2025-08-31"]);
    expect(dates("第三季度完工")).toEqual(["2025-09-30"]);
    expect(dates("每学期开展一次展评，春、秋季开展运动会")).toEqual([]);
  });
  it("resolves 2月底前 to February 29 in a leap year", () => {
    expect(dates("2月底前完成学区划分", y2024)).toEqual(["2024-02-29"]);
  });
  it("resolves X月末 and X月底 to the last day of the month", () => {
    expect(dates("11月末完成验收")).toEqual(["2025-11-30"]);
    expect(dates("力争4月底完成")).toEqual(["2025-04-30"]);
  });
  it("keeps a day: 10月15日前", () => {
    expect(dates("10月15日前完成")).toEqual(["2025-10-15"]);
  });
  it("reads （3月、9月底前完成） as two deadlines", () => {
    expect(dates("开展评估。（3月、9月底前完成）")).toEqual(["2025-03-31", "2025-09-30"]);
  });
  it("reads a bare-month list in a deadline field as one deadline per month", () => {
    expect(dates("2025年6月、12月", y2025, true)).toEqual(["2025-06-30", "2025-12-31"]);
    expect(dates("2025年9月", y2025, true)).toEqual(["2025-09-30"]);
  });
  it("reads year-end phrases as December 31", () => {
    expect(dates("年底前完成")).toEqual(["2025-12-31"]);
    expect(dates("年内建成投用")).toEqual(["2025-12-31"]);
    expect(dates("本年度内完成考核")).toEqual(["2025-12-31"]);
    expect(dates("三年内全部达标，近两年度内新建的除外")).toEqual([]);
  });
  it("reads 上旬 and 中旬 as the 10th and the 20th; 中下旬 and 下旬 as the month's end", () => {
    expect(dates("6月中旬前完成排查")).toEqual(["2025-06-20"]);
    expect(dates("11月上旬完成培训")).toEqual(["2025-11-10"]);
    expect(dates("2026年3月上旬前", y2025)).toEqual(["2026-03-10"]);
    expect(dates("9月中下旬完成")).toEqual(["2025-09-30"]);
    expect(dates("2月下旬完成", y2024)).toEqual(["2024-02-29"]);
  });
  it("reads quarters and halves", () => {
    expect(dates("一季度完成监测")).toEqual(["2025-03-31"]);
    expect(dates("二季度完成整治")).toEqual(["2025-06-30"]);
    expect(dates("下半年完成")).toEqual(["2025-12-31"]);
  });
  it("reads 上半年 after a comma as a deadline (not a 上、下半年 list)", () => {
    expect(dates("接入学校不少于120所，上半年完成平台数据迁移")).toEqual(["2025-06-30"]);
  });
  it("reads X至Y月 as the end of month Y", () => {
    expect(dates("4至5月完成中考体育测试")).toEqual(["2025-05-31"]);
  });
  it("uses a printed year: 力争2026年 is the end of 2026", () => {
    expect(dates("力争2026年实现全覆盖")).toEqual(["2026-12-31"]);
    expect(dates("2026年8月底前完成")).toEqual(["2026-08-31"]);
  });
  it("marks （贯穿全年） as throughout", () => {
    expect(dates("（贯穿全年）")).toEqual(["throughout"]);
    expect(extractDeadlines("(贯穿全年)", y2025)[0]).toMatchObject({ date: null, kind: "throughout" });
  });
  it("places an academic year's months 9–12 in the first year and 1–8 in the second", () => {
    expect(dates("11月底前完成", academic)).toEqual(["2025-11-30"]);
    expect(dates("3月底前完成", academic)).toEqual(["2026-03-31"]);
    expect(dates("10月15日前制定方案", academic)).toEqual(["2025-10-15"]);
    expect(dates("3月前完成", academic)).toEqual(["2026-02-28"]);
    expect(dates("一季度完成", academic)).toEqual(["2026-03-31"]);
  });
  it("reads 秋季开学前 as August 31", () => {
    expect(dates("秋季开学前完成验收")).toEqual(["2025-08-31"]);
  });
  it.each([
    "每月开展一次安全检查",
    "每两周1次开展抽查",
    "一月一调度",
    "每学期开学前组织排查",
    "常态化开展督导",
    "持续推进县管校聘",
    "汛期前完成隐患排查",
    "利用暑期实施维修改造",
    "春、秋季开展运动会",
    "发生后48小时内上报",
    "全年培训教师3000人次",
    "落实《发展规划（2023—2025年）》",
    "以庆祝第41个教师节为契机",
  ])("finds no deadline in %j", (text) => {
    expect(dates(text)).toEqual([]);
  });
});
