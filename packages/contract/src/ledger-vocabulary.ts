/**
 * The ledgers' vocabulary (issue 15): ledger types, workflow states and actions, and the campus-safety
 * hazard ledger's categories, sources, grades, risk levels and inspection kinds, each with its Chinese
 * label. Plain data like vocabulary.ts; the SQL CHECK lists of migration 0013 are tested against them.
 */

const keysOf = <K extends string>(labels: Record<K, string>): readonly K[] => Object.keys(labels) as K[];

export const LEDGER_TYPE_LABELS = {
  campus_hazard: "校园安全隐患",
  health_check: "晨午检",
  student_screening: "学生健康筛查",
  // 控辍保学 and 学生资助 (issue 18)
  dropout_case: "控辍保学",
  aid_identification: "家庭经济困难学生认定",
  aid_payment: "学生资助发放",
  // 因病缺课病例 to 复课 (issue 16)
  illness_case: "因病缺课追踪",
} as const satisfies Record<string, string>;
export type LedgerType = keyof typeof LEDGER_TYPE_LABELS;
export const LEDGER_TYPES = keysOf(LEDGER_TYPE_LABELS);

/** Every workflow state of every ledger type (each type declares which of them it uses). */
export const LEDGER_STATE_LABELS = {
  found: "已登记",
  rectifying: "整改中",
  reviewing: "待复查",
  closed: "已销号",
  // 控辍保学 (issue 18)
  at_risk: "在册风险",
  dropped_out: "已辍学",
  persuading: "劝返中",
  returned: "已返校",
  placed: "其他安置",
  // 学生资助 (issue 18)
  applied: "待认定",
  identified: "已认定",
  not_identified: "未通过认定",
  paid: "已发放",
  // 因病缺课追踪 (issue 16)
  ill_absent: "因病缺课",
  resume_pending: "待查验复课证明",
  resumed: "已复课",
} as const satisfies Record<string, string>;
export type LedgerState = keyof typeof LEDGER_STATE_LABELS;
export const LEDGER_STATES = keysOf(LEDGER_STATE_LABELS);

/** What a history entry records: the record's creation, a workflow step or a correction. */
export const LEDGER_ACTION_LABELS = {
  record: "登记",
  assign: "下达整改",
  submit_fix: "提交整改",
  pass_review: "复查通过并销号",
  fail_review: "复查未通过",
  correct: "更正",
  // 控辍保学 and 学生资助 (issue 18)
  confirm_dropout: "确认辍学",
  persuade: "劝返",
  confirm_return: "确认返校",
  clear_risk: "风险解除",
  place_other: "其他安置",
  escalate: "上报教育局",
  identify: "认定通过",
  reject_identification: "认定不通过或取消认定",
  // 因病缺课追踪 (issue 16)
  follow_up: "随访",
  request_resume: "申请复课",
  verify_resume: "查验复课证明并复课",
  reject_resume: "复课证明查验未通过",
} as const satisfies Record<string, string>;
export type LedgerAction = keyof typeof LEDGER_ACTION_LABELS;
export const LEDGER_ACTIONS = keysOf(LEDGER_ACTION_LABELS);
/** The workflow steps a caller may ask for (record and correct have routes of their own). */
export const HAZARD_TRANSITIONS = ["assign", "submit_fix", "pass_review", "fail_review"] as const;
export type HazardTransition = (typeof HAZARD_TRANSITIONS)[number];

// --- campus safety hazards (../shared/reference/campus-safety-hazards.md) --------------------------

export const HAZARD_CATEGORY_LABELS = {
  buildings: "校舍及建筑",
  fire: "消防",
  utilities: "用电、燃气及特种设备",
  food: "食品（食堂）",
  traffic: "交通及校车",
  laboratory: "实验室与危化品",
  crowded_places: "人员密集场所",
  construction: "施工现场及老旧房屋",
  natural_disaster: "地质及自然灾害",
  security: "治安与安防",
  drowning: "防溺水",
  bullying: "学生欺凌与校园暴力",
  surroundings: "周边环境",
  activities: "集体活动",
  public_health: "传染病与公共卫生",
  mental_health: "心理健康",
} as const satisfies Record<string, string>;
export type HazardCategory = keyof typeof HAZARD_CATEGORY_LABELS;
export const HAZARD_CATEGORIES = keysOf(HAZARD_CATEGORY_LABELS);

