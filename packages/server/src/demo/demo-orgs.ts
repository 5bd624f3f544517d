/** A fictional county: 青山县 in 临江市. Names follow real county-bureau usage. */
export const DEMO_PROVINCE = "江南省教育厅";
export const DEMO_CITY = "临江市教育局";
export const DEMO_BUREAU = "青山县教育和体育局";

/** Departments (股室) with the short names plans use for them. */
export const DEMO_DEPARTMENTS: { name: string; aliases: string[] }[] = [
  { name: "办公室", aliases: ["局办公室"] },
  { name: "基础教育股", aliases: ["基教股"] },
  { name: "职业与成人教育股", aliases: ["职成股"] },
  { name: "人事股", aliases: ["人事师资股"] },
  { name: "计划财务股", aliases: ["计财股"] },
  { name: "规划建设股", aliases: ["规建股"] },
  { name: "安全稳定股", aliases: ["安全股", "安稳股"] },
  { name: "体育卫生与艺术教育股", aliases: ["体卫艺股"] },
  { name: "教育督导室", aliases: ["督导室"] },
  { name: "教学研究室", aliases: ["教研室", "教研中心"] },
  { name: "学生资助管理中心", aliases: ["资助中心"] },
  { name: "电化教育馆", aliases: ["电教馆"] },
];

const TOWNS = ["城关镇", "石桥镇", "柳溪镇", "白沙镇", "龙潭镇", "清水乡", "马坪乡", "杨林镇", "黄土岭乡", "双河镇"];

/** 40 schools: ten towns with a central primary, a junior middle and a kindergarten, plus county schools. */
export const DEMO_SCHOOLS: { name: string; level: string }[] = [
  ...TOWNS.flatMap((town) => [
    { name: `青山县${town}中心小学`, level: "小学" },
    { name: `青山县${town}初级中学`, level: "初中" },
    { name: `青山县${town}中心幼儿园`, level: "幼儿园" },
  ]),
  { name: "青山县第一中学", level: "高中" },
  { name: "青山县第二中学", level: "高中" },
  { name: "青山县职业中等专业学校", level: "中职" },
  { name: "青山县实验中学", level: "初中" },
  { name: "青山县实验小学", level: "小学" },
  { name: "青山县第二实验小学", level: "小学" },
  { name: "青山县城南小学", level: "小学" },
  { name: "青山县幼儿园", level: "幼儿园" },
  { name: "青山县特殊教育学校", level: "特殊教育" },
  { name: "青山县城关第二小学", level: "小学" },
];

export const DEMO_PASSWORD = "Luoshi@2024";

export const DEMO_USERS = [
  { username: "admin", displayName: "系统管理员", role: "admin", org: DEMO_BUREAU },
  { username: "ducha", displayName: "督查室 王敏", role: "supervisor", org: DEMO_BUREAU },
  { username: "leader", displayName: "局长 李建国", role: "leader", org: DEMO_BUREAU },
  { username: "jijiao", displayName: "基础教育股 张伟", role: "dept_head", org: "基础教育股" },
  { username: "school", displayName: "城关镇中心小学 刘芳", role: "school_reporter", org: "青山县城关镇中心小学" },
] as const;

/** The demo bureau's letterhead (系统管理 › 公文设置). */
export const DEMO_LETTERHEAD = {
  fullName: DEMO_BUREAU,
  shortName: "青山县教体局",
  mark: `${DEMO_BUREAU}文件`,
  noticeNumberPattern: "青教体督〔{year}〕{n}号",
  bulletinNumberPattern: "青教体通〔{year}〕{n}号",
  signature: DEMO_BUREAU,
  contactLine: "联系人：教育督导室 李明，联系电话：0739-5321234",
};
