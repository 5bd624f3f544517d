import type { FitnessItem } from "./fitness.js";

/**
 * The columns of the sheets schools have (national 体测 template, vision screening sheets,
 * height/weight lists), found by header name with synonyms, never by position. Pure.
 */

export type Field =
  | "studentNo"
  | "idNumber"
  | "name"
  | "sex"
  | "birthDate"
  | "grade"
  | "className"
  | "measuredOn"
  | "heightCm"
  | "weightKg"
  | "vaLeft"
  | "vaRight"
  | "sphLeft"
  | "cylLeft"
  | "sphRight"
  | "cylRight"
  | "seLeft"
  | "seRight"
  | "glasses"
  | "total"
  | "bonus";

const eyes = (l: string[], r: string[]) => [l, r] as const;
const [VA_L, VA_R] = eyes(
  ["左眼裸眼视力", "裸眼视力左", "左裸眼视力", "左眼视力", "视力左", "左眼远视力", "裸眼远视力左"],
  ["右眼裸眼视力", "裸眼视力右", "右裸眼视力", "右眼视力", "视力右", "右眼远视力", "裸眼远视力右"],
);

export const FIELD_SYNONYMS: Record<Field, readonly string[]> = {
  studentNo: ["学籍号", "全国学籍号", "学生学籍号", "学籍辅号", "学籍编号"],
  idNumber: ["身份证号", "身份证号码", "身份证件号", "身份证件号码", "证件号码", "证件号"],
  name: ["姓名", "学生姓名"],
  sex: ["性别"],
  birthDate: ["出生日期", "出生年月日", "出生年月", "生日"],
  grade: ["年级", "年级编号", "年级名称", "年级代码"],
  className: ["班级", "班级名称", "班级编号", "班别", "班号", "班"],
  measuredOn: ["检查日期", "测试日期", "筛查日期", "体检日期", "测量日期"],
  heightCm: ["身高", "身高cm", "身高厘米"],
  weightKg: ["体重", "体重kg", "体重千克", "体重公斤"],
  vaLeft: VA_L,
  vaRight: VA_R,
  sphLeft: ["左眼球镜", "球镜左", "左球镜", "左眼球镜度数", "左眼球镜d", "球镜度数左"],
  cylLeft: ["左眼柱镜", "柱镜左", "左柱镜", "左眼柱镜度数", "左眼柱镜d", "柱镜度数左"],
  sphRight: ["右眼球镜", "球镜右", "右球镜", "右眼球镜度数", "右眼球镜d", "球镜度数右"],
  cylRight: ["右眼柱镜", "柱镜右", "右柱镜", "右眼柱镜度数", "右眼柱镜d", "柱镜度数右"],
  seLeft: ["左眼等效球镜", "等效球镜左", "左等效球镜", "左眼se", "se左"],
  seRight: ["右眼等效球镜", "等效球镜右", "右等效球镜", "右眼se", "se右"],
  glasses: ["戴镜类型", "是否戴镜", "戴镜情况", "戴镜", "眼镜类型"],
  total: ["学年总分", "总分", "体质健康总分", "测试总分", "综合成绩", "总成绩"],
  bonus: ["附加分", "加分", "加分指标得分"],
};

/** 单项得分 columns: "<item>得分" or "<item>分数"; 仰卧起坐 is the girls' strength item from grade 7. */
const ITEM_NAMES: Record<string, FitnessItem | "sit_ups_or_strength"> = {
  体重指数: "bmi",
  体重指数bmi: "bmi",
  bmi: "bmi",
  肺活量: "vital_capacity",
  "50米跑": "sprint_50m",
  坐位体前屈: "sit_and_reach",
  一分钟跳绳: "rope_skipping",
  "1分钟跳绳": "rope_skipping",
  跳绳: "rope_skipping",
  一分钟仰卧起坐: "sit_ups_or_strength",
  "1分钟仰卧起坐": "sit_ups_or_strength",
  仰卧起坐: "sit_ups_or_strength",
  "50米×8往返跑": "shuttle_50x8",
  "50米x8往返跑": "shuttle_50x8",
  "50米*8往返跑": "shuttle_50x8",
  "50×8往返跑": "shuttle_50x8",
  "50x8往返跑": "shuttle_50x8",
  立定跳远: "standing_long_jump",
  引体向上: "strength",
  "1000米跑": "endurance",
  "800米跑": "endurance",
  "1000米": "endurance",
  "800米": "endurance",
};

/** Columns schools carry that the ledger keeps no use for; not reported as unknown. */
const IGNORED = [
  "序号",
  "民族代码",
  "民族",
  "家庭住址",
  "住址",
  "学校",
  "学校名称",
  "学校代码",
  "备注",
  "等级",
  "评定等级",
  "总评等级",
  "标准分",
  "学号",
  "班级编号名称",
];

export const normalizeHeader = (h: string): string =>
  h
    .normalize("NFKC")
    .replace(/[\s（）()【】[\]:：_\-—/\\、.]/g, "")
    .replace(/[×xX*]/g, (c) => (c === "×" ? "×" : "x"))
    .toLowerCase();

export type ItemColumn = FitnessItem | "sit_ups_or_strength";

export interface ColumnMap {
  fields: Partial<Record<Field, number>>;
  itemScores: Partial<Record<ItemColumn, number>>;
  /** Raw fitness results (肺活量 ml, 50米跑 s, …): kept as imported, not scored. */
  rawResults: Record<string, number>;
  unknown: string[];
}

const LOOKUP = new Map<string, Field>();
for (const [field, words] of Object.entries(FIELD_SYNONYMS) as [Field, readonly string[]][])
  for (const w of words) LOOKUP.set(normalizeHeader(w), field);
const ITEMS = new Map(Object.entries(ITEM_NAMES).map(([k, v]) => [normalizeHeader(k), v]));
const IGNORED_SET = new Set(IGNORED.map(normalizeHeader));

export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = { fields: {}, itemScores: {}, rawResults: {}, unknown: [] };
  header.forEach((cell, i) => {
    const h = normalizeHeader(cell);
    if (h === "") return;
    const field = LOOKUP.get(h) ?? LOOKUP.get(h.replace(/(cm|kg|厘米|千克|公斤)$/, ""));
    if (field !== undefined && map.fields[field] === undefined) {
      map.fields[field] = i;
      return;
    }
    const score = /^(.+?)(得分|分数|成绩分)$/.exec(h);
    const item = score ? ITEMS.get(score[1]!) : undefined;
    if (item !== undefined) {
      map.itemScores[item] ??= i;
      return;
    }
    const raw = ITEMS.get(h.replace(/(ml|毫升|秒|s|cm|厘米|次|个)$/, ""));
    if (raw !== undefined) {
      map.rawResults[cell.trim()] = i;
      return;
    }
    if (!IGNORED_SET.has(h)) map.unknown.push(cell.trim());
  });
  return map;
}

/** A sheet is one of ours when it names a student key and at least one measurement. */
export function isScreeningHeader(map: ColumnMap): boolean {
  const f = map.fields;
  const key = f.studentNo !== undefined || f.idNumber !== undefined;
  const measured =
    f.heightCm !== undefined ||
    f.vaLeft !== undefined ||
    f.vaRight !== undefined ||
    f.total !== undefined ||
    Object.keys(map.itemScores).length > 0;
  return key && measured;
}