/** 事故隐患的三个来源（物的危险状态、人的不安全行为、管理上的缺陷）. */
export const HAZARD_SOURCE_LABELS = {
  thing: "物的危险状态",
  person: "人的不安全行为",
  management: "管理上的缺陷",
} as const satisfies Record<string, string>;
export type HazardSource = keyof typeof HAZARD_SOURCE_LABELS;
export const HAZARD_SOURCES = keysOf(HAZARD_SOURCE_LABELS);

export const HAZARD_GRADE_LABELS = { general: "一般隐患", major: "重大隐患" } as const satisfies Record<string, string>;
export type HazardGrade = keyof typeof HAZARD_GRADE_LABELS;
export const HAZARD_GRADES = keysOf(HAZARD_GRADE_LABELS);

/** 安全风险分级管控: four levels, each with its colour. */
export const RISK_LEVEL_LABELS = {
  major: "重大风险",
  high: "较大风险",
  moderate: "一般风险",
  low: "低风险",
} as const satisfies Record<string, string>;
export type RiskLevel = keyof typeof RISK_LEVEL_LABELS;
export const RISK_LEVELS = keysOf(RISK_LEVEL_LABELS);
export const RISK_COLOURS: Record<RiskLevel, { colour: string; label: string }> = {
  major: { colour: "red", label: "红" },
  high: { colour: "orange", label: "橙" },
  moderate: { colour: "yellow", label: "黄" },
  low: { colour: "blue", label: "蓝" },
};

/** Inspection rounds (日排查、周研判、月专题 are a local convention; ad-hoc checks besides). */
export const ROUND_KIND_LABELS = {
  daily: "日排查",
  weekly: "周研判",
  monthly: "月专题",
  adhoc: "专项检查",
} as const satisfies Record<string, string>;
export type RoundKind = keyof typeof ROUND_KIND_LABELS;
export const ROUND_KINDS = keysOf(ROUND_KIND_LABELS);

/** The metrics a ledger computes, which a plan indicator may be bound to. */
export const LEDGER_METRIC_LABELS = {
  hazard_fix_rate: "隐患整改率",
  major_hazards_open: "重大隐患未销号数",
  health_check_completeness: "晨午检报告完整率",
  health_check_timeliness: "晨午检报告及时率",
  // Student health screening (issue 17): computed from the screening results of the plan's year.
  myopia_rate: "近视率",
  overweight_rate: "超重率",
  obesity_rate: "肥胖率",
  fitness_good_rate: "体质健康优良率",
  fitness_pass_rate: "体质健康及格率",
  // 控辍保学 and 学生资助 (issue 18)
  dropout_count: "辍学学生数",
  persuasion_rate: "劝返率",
  aid_coverage: "资助覆盖率",
} as const satisfies Record<string, string>;
export type LedgerMetric = keyof typeof LEDGER_METRIC_LABELS;
export const LEDGER_METRICS = keysOf(LEDGER_METRIC_LABELS);

/** Words of a plan target's subject that offer a binding to each metric (confirmed by a person). */
export const LEDGER_METRIC_SYNONYMS: Record<LedgerMetric, readonly string[]> = {
  hazard_fix_rate: ["隐患整改率", "隐患整改完成率", "隐患整改销号率", "安全隐患整改率", "整改率"],
  major_hazards_open: ["重大隐患", "重大安全隐患", "重大事故隐患"],
  health_check_completeness: ["晨午检", "晨午检报告完整率", "晨午检报告率", "传染病疫情日报告"],
  health_check_timeliness: ["晨午检及时率", "晨午检报告及时率", "疫情报告及时率"],
  myopia_rate: ["近视率", "总体近视率", "近视发生率", "近视患病率", "学生近视率"],
  overweight_rate: ["超重率"],
  obesity_rate: ["肥胖率"],
  fitness_good_rate: ["优良率", "体质健康优良率", "达标优良率", "体质健康标准优良率"],
  fitness_pass_rate: ["体质健康及格率", "体质健康达标率", "体质健康合格率", "体测及格率"],
  dropout_count: ["辍学学生数", "辍学人数", "动态清零", "失学辍学"],
  persuasion_rate: ["劝返率", "劝返复学率"],
  aid_coverage: ["资助覆盖率", "应助尽助", "资助率"],
};

