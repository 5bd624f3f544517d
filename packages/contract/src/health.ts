import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import {
  HEALTH_SLOTS,
  LEDGER_TYPES,
  OUTBREAK_SCOPES,
  PERIOD_KINDS,
  RETURN_STATUSES,
  SYMPTOMS,
} from "./ledger-vocabulary.js";

/**
 * Requests and answers of periodic returns (any ledger type: completeness, timeliness, late and
 * missing lists, chasing) and of the daily health reports (issue 16: classes and their 晨午检).
 */

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const LedgerTypeSchema = OneOf(LEDGER_TYPES, { description: "台账类型" });
export const PeriodKindSchema = OneOf(PERIOD_KINDS, { description: "报送周期" });
export const ReturnStatusSchema = OneOf(RETURN_STATUSES, { description: "报送状态" });
export const HealthSlotSchema = OneOf(HEALTH_SLOTS, { description: "晨午检时段" });
export const SymptomSchema = OneOf(SYMPTOMS, { description: "症状（WS/T 772）" });

// --- periodic returns ---------------------------------------------------------------------------

export const ReturnSchedule = Type.Object(
  {
    periodKind: PeriodKindSchema,
    slots: Type.Array(
      Type.Object(
        {
          slot: Type.String({ maxLength: 32, description: "时段（一个周期只报一次时为空）" }),
          time: Type.String({ pattern: "^([01]\\d|2[0-3]):[0-5]\\d$", description: "截止时间 HH:MM（北京时间）" }),
          afterEnd: Type.Integer({ minimum: 0, maximum: 31, description: "周期最后一天之后的天数" }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 4 },
    ),
    closedWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, description: "不上课的星期" }),
    closedDays: Type.Array(IsoDate, { maxItems: 400, description: "节假日等不上课日" }),
    openDays: Type.Array(IsoDate, { maxItems: 100, description: "调休上课日" }),
  },
  { additionalProperties: false },
);
export type ReturnSchedule = Static<typeof ReturnSchedule>;

export const ReturnTypeQuery = Type.Object({ type: LedgerTypeSchema });

export const ReturnsQuery = Type.Object({
  type: LedgerTypeSchema,
  from: IsoDate,
  to: IsoDate,
  orgId: Type.Optional(Id),
});

export const ReturnsDayQuery = Type.Object({
  type: LedgerTypeSchema,
  date: Type.Optional(IsoDate),
  orgId: Type.Optional(Id),
});

const SummaryFields = {
  expected: Type.Integer(),
  due: Type.Integer({ description: "已过截止时间的应报数（两率的分母）" }),
  submitted: Type.Integer(),
  zero: Type.Integer({ description: "零报告（无异常）数" }),
  timely: Type.Integer(),
  late: Type.Integer(),
  missing: Type.Integer(),
  pending: Type.Integer(),
  completeness: Nullable(Type.Number({ description: "报告完整率（%）" })),
  timeliness: Nullable(Type.Number({ description: "报告及时率（%）" })),
};
export const ReturnSummary = Type.Object(SummaryFields);
export const SchoolReturnSummary = Type.Object({ orgId: Type.String(), orgName: Type.String(), ...SummaryFields });

export const ReturnItem = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  period: DateString,
  slot: Type.String(),
  dueAt: Timestamp,
  status: ReturnStatusSchema,
  submittedAt: Nullable(Timestamp),
  zero: Nullable(Type.Boolean()),
  responsibleName: Nullable(Type.String()),
});
export type ReturnItem = Static<typeof ReturnItem>;

export const ReturnsReport = Type.Object({
  type: LedgerTypeSchema,
  from: DateString,
  to: DateString,
  summary: ReturnSummary,
  bySchool: Type.Array(SchoolReturnSummary),
  overdue: Type.Array(ReturnItem, { description: "逾期和未报送的报告（最多500条）" }),
  overdueTotal: Type.Integer(),
});
export type ReturnsReport = Static<typeof ReturnsReport>;

export const ReturnsDay = Type.Object({
  type: LedgerTypeSchema,
  date: DateString,
  summary: ReturnSummary,
  schools: Type.Array(
    Type.Object({
      ...SchoolReturnSummary.properties,
      illAbsent: Type.Optional(Type.Integer({ description: "因病缺课人数（晨午检：各班当日两次中较多的一次之和）" })),
      symptoms: Type.Optional(Type.Record(Type.String(), Type.Integer(), { description: "症状 → 人数" })),
    }),
  ),
  items: Type.Array(ReturnItem, { description: "各单位（班级）明细：只在指定学校（orgId）时列出" }),
});
export type ReturnsDay = Static<typeof ReturnsDay>;

