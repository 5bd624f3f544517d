import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import { INTERVENTION_KINDS, SCREENING_GROUPINGS } from "./ledger-vocabulary.js";

/** Requests and answers of the student health screening ledger (issue 17). */

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: "筛查年度" });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const ScreeningRowProblem = Type.Object({
  sheet: Type.String({ description: "工作表" }),
  row: Type.Integer({ description: "行号（与表格中一致）" }),
  code: Type.String({ description: "稳定的问题代码" }),
  message: Type.String(),
  column: Nullable(Type.String()),
  value: Nullable(Type.String()),
});
export type ScreeningRowProblem = Static<typeof ScreeningRowProblem>;

export const ScreeningImportResult = Type.Object({
  importId: Nullable(Type.String()),
  dryRun: Type.Boolean(),
  rowCount: Type.Integer(),
  written: Type.Integer(),
  rejected: Type.Integer(),
  newStudents: Type.Integer(),
  followups: Type.Integer({ description: "新列入重点关注的学生数" }),
  sheets: Type.Array(Type.String()),
  unknownColumns: Type.Array(Type.String(), { description: "未识别的列（未导入）" }),
  problems: Type.Array(ScreeningRowProblem),
});
export type ScreeningImportResult = Static<typeof ScreeningImportResult>;

export const ScreeningRate = Type.Object({
  value: Nullable(Type.Number({ description: "百分比，两位小数" })),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
});
export const ScreeningRateWithChange = Type.Object({
  ...ScreeningRate.properties,
  previous: ScreeningRate,
  change: Nullable(Type.Number({ description: "较上年变化（百分点）" })),
});
export type ScreeningRateWithChange = Static<typeof ScreeningRateWithChange>;

const RateSet = Type.Object({
  myopia_rate: ScreeningRateWithChange,
  overweight_rate: ScreeningRateWithChange,
  obesity_rate: ScreeningRateWithChange,
  fitness_good_rate: ScreeningRateWithChange,
  fitness_pass_rate: ScreeningRateWithChange,
});

export const ScreeningRateGroup = Type.Object({
  key: Type.String(),
  label: Type.String(),
  students: Type.Integer(),
  visionUndecided: Type.Integer({ description: "视力不良但缺验光、未计入近视率的人数" }),
  rates: RateSet,
});
export type ScreeningRateGroup = Static<typeof ScreeningRateGroup>;

export const ScreeningRatesQuery = Type.Object({
  year: Year,
  by: OneOf(SCREENING_GROUPINGS, { description: "分组" }),
  orgId: Type.Optional(Id),
});

export const ScreeningRates = Type.Object({
  year: Type.Integer(),
  previousYear: Type.Integer(),
  by: OneOf(SCREENING_GROUPINGS),
  total: ScreeningRateGroup,
  groups: Type.Array(ScreeningRateGroup),
  rules: Type.Array(Type.String(), { description: "口径说明" }),
});
export type ScreeningRates = Static<typeof ScreeningRates>;

export const ScreeningStudentsQuery = Type.Object({
  year: Year,
  orgId: Type.Optional(Id),
  grade: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const ScreeningResult = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  year: Type.Integer(),
  grade: Type.Integer(),
  className: Nullable(Type.String()),
  measuredOn: DateString,
  name: Nullable(Type.String({ description: "姓名（默认脱敏）" })),
  studentNo: Nullable(Type.String({ description: "学籍号（默认脱敏）" })),
  idNumber: Nullable(Type.String({ description: "身份证号（默认脱敏）" })),
  sex: OneOf(["male", "female"] as const),
  heightCm: Nullable(Type.Number()),
  weightKg: Nullable(Type.Number()),
  vaLeft: Nullable(Type.Number()),
  vaRight: Nullable(Type.Number()),
  seLeft: Nullable(Type.Number()),
  seRight: Nullable(Type.Number()),
  glasses: Type.String(),
  myopic: Nullable(Type.Boolean()),
  bmi: Nullable(Type.Number()),
  bmiCategory: Nullable(Type.String()),
  fitnessGrade: Nullable(Type.String()),
  fitnessTotal: Nullable(Type.Number()),
  explanations: Type.Record(Type.String(), Nullable(Type.String()), { description: "判定依据（规则与标准表行）" }),
  rules: Type.Record(Type.String(), Nullable(Type.String())),
});
export type ScreeningResult = Static<typeof ScreeningResult>;

export const ScreeningStudents = Type.Object({ total: Type.Integer(), results: Type.Array(ScreeningResult) });

export const ScreeningReveal = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  studentNo: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
});

export const ScreeningIntervention = Type.Object({
  kind: OneOf(INTERVENTION_KINDS),
  doneOn: DateString,
  note: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  at: Timestamp,
});

export const ScreeningFollowup = Type.Object({
  id: Type.String(),
  result: ScreeningResult,
  reasons: Type.Array(Type.String()),
  retestDue: Nullable(DateString),
  retestedOn: Nullable(DateString),
  retestNote: Nullable(Type.String()),
  /** Re-test date passed without a re-test. */
  retestOverdue: Type.Boolean(),
  interventions: Type.Array(ScreeningIntervention),
});
export type ScreeningFollowup = Static<typeof ScreeningFollowup>;

export const ScreeningFollowupsQuery = Type.Object({ year: Year, orgId: Type.Optional(Id) });
export const ScreeningFollowups = Type.Object({ followups: Type.Array(ScreeningFollowup) });

export const NewIntervention = Type.Object(
  {
    kind: OneOf(INTERVENTION_KINDS, { description: "干预措施" }),
    doneOn: IsoDate,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    retestDue: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type NewIntervention = Static<typeof NewIntervention>;

export const RetestRecord = Type.Object(
  { retestedOn: IsoDate, note: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

/**
 * On the warnings board: a school's follow-ups whose re-test date has passed without a re-test, by
 * school and year (counts only: the board is read by the bureau, which sees no individual student).
 */
export const RetestWarning = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  year: Type.Integer({ description: "筛查年度" }),
  count: Type.Integer({ description: "逾期未复查的学生数" }),
  oldestDue: DateString,
});
export type RetestWarning = Static<typeof RetestWarning>;

/** A class's (or a grade's, without a class) 家长告知书 as one Word document. */
export const ScreeningNoticesQuery = Type.Object({
  year: Year,
  orgId: Type.Optional(Id),
  grade: Type.Integer({ minimum: 1, maximum: 12, description: "年级（1–12）" }),
  className: Type.Optional(Type.String({ maxLength: 64, description: "班级（不填为全年级）" })),
});
export type ScreeningNoticesQuery = Static<typeof ScreeningNoticesQuery>;

export const ScreeningListExportQuery = Type.Object({ year: Year, orgId: Type.Optional(Id) });
export const ScreeningComparisonQuery = Type.Object({
  year: Type.Integer({ minimum: 2002, maximum: 2100, description: "对比的最后一年（含前两年）" }),
});
