/**
 * 控辍保学 and 学生资助 vocabulary (issue 18, ../shared/reference/dropout-and-aid.md): risk levels,
 * reasons, sources, 劝返 methods, other placements, special groups, aid stages, programmes and
 * difficulty levels, each with its Chinese label. Plain data like ledger-vocabulary.ts.
 */

const keysOf = <K extends string>(labels: Record<K, string>): readonly K[] => Object.keys(labels) as K[];

export const DROPOUT_RISK_LABELS = { high: "高风险", medium: "中风险", low: "低风险" } as const satisfies Record<
  string,
  string
>;
export type DropoutRisk = keyof typeof DROPOUT_RISK_LABELS;
export const DROPOUT_RISKS = keysOf(DROPOUT_RISK_LABELS);

/** 辍学原因 (the reference's list). */
export const DROPOUT_REASON_LABELS = {
  study_weariness: "厌学",
  migrant_work: "外出务工",
  family_hardship: "家庭困难",
  illness_disability: "疾病残疾",
  early_marriage: "早婚",
  other: "其他",
} as const satisfies Record<string, string>;
export type DropoutReason = keyof typeof DROPOUT_REASON_LABELS;
export const DROPOUT_REASONS = keysOf(DROPOUT_REASON_LABELS);

/** Where a case was found: 四查三比对, 铁脚板摸排, the school's own attendance. */
export const DROPOUT_SOURCE_LABELS = {
  comparison: "四查三比对",
  door_to_door: "铁脚板摸排",
  absence: "学校缺勤排查",
} as const satisfies Record<string, string>;
export type DropoutSource = keyof typeof DROPOUT_SOURCE_LABELS;
export const DROPOUT_SOURCES = keysOf(DROPOUT_SOURCE_LABELS);

/** How one 劝返 step was done. */
export const PERSUASION_METHOD_LABELS = {
  home_visit: "入户家访",
  talk: "谈心谈话",
  phone: "电话联系",
  joint_visit: "乡镇村干部联合劝返",
  send_teaching: "送教上门",
  regular_class: "随班就读安排",
  other: "其他方式",
} as const satisfies Record<string, string>;
export type PersuasionMethod = keyof typeof PERSUASION_METHOD_LABELS;
export const PERSUASION_METHODS = keysOf(PERSUASION_METHOD_LABELS);

/** 其他安置: a case closed without a return to an ordinary class. */
export const PLACEMENT_LABELS = {
  send_teaching: "送教上门",
  special_school: "特殊教育学校就读",
  transfer_verified: "转学外地（已核实）",
  sick_leave: "因病休学",
  other_legal: "其他合法去向",
} as const satisfies Record<string, string>;
export type Placement = keyof typeof PLACEMENT_LABELS;
export const PLACEMENTS = keysOf(PLACEMENT_LABELS);

/** 重点监测群体 and the 认定 special groups. */
export const SPECIAL_GROUP_LABELS = {
  orphan: "孤儿",
  unsupported: "事实无人抚养儿童",
  disabled: "残疾儿童",
  left_behind: "留守儿童",
  distressed: "困境儿童",
  migrant: "随迁子女",
  juvenile_case: "涉案未成年人",
  poverty_alleviated: "脱贫家庭（监测对象）",
  minimum_living: "最低生活保障家庭",
  extreme_poverty: "特困供养",
  martyr: "烈士子女",
  family_economy: "家庭经济因素",
  emergency: "突发状况",
} as const satisfies Record<string, string>;
export type SpecialGroup = keyof typeof SPECIAL_GROUP_LABELS;
export const SPECIAL_GROUPS = keysOf(SPECIAL_GROUP_LABELS);

export const AID_STAGE_LABELS = {
  preschool: "学前教育",
  primary: "小学",
  junior: "初中",
  senior: "普通高中",
  vocational: "中职",
} as const satisfies Record<string, string>;
export type AidStage = keyof typeof AID_STAGE_LABELS;
export const AID_STAGES = keysOf(AID_STAGE_LABELS);