export const ChaseResult = Type.Object({
  notifications: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
});

// --- classes and class checks -------------------------------------------------------------------

export const SchoolClass = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  grade: Type.String(),
  headTeacherId: Nullable(Type.String()),
  headTeacherName: Nullable(Type.String()),
  enrolled: Type.Integer(),
  roster: Type.Array(Type.String(), { description: "记住的学生名单（脱敏）" }),
});
export type SchoolClass = Static<typeof SchoolClass>;

export const ClassScopeSchema = OneOf(["teacher", "school", "bureau"] as const, {
  description: "班主任本班 / 学校疫情报告人全校 / 教育局汇总",
});

export const ClassList = Type.Object({ scope: ClassScopeSchema, classes: Type.Array(SchoolClass) });
export type ClassList = Static<typeof ClassList>;

export const NewClassBody = Type.Object(
  {
    orgId: Type.Optional(Id),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    grade: Type.Optional(Type.String({ maxLength: 20 })),
    headTeacherId: Type.Optional(Nullable(Id)),
    enrolled: Type.Integer({ minimum: 0, maximum: 500 }),
  },
  { additionalProperties: false },
);
export type NewClassBody = Static<typeof NewClassBody>;

export const IllStudent = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 20, description: "学生姓名（个人信息）" }),
    symptoms: Type.Array(SymptomSchema, { minItems: 1, maxItems: 12, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const ClassCheckBody = Type.Object(
  {
    classId: Id,
    date: IsoDate,
    slot: HealthSlotSchema,
    expected: Type.Optional(Type.Integer({ minimum: 0, maximum: 500, description: "应到人数（缺省为班级人数）" })),
    present: Type.Optional(Type.Integer({ minimum: 0, maximum: 500, description: "实到人数（缺省为应到人数）" })),
    students: Type.Optional(
      Type.Array(IllStudent, { maxItems: 500, description: "因病缺课学生；为空即“无异常”零报告" }),
    ),
  },
  { additionalProperties: false },
);
export type ClassCheckBody = Static<typeof ClassCheckBody>;

export const ClassCheck = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  date: DateString,
  slot: HealthSlotSchema,
  zero: Type.Boolean(),
  expected: Type.Integer(),
  present: Type.Integer(),
  illAbsent: Type.Integer(),
  symptoms: Type.Record(Type.String(), Type.Integer(), { description: "症状 → 人数" }),
  students: Type.Array(
    Type.Object({ name: Type.String({ description: "脱敏姓名" }), symptoms: Type.Array(SymptomSchema) }),
  ),
  version: Type.Integer(),
  submittedAt: Timestamp,
  updatedAt: Timestamp,
});
export type ClassCheck = Static<typeof ClassCheck>;

export const ClassChecksQuery = Type.Object({ date: Type.Optional(IsoDate), orgId: Type.Optional(Id) });

export const ClassSlotStatus = Type.Object({
  status: ReturnStatusSchema,
  dueAt: Timestamp,
  zero: Nullable(Type.Boolean()),
});

export const ClassChecks = Type.Object({
  date: DateString,
  open: Type.Boolean({ description: "该日是否上课（需填报）" }),
  classes: Type.Array(
    Type.Object({
      ...SchoolClass.properties,
      slots: Type.Record(Type.String(), ClassSlotStatus, { description: "时段 → 报送状态" }),
    }),
  ),
  checks: Type.Array(ClassCheck),
});
export type ClassChecks = Static<typeof ClassChecks>;

export const ClassCheckKey = Type.Object({ classId: Id, date: IsoDate, slot: HealthSlotSchema });

export const ClassCheckReveal = Type.Object({
  classId: Type.String(),
  date: DateString,
  slot: HealthSlotSchema,
  students: Type.Array(Type.Object({ name: Type.String(), symptoms: Type.Array(SymptomSchema) })),
});

// --- outbreak alerts ----------------------------------------------------------------------------