/** The ledger type each metric is computed from. */
export const LEDGER_METRIC_TYPE: Record<LedgerMetric, LedgerType> = {
  hazard_fix_rate: "campus_hazard",
  major_hazards_open: "campus_hazard",
  health_check_completeness: "health_check",
  health_check_timeliness: "health_check",
  myopia_rate: "student_screening",
  overweight_rate: "student_screening",
  obesity_rate: "student_screening",
  fitness_good_rate: "student_screening",
  fitness_pass_rate: "student_screening",
  dropout_count: "dropout_case",
  persuasion_rate: "dropout_case",
  aid_coverage: "aid_identification",
};

// --- periodic returns and daily health reports (issue 16; ../shared/reference/school-infectious-disease-reporting.md)

/** The period a return is due for: every day, week (Monday to Sunday) or calendar month. */
export const PERIOD_KIND_LABELS = { day: "日", week: "周", month: "月" } as const satisfies Record<string, string>;
export type PeriodKind = keyof typeof PERIOD_KIND_LABELS;
export const PERIOD_KINDS = keysOf(PERIOD_KIND_LABELS);

/** A unit's return for one period and slot, as completeness and timeliness see it (DHIS2's definitions). */
export const RETURN_STATUS_LABELS = {
  timely: "按时报送",
  late: "逾期报送",
  missing: "未报送",
  pending: "未到截止时间",
} as const satisfies Record<string, string>;
export type ReturnStatus = keyof typeof RETURN_STATUS_LABELS;
export const RETURN_STATUSES = keysOf(RETURN_STATUS_LABELS);

/** 晨午(晚)检 time slots (WS/T 772). */
export const HEALTH_SLOT_LABELS = { morning: "晨检", noon: "午检", evening: "晚检" } as const satisfies Record<
  string,
  string
>;
export type HealthSlot = keyof typeof HEALTH_SLOT_LABELS;
export const HEALTH_SLOTS = keysOf(HEALTH_SLOT_LABELS);

/** Where an outbreak rule counts cases: one class, or the whole school (outbreak_alerts.scope). */
export const OUTBREAK_SCOPE_LABELS = { class: "班级", school: "学校" } as const satisfies Record<string, string>;
export type OutbreakScope = keyof typeof OUTBREAK_SCOPE_LABELS;
export const OUTBREAK_SCOPES = keysOf(OUTBREAK_SCOPE_LABELS);

/** The symptoms WS/T 772—2020 lists for monitoring: "similar symptoms" are grouped by these, never by free text. */
export const SYMPTOM_LABELS = {
  fever: "发热",
  cough: "咳嗽",
  headache: "头痛",
  sore_throat: "咽痛",
  parotid_swelling: "腮腺肿大",
  abdominal_pain: "腹痛",
  diarrhoea: "腹泻",
  vomiting: "呕吐",
  rash: "皮疹",
  dizziness: "头晕",
  fatigue: "乏力",
  conjunctival_congestion: "结膜充血",
} as const satisfies Record<string, string>;
export type Symptom = keyof typeof SYMPTOM_LABELS;
export const SYMPTOMS = keysOf(SYMPTOM_LABELS);
// --- student health screening (issue 17, ../shared/reference/student-health.md) --------------------

export const SCREENING_GROUPINGS = ["school", "grade", "class", "sex"] as const;
export type ScreeningGrouping = (typeof SCREENING_GROUPINGS)[number];
export const SCREENING_GROUPING_LABELS: Record<ScreeningGrouping, string> = {
  school: "学校",
  grade: "年级",
  class: "班级",
  sex: "性别",
};