export const AID_PROGRAMME_LABELS = {
  preschool_aid: "学前教育幼儿资助",
  living_allowance: "家庭经济困难学生生活补助",
  nutrition: "农村义务教育学生营养改善计划",
  senior_grant: "普通高中国家助学金",
  senior_fee_waiver: "普通高中免学杂费",
  vocational_grant: "中职国家助学金",
  vocational_fee_waiver: "中职免学费",
} as const satisfies Record<string, string>;
export type AidProgramme = keyof typeof AID_PROGRAMME_LABELS;
export const AID_PROGRAMMES = keysOf(AID_PROGRAMME_LABELS);

/** The programmes paid only to identified 家庭经济困难学生 (the others are for every student of a kind). */
export const AID_PROGRAMMES_NEEDING_IDENTIFICATION: readonly AidProgramme[] = [
  "preschool_aid",
  "living_allowance",
  "senior_grant",
  "senior_fee_waiver",
];

/** The stages each programme serves. */
export const AID_PROGRAMME_STAGES: Record<AidProgramme, readonly AidStage[]> = {
  preschool_aid: ["preschool"],
  living_allowance: ["primary", "junior"],
  nutrition: ["primary", "junior"],
  senior_grant: ["senior"],
  senior_fee_waiver: ["senior"],
  vocational_grant: ["vocational"],
  vocational_fee_waiver: ["vocational"],
};

/** 认定档次 (three levels are the common local practice). */
export const AID_LEVEL_LABELS = {
  general: "一般困难",
  relative: "比较困难",
  special: "特别困难",
} as const satisfies Record<string, string>;
export type AidLevel = keyof typeof AID_LEVEL_LABELS;
export const AID_LEVELS = keysOf(AID_LEVEL_LABELS);

export const AID_TERM_LABELS = { autumn: "秋季学期", spring: "春季学期" } as const satisfies Record<string, string>;
export type AidTerm = keyof typeof AID_TERM_LABELS;
export const AID_TERMS = keysOf(AID_TERM_LABELS);

export const AID_METHOD_LABELS = {
  bank_card: "银行卡（社保卡）发放",
  meal_offset: "抵扣餐费",
  fee_offset: "抵免学杂费",
  other: "其他方式",
} as const satisfies Record<string, string>;
export type AidMethod = keyof typeof AID_METHOD_LABELS;
export const AID_METHODS = keysOf(AID_METHOD_LABELS);

/** The coverage checks of 应助尽助. */
export const AID_CHECK_LABELS = {
  unaided: "已认定未资助（应助未助）",
  duplicate: "同一项目同一学期重复资助",
  unidentified: "未经认定获得资助",
} as const satisfies Record<string, string>;
export type AidCheck = keyof typeof AID_CHECK_LABELS;
export const AID_CHECKS = keysOf(AID_CHECK_LABELS);

/** The county's 控辍保学 台账 of the national rule (April 2024) kept from the cases (dropout ledgers, issue 18). */
export const DROPOUT_LEDGER_LABELS = {
  suspected: "疑似辍学学生台账",
  dropped: "辍学学生台账",
} as const satisfies Record<string, string>;
export type DropoutLedgerKind = keyof typeof DROPOUT_LEDGER_LABELS;
export const DROPOUT_LEDGER_KINDS = keysOf(DROPOUT_LEDGER_LABELS);

/** 适龄儿童台账: a child of the 户籍 roster as the latest 户籍 ↔ 学籍 comparison and their case show them. */
export const CHILD_STATUS_LABELS = {
  enrolled: "在校",
  not_enrolled: "适龄未入学",
  suspected: "疑似辍学",
  dropped_out: "已确认辍学",
  persuading: "劝返中",
  returned: "已复学",
  placed: "其他合法去向",
  out_of_age: "不在义务教育年龄段",
} as const satisfies Record<string, string>;
export type ChildStatus = keyof typeof CHILD_STATUS_LABELS;
export const CHILD_STATUSES = keysOf(CHILD_STATUS_LABELS);

/** 义务教育年龄段: a child counts from the age of 6 to 15 (inclusive) on the day asked. */
export const COMPULSORY_AGE = { from: 6, to: 15 } as const;
