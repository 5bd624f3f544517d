import type { Deadline, LedgerInput, LedgerTask, Target } from "../input.js";

const deadline = (text: string, date: string | null, kind: Deadline["kind"] = "by"): Deadline => ({ text, date, kind });

const target = (partial: Partial<Target> & Pick<Target, "subject" | "op" | "unit">): Target => ({
  text: partial.subject,
  value: null,
  min: null,
  max: null,
  ...partial,
});

export const tasks: LedgerTask[] = [
  {
    no: "1",
    path: ["一、加快推动教育高质量发展", "（一）教育资源供给行动"],
    title: "加快推进基础设施建设",
    units: ["基建装备科", "教研中心", "基教科", "各基层学校"],
    leadCount: 1,
    deadlines: [deadline("6月底前完成", "2024-06-30")],
    targets: [
      target({ text: "学前三年毛入园率达到94.5%以上", subject: "学前三年毛入园率", op: ">=", value: 94.5, unit: "%" }),
    ],
    body: "加快推进基础设施建设。新建幼儿园3所，学前三年毛入园率达到94.5%以上。",
  },
  {
    no: "2",
    path: ["一、加快推动教育高质量发展", "（一）教育资源供给行动"],
    title: "加强教师队伍建设",
    units: ["人事科", "教师发展中心"],
    leadCount: 2,
    deadlines: [deadline("贯穿全年", null, "throughout"), deadline("年底前", "2024-12-31")],
    targets: [
      target({ subject: "评选市级骨干教师", op: "range", min: 700, max: 800, unit: "人" }),
      target({ subject: "体质健康优良率", op: "increase_by", min: 3, max: 5, unit: "个百分点" }),
    ],
    body: "加强教师队伍建设。评选市级骨干教师700-800人，体质健康优良率再提升3-5个百分点。",
  },
  {
    no: "3",
    path: ["二、守牢安全底线"],
    title: "开展校园安全隐患排查",
    units: [],
    leadCount: 0,
    deadlines: [],
    targets: [target({ subject: "近视率", op: "decrease_by", value: 0.5, unit: "%" })],
    body: "开展校园安全隐患排查。",
  },
];

export const doc: LedgerInput = {
  plans: [
    { title: "2024年全市教育和体育工作要点", year: 2024, tasks },
    { title: "2024年全市教育和体育工作要点", year: 2024, tasks: tasks.slice(0, 1) },
    { title: "空计划：无任务[草稿]", year: null, tasks: [] },
  ],
};
