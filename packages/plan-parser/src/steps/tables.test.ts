import { describe, expect, it } from "vitest";
import type { Block } from "../model.js";
import { parsePlan } from "../parse.js";

const row = (...cells: string[]): Block => ({ kind: "row", cells, table: 1 });
const para = (text: string): Block => ({ kind: "paragraph", text });
const summary = (blocks: Block[] | string) =>
  parsePlan(blocks).plans.map((p) => ({
    title: p.title,
    tasks: p.tasks.map((t) => ({
      no: t.no,
      path: t.path,
      title: t.title,
      units: t.units,
      leadCount: t.leadCount,
      dates: t.deadlines.map((d) => d.date),
    })),
  }));

describe("task-decomposition tables", () => {
  it("reads a second task-named column merged down its rows as the category (path), not part of the title", () => {
    const text = [
      "白水县教育局2026年民生实事清单",
      "序号\t任务来源\t实事名称\t责任科室\t完成时限",
      "1\t县政府实事\t食堂改造\t后勤股\t2026年8月",
      "2\t\t校车更新\t安全股\t2026年6月",
    ].join("\n");
    const tasks = summary(text)[0]!.tasks;
    expect(tasks.map((t) => [t.path, t.title])).toEqual([
      [["县政府实事"], "食堂改造"],
      [["县政府实事"], "校车更新"],
    ]);
  });
  it("reads a progress column (当前进度) as neither target nor deadline, and 时间进度 as the deadline", () => {
    const text = [
      "白水县教育局2026年重点工作任务清单",
      "序号\t工作任务\t目标\t责任科室\t时间进度\t当前进度",
      "1\t新建幼儿园\t新增学位360个\t计财股\t2026年8月\t主体结构已封顶，正在进行室内装修，本月建成教室24间",
    ].join("\n");
    const [plan] = parsePlan(text).plans;
    const task = plan!.tasks[0]!;
    expect(task.deadlines.map((d) => d.date)).toEqual(["2026-08-31"]);
    expect(task.targets.map((t) => t.text)).toEqual(["新增学位360个"]);
  });
  it("keeps two task-named columns both filled on every row as the task", () => {
    const text = [
      "白水县教育局2026年民生实事清单",
      "序号\t任务来源\t实事名称\t责任科室\t完成时限",
      "1\t县政府实事\t食堂改造\t后勤股\t2026年8月",
      "2\t县人大建议\t校车更新\t安全股\t2026年6月",
    ].join("\n");
    expect(summary(text)[0]!.tasks.map((t) => t.path)).toEqual([[], []]);
  });
  it("reads a two-level header whose merged 责任单位 splits into 牵头 and 配合", () => {
    const text = [
      "宁远县教育局2025年重点工作任务分解表",
      "序号\t重点任务\t具体内容\t责任单位\t责任单位\t完成时限",
      "\t\t\t牵头\t配合\t",
      "一\t党的建设\t\t\t\t",
      "1\t加强理论学习\t开展集中学习，全年不少于12次\t办公室\t各股室\t2025年12月",
    ].join("\n");
    expect(summary(text)).toEqual([
      {
        title: "宁远县教育局2025年重点工作任务分解表",
        tasks: [
          {
            no: "1",
            path: ["一、党的建设"],
            title: "加强理论学习",
            units: ["办公室", "各股室"],
            leadCount: 1,
            dates: ["2025-12-31"],
          },
        ],
      },
    ]);
  });

  it("keeps reading a table continued on the next page without its header", () => {
    const blocks: Block[] = [
      para("临江区教育局2025年工作任务清单"),
      row("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
      row("1", "推进集团化办学", "基教科", "教研室", "6月底前"),
      para(""),
      { kind: "row", cells: ["2", "完善课后服务", "基教科", "各学校", "9月底前"], table: 2 },
    ];
    expect(summary(blocks)[0]?.tasks.map((t) => [t.no, t.title, t.dates])).toEqual([
      ["1", "推进集团化办学", ["2025-06-30"]],
      ["2", "完善课后服务", ["2025-09-30"]],
    ]);
  });

  it("merges rows of one task spanning several measures (merged 序号 and 重点任务)", () => {
    const blocks: Block[] = [
      para("清河县教育局2025年重点任务分解表"),
      row("序号", "重点任务", "具体举措", "牵头单位", "完成时限"),
      row("1", "改善办学条件", "新建教学楼1栋", "计财股", "10月底前"),
      row("1", "改善办学条件", "新增学位450个", "计财股", "年底前"),
    ];
    const [plan] = parsePlan(blocks).plans;
    expect(plan?.tasks).toHaveLength(1);
    expect(plan?.tasks[0]?.targets.map((t) => `${t.value}${t.unit}`)).toEqual(["1栋", "450个"]);
    expect(plan?.tasks[0]?.deadlines.map((d) => d.date)).toEqual(["2025-10-31", "2025-12-31"]);
  });

  it("maps a table with no header row by what its columns hold", () => {
    const text = [
      "南湖区教育局2026年工作任务台账",
      "1\t完善校园安全体系\t视频监控联网率达到100%，报警装置配备率保持100%\t安全股、各中小学校\t6月底前",
      "2\t开展防溺水教育\t组织专题教育不少于4次\t安全股\t7月",
    ].join("\n");
    const [plan] = parsePlan(text).plans;
    expect(plan?.tasks.map((t) => [t.no, t.title, t.units, t.deadlines.map((d) => d.date), t.targets.length])).toEqual([
      ["1", "完善校园安全体系", ["安全股", "各中小学校"], ["2026-06-30"], 2],
      ["2", "开展防溺水教育", ["安全股"], ["2026-07-31"], 1],
    ]);
    expect(plan?.tasks[0]?.reasons).toContain("TABLE_HEADER_GUESSED");
  });

  it("reads a header printed over two lines down each column", () => {
    const text = [
      "南湖区教育局2026年重点任务分解表",
      "序号\t重点\t具体\t责任\t完成",
      "\t任务\t举措\t单位\t时限",
      "1\t深化县管校聘改革\t完成教师交流轮岗，交流比例不低于15%\t人事股\t9月底前",
    ].join("\n");
    expect(summary(text)[0]?.tasks).toEqual([
      { no: "1", path: [], title: "深化县管校聘改革", units: ["人事股"], leadCount: 1, dates: ["2026-09-30"] },
    ]);
  });

  it("reads unlisted header words by the content below them; leader and progress columns hold no units", () => {
    const text = [
      "南湖区教育局2026年重点工作任务台账",
      "编次\t方面\t抓什么\t怎么抓\t谁来抓\t谁来管\t何时完成\t抓得怎样",
      "1\t一、学前教育\t扩充普惠资源\t新建公办幼儿园2所\t学前股、计财股\t分管副局长\t8月底前\t已完成选址",
      "2\t\t提升保教质量\t开展保教质量评估，覆盖公办园28所\t学前股\t分管副局长\t11月底前\t",
    ].join("\n");
    expect(summary(text)[0]?.tasks.map((t) => [t.no, t.path, t.title, t.units, t.dates])).toEqual([
      ["1", ["一、学前教育"], "扩充普惠资源", ["学前股", "计财股"], ["2026-08-31"]],
      ["2", ["一、学前教育"], "提升保教质量", ["学前股"], ["2026-11-30"]],
    ]);
  });
});
