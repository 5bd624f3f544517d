import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractTargets, opOf, subjectOf } from "./extract-targets.js";
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
  it("reads the forms target-forms declares: Chinese percentages, spaced and mixed Chinese counts", () => {
    expect(targets("课后服务覆盖率达到百分之九十五以上")).toEqual([one(">=", 95, "%")]);
    expect(targets("辍学率控制在百分之一以内")).toEqual([one("<=", 1, "%")]);
    expect(targets("建成两 所标准化考点")).toEqual([one(">=", 2, "所")]);
    expect(targets("新建三至5所幼儿园")).toEqual([span("range", 3, 5, "所")]);
    expect(targets("两万元奖补，百分之")).toEqual([]);
  });
  it("reads a count of more than a number (余, 多) as a floor of it", () => {
    expect(targets("培训教师1000余名")).toEqual([one(">=", 1000, "名")]);
    expect(targets("惠及学生1.2万余人次")).toEqual([one(">=", 1.2, "万人次")]);
    expect(targets("建成书屋500多个")).toEqual([one(">=", 500, "个")]);
    expect(targets("新建十余所标准化考点")).toEqual([one(">=", 10, "所")]);
    expect(targets("办学30余年，很多学校多所联办")).toEqual([]);
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
  it("counts the places a clause names where it is the work's scope, not a rank they hold", () => {
    expect(targets("在4所乡镇学校开展午休试点")).toEqual([one(">=", 4, "所")]);
    expect(targets("在城郊3所学校，实现课后服务全覆盖")).toEqual([one(">=", 3, "所")]);
    expect(targets("创建6所省级特色学校")).toEqual([one(">=", 6, "所")]);
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
    "在6所市级示范校，推广分层作业设计",
    "发生后48小时内完成上报",
    "6月底前完成",
    "不低于全市平均水平",
  ])("finds no target in %j", (text) => {
    expect(targets(text)).toEqual([]);
  });
});

/** opOf and subjectOf before they read only the clause's last characters or skipped the trailing-verb pattern. */
function opByWholeClause(before: string, isRange: boolean, ceilingAfter: boolean) {
  const change = /(下降|降低|减少|压减|缩减)[了约近]?$/.test(before)
    ? "decrease_by"
    : /(提升|提高|增加|增长|上升|增幅)[了约近]?$/.test(before)
      ? "increase_by"
      : null;
  if (change) return change;
  if (isRange) return "range";
  if (ceilingAfter) return "<=";
  if (/不少于|不低于|不得少于/.test(before.slice(-8))) return ">=";
  if (
    /(?:不超过|不高于|不多于|不大于|控制在|低于|少于|降至|降到|降低到|降低至|下降至|下降到|压减至|压减到|减少至|减少到|压缩至|压缩到)[^\d]{0,6}$/.test(
      before,
    )
  )
    return "<=";
  if (/[≤]\s*$/.test(before)) return "<=";
  return ">=";
}
const LEAD =
  /^(?:力争|确保|争取|全面|持续|进一步|继续|努力|切实|计划|年内|全年|今年|其中|并|同时|实现|推动|推进|完成|保障|保证|使|让|将|把|和|及|与|、)+/;
const TRAILING =
  /(?:达到|达|保持在|保持|稳定在|稳定|提升至|提升到|提高至|提高到|提升|提高|增加|增长|下降|降低|减少|不低于|不少于|不超过|不高于|控制在|超过|至少|为|在|了|再|逐年|约)+$/;

function subjectByPatterns(text: string, index: number, end: number, clauseEnd: number): string {
  let s = text.slice(0, index).replace(LEAD, "");
  s = s.replace(TRAILING, "").trim();
  if (!s)
    s = text
      .slice(end, clauseEnd)
      .replace(/^(?:以上|以内|左右)/, "")
      .slice(0, 30);
  return s.trim();
}

describe("target op and subject", () => {
  it.each([
    ["6月底前完成改造项目10个", "改造项目"],
    ["力争上半年建成书屋20个", "建成书屋"],
    ["11月上旬完成骨干教师培训300人", "骨干教师培训"],
    ["4至5月和7至8月各审计5所", "各审计"],
    ["2025年底前新建小学2所", "新建小学"],
    ["年内新增学位3600个", "新增学位"],
    ["本科上线率较上年提高3个百分点", "本科上线率"],
    ["近视率比去年同期下降1个百分点", "近视率"],
  ])("a time the clause opens with is not part of the subject: %s", (text, subject) => {
    expect(extractTargets(normalizeLine(text)).map((t) => t.subject)).toEqual([subject]);
  });

  const words = [
    "下降",
    "提高",
    "增幅",
    "不超过",
    "降低到",
    "压缩至",
    "控制在",
    "不少于",
    "达到",
    "保持在",
    "逐年",
    "确保",
  ];
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(..."了约近≤ 　学校率1。，以内下"));
  it("reads the clause's end as the whole clause does", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.boolean(), (parts, isRange) => {
        const before = parts.join("");
        const text = `${before}5%以内`;
        const index = before.length;
        const c = { index, end: index + 2, min: isRange ? 1 : null, clause: [0, text.length] as [number, number] };
        expect(opOf(text, c)).toBe(opByWholeClause(before, isRange, true));
        expect(opOf(`${before}5%`, c)).toBe(opByWholeClause(before, isRange, false));
        expect(subjectOf(text, c, 0)).toBe(subjectByPatterns(text, c.index, c.end, text.length));
      }),
      { numRuns: 3000 },
    );
  });
});