export const OutbreakAlert = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  version: Type.String({ description: "规则版本（预警按开启时的版本保留）" }),
  label: Type.String(),
  scope: OneOf(OUTBREAK_SCOPES, { description: "班级 / 学校" }),
  unitId: Type.String(),
  unitName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  windowFrom: DateString,
  windowTo: DateString,
  count: Type.Integer({ description: "窗口内的病例数（人数）" }),
  detectedAt: Timestamp,
  dueAt: Timestamp,
  reportedAt: Nullable(Timestamp),
  reportNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
});
export type OutbreakAlert = Static<typeof OutbreakAlert>;

export const OutbreakAlertsQuery = Type.Object({ orgId: Type.Optional(Id), date: Type.Optional(IsoDate) });
export const OutbreakReportBody = Type.Object(
  {
    alertId: Type.String({ minLength: 1, maxLength: 300 }),
    note: Type.String({
      minLength: 1,
      maxLength: 500,
      description: "报告情况（向疾控和教育局报告的时间、方式、接报人）",
    }),
  },
  { additionalProperties: false },
);

// --- school summaries (学校汇总, built from the class checks) -----------------------------------

const SummaryTotals = Type.Object({
  classes: Type.Integer(),
  submittedClasses: Type.Integer(),
  zeroClasses: Type.Integer(),
  expected: Type.Integer(),
  present: Type.Integer(),
  illAbsent: Type.Integer(),
  symptoms: Type.Record(Type.String(), Type.Integer(), { description: "症状 → 人数" }),
  missingClasses: Type.Array(Type.String(), { description: "汇总时尚未报送的班级" }),
});

export const SchoolSummary = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  date: DateString,
  slot: HealthSlotSchema,
  live: SummaryTotals,
  submitted: Nullable(SummaryTotals),
  submittedAt: Nullable(Timestamp),
  updatedAt: Nullable(Timestamp),
  version: Type.Integer(),
});
export type SchoolSummary = Static<typeof SchoolSummary>;

export const SchoolSummaries = Type.Object({ date: DateString, summaries: Type.Array(SchoolSummary) });
export type SchoolSummaries = Static<typeof SchoolSummaries>;

export const SchoolSummaryBody = Type.Object(
  { date: IsoDate, slot: HealthSlotSchema, orgId: Type.Optional(Id) },
  { additionalProperties: false },
);

// --- outbreak rules: national values, regional overrides, versions ----------------------------------

const RuleValues = {
  windowDays: Type.Integer({ minimum: 1, maximum: 31, description: "统计窗口（天）" }),
  threshold: Type.Integer({ minimum: 1, maximum: 1000, description: "阈值（例）" }),
  dueHours: Type.Integer({ minimum: 0, maximum: 72, description: "报告时限（小时，0为立即）" }),
};

export const OutbreakRuleView = Type.Object({
  id: Type.String(),
  version: Type.String({ description: "现行版本（本地修改后为“国家版本+区域n”）" }),
  label: Type.String(),
  scope: OneOf(OUTBREAK_SCOPES, { description: "班级 / 学校" }),
  allOf: Type.Array(SymptomSchema),
  anyOf: Type.Array(SymptomSchema),
  ...RuleValues,
  national: Type.Object({ version: Type.String(), ...RuleValues }, { description: "国家（默认）值" }),
  history: Type.Array(
    Type.Object({
      version: Type.Integer(),
      reset: Type.Boolean(),
      ...RuleValues,
      note: Type.String(),
      createdAt: Timestamp,
      createdBy: Type.String(),
    }),
    { description: "本地区修改记录（旧的在前）" },
  ),
});
export type OutbreakRuleView = Static<typeof OutbreakRuleView>;

export const OutbreakRules = Type.Object({ rules: Type.Array(OutbreakRuleView) });
export type OutbreakRules = Static<typeof OutbreakRules>;

export const OutbreakRuleParams = Type.Object({ ruleId: Type.String({ minLength: 1, maxLength: 64 }) });

export const OutbreakRuleBody = Type.Object(
  {
    ...RuleValues,
    reset: Type.Optional(Type.Boolean({ description: "恢复国家默认值" })),
    note: Type.String({ minLength: 1, maxLength: 500, description: "修改依据（如县疾控文件）" }),
  },
  { additionalProperties: false },
);
export type OutbreakRuleBody = Static<typeof OutbreakRuleBody>;

export const HealthExportQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  date: Type.Optional(IsoDate),
  orgId: Type.Optional(Id),
});
