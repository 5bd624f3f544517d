/**
 * Every user-facing Chinese text of the package lives here. Codes are stable for programs;
 * messages are for people and may be reworded.
 */

export type PlacementIssueCode =
  | "EMPTY_ROSTER"
  | "COLUMN_MISSING"
  | "ID_MISSING"
  | "ID_DUPLICATE"
  | "NAME_MISSING"
  | "GENDER_INVALID"
  | "SCORE_MISSING"
  | "SCORE_NOT_NUMERIC"
  | "GROUP_SINGLETON"
  | "GROUP_TOO_LARGE"
  | "APART_UNKNOWN_ID"
  | "APART_SELF"
  | "APART_SAME_GROUP"
  | "CLASS_COUNT_INVALID"
  | "CAPACITY_INVALID"
  | "CAPACITY_COUNT_MISMATCH"
  | "CAPACITY_TOO_SMALL"
  | "TEACHER_NAME_MISSING"
  | "TEACHER_COUNT_MISMATCH"
  | "TEAM_HEAD_MISSING"
  | "DRAW_EMPTY"
  | "PLACEMENT_INFEASIBLE";

type MessageArgs = Record<string, string | number>;

const MESSAGES: Record<PlacementIssueCode, (a: MessageArgs) => string> = {
  EMPTY_ROSTER: () => "名单中没有学生数据",
  COLUMN_MISSING: (a) => `缺少必需的列「${a.column}」（可用表头：${a.accepted}）`,
  ID_MISSING: () => "学号（身份证号/考号）为空",
  ID_DUPLICATE: (a) => `学号「${a.id}」重复（与第 ${a.firstRow} 行相同）`,
  NAME_MISSING: () => "姓名为空",
  GENDER_INVALID: (a) => `性别「${a.value}」无法识别，应为“男”或“女”`,
  SCORE_MISSING: (a) => `「${a.column}」成绩为空`,
  SCORE_NOT_NUMERIC: (a) => `「${a.column}」成绩「${a.value}」不是数字`,
  GROUP_SINGLETON: (a) => `同班组「${a.group}」只有这一名学生，请核对组号`,
  GROUP_TOO_LARGE: (a) => `同班组「${a.group}」共 ${a.size} 人，超过最大班额 ${a.capacity} 人`,
  APART_UNKNOWN_ID: (a) => `“分开”列中的学号「${a.id}」不在名单中`,
  APART_SELF: () => "“分开”列不能填写本人的学号",
  APART_SAME_GROUP: (a) => `与「${a.id}」既要求同班又要求分开，互相矛盾`,
  CLASS_COUNT_INVALID: (a) => `班级数「${a.value}」无效，应为正整数`,
  CAPACITY_INVALID: (a) => `班额「${a.value}」无效，应为正整数`,
  CAPACITY_COUNT_MISMATCH: (a) => `给出了 ${a.given} 个班额，但班级数为 ${a.classes}`,
  CAPACITY_TOO_SMALL: (a) => `各班班额合计 ${a.capacity} 人，少于学生总数 ${a.students} 人`,
  TEACHER_NAME_MISSING: () => "教师姓名为空",
  TEACHER_COUNT_MISMATCH: (a) => `班主任（教师团队）共 ${a.teams} 个，与班级数 ${a.classes} 不一致`,
  TEAM_HEAD_MISSING: (a) => `教师团队「${a.team}」没有班主任`,
  DRAW_EMPTY: () => "现场公开摇号数字为空",
  PLACEMENT_INFEASIBLE: () => "在班额与“分开”约束下无法安排全部学生，请检查约束是否过多",
};

export function issueMessage(code: PlacementIssueCode, args: MessageArgs = {}): string {
  return MESSAGES[code](args);
}

/** Labels used in outputs (xlsx, docx, CLI). */
export const LABELS = {
  male: "男",
  female: "女",
  className: (n: number) => `${n}班`,
  summarySheet: "汇总",
  defaultTitle: "均衡编班结果",
  summaryTitle: (title: string) => `${title}各班统计`,
  classListTitle: (title: string, n: number) => `${title} ${n}班名单`,
  headTeacher: "班主任",
  teamMembers: "科任教师",
  size: "人数",
  index: "序号",
  id: "学号",
  name: "姓名",
  gender: "性别",
  tags: "标签",
  group: "同班组",
  mean: "均分",
  sd: "标准差",
  maxMeanDiff: "各班均分最大差",
  maxSdDiff: "各班标准差最大差",
  maxGenderDiff: "各班男/女生人数最大差",
  maxTagDiff: "各班该类学生人数最大差",
  constraintsOk: "全部满足",
  constraintsBroken: "未满足",
} as const;

export const VERIFY_REASONS = {
  resultUnreadable: "结果文件无法读取或不是有效的 JSON",
  rosterHash: (published: string, actual: string) =>
    `学生名单与公示的名单哈希不一致（公示 ${published}，本次 ${actual}），名单可能被改动`,
  paramsHash: (published: string, actual: string) =>
    `编班参数（班级数、班额、教师名单）与公示的参数哈希不一致（公示 ${published}，本次 ${actual}）`,
  draw: (published: string, actual: string) => `现场摇号数字不一致（公示「${published}」，本次「${actual}」）`,
  seed: "随机种子与公示的种子不一致",
  assignment: (detail: string) => `重新计算的编班结果与公示结果不一致：${detail}`,
  teachers: (classNo: number) => `${classNo}班的班主任（教师团队）与公示结果不一致`,
  bytes: "结果文件内容与重新计算的结果不一致（文件被改动或格式不同）",
  studentMoved: (id: string, published: string, actual: string) =>
    `学生「${id}」公示在${published}，重新计算应在${actual}`,
} as const;