export const SCREENING_RATE_METRICS = [
  "myopia_rate",
  "overweight_rate",
  "obesity_rate",
  "fitness_good_rate",
  "fitness_pass_rate",
] as const;

export const INTERVENTION_KIND_LABELS = {
  parent_notice: "家长告知",
  referral: "转诊",
  exercise: "运动处方",
  diet: "饮食指导",
} as const satisfies Record<string, string>;
export type InterventionKind = keyof typeof INTERVENTION_KIND_LABELS;
export const INTERVENTION_KINDS = keysOf(INTERVENTION_KIND_LABELS);

export const FOLLOWUP_REASON_LABELS = {
  new_myopia: "新发近视",
  vision_worse: "视力下降（任一眼下降2行及以上）",
  new_obesity: "新发肥胖",
  bmi_worse: "由正常变为超重",
} as const satisfies Record<string, string>;
export type FollowupReason = keyof typeof FOLLOWUP_REASON_LABELS;

export const SCREENING_IMPORT_MODES = ["all", "valid_only"] as const;
export const SCREENING_IMPORT_MODE_LABELS = { all: "全部无误才导入", valid_only: "只导入无误的行" } as const;

/** Value lists the screening tables restrict their columns to (migration 0022). */
export const SCREENING_SEXES = ["male", "female"] as const;
export const GLASSES_KINDS = ["none", "frame", "contact", "ortho_k"] as const;
export const BMI_CATEGORIES = ["normal", "overweight", "obese"] as const;
export const FITNESS_GRADES = ["excellent", "good", "pass", "fail"] as const;
export const BMI_CATEGORY_LABELS = { normal: "正常", overweight: "超重", obese: "肥胖" } as const;
export const FITNESS_GRADE_LABELS = { excellent: "优秀", good: "良好", pass: "及格", fail: "不及格" } as const;
export const GLASSES_LABELS = {
  none: "未戴镜",
  frame: "框架眼镜",
  contact: "隐形眼镜",
  ortho_k: "角膜塑形镜（OK镜）",
} as const;

// --- illness-absence cases to 复课 (issue 16) -------------------------------------------------------

/** 就诊情况 of a student absent for illness. */
export const MEDICAL_VISIT_LABELS = {
  not_visited: "未就诊",
  outpatient: "门诊就诊",
  inpatient: "住院",
} as const satisfies Record<string, string>;
export type MedicalVisit = keyof typeof MEDICAL_VISIT_LABELS;
export const MEDICAL_VISITS = keysOf(MEDICAL_VISIT_LABELS);

/** 诊断: the notifiable diseases most seen in schools (the reference's list), or neither. */
export const DIAGNOSIS_LABELS = {
  influenza: "流行性感冒/流感样病例",
  varicella: "水痘",
  hfmd: "手足口病",
  mumps: "流行性腮腺炎",
  infectious_diarrhoea: "诺如病毒等其他感染性腹泻",
  bacillary_dysentery: "细菌性痢疾",
  scarlet_fever: "猩红热",
  measles: "麻疹",
  rubella: "风疹",
  conjunctivitis: "急性出血性结膜炎",
  tuberculosis: "肺结核",
  hepatitis: "病毒性肝炎（甲/戊）",
  meningitis: "流行性脑脊髓膜炎",
  dengue: "登革热",
  other_infectious: "其他传染病",
  non_infectious: "非传染性疾病",
  undiagnosed: "尚未明确诊断",
} as const satisfies Record<string, string>;
export type Diagnosis = keyof typeof DIAGNOSIS_LABELS;
export const DIAGNOSES = keysOf(DIAGNOSIS_LABELS);
/** Diagnoses after which 复课 needs a medical 复课证明 (an infectious disease, or not yet known). */
export const CERTIFICATE_DIAGNOSES: readonly Diagnosis[] = DIAGNOSES.filter((d) => d !== "non_infectious");
export const ILLNESS_CASE_TRANSITIONS = ["follow_up", "request_resume", "verify_resume", "reject_resume"] as const;
export type IllnessCaseTransition = (typeof ILLNESS_CASE_TRANSITIONS)[number];
