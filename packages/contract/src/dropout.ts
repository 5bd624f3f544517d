import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import {
  AID_CHECKS,
  AID_LEVELS,
  AID_METHODS,
  AID_PROGRAMMES,
  AID_STAGES,
  AID_TERMS,
  DROPOUT_LEDGER_KINDS,
  DROPOUT_REASONS,
  DROPOUT_RISKS,
  DROPOUT_SOURCES,
  PERSUASION_METHODS,
  PLACEMENTS,
  SPECIAL_GROUPS,
} from "./dropout-vocabulary.js";
import { ReturnStatusSchema, ReturnSummary } from "./health.js";
import { LedgerHistoryEntry, LedgerStateSchema } from "./ledgers.js";

/** Requests and answers of 控辍保学 cases and 学生资助 (issue 18). */

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const FileIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, description: "附件编号" });
/** 全国学籍号: a letter and digits as the national platform issues them (G + 身份证号, L…, J…). */
export const StudentNo = Type.String({
  pattern: "^[A-Za-z0-9]{6,32}$",
  description: "学籍号（个人信息，默认脱敏）",
});
export const SchoolYear = Type.String({ pattern: "^\\d{4}-\\d{4}$", description: "学年，如 2024-2025" });
const Phone = Type.String({ pattern: "^[0-9+\\- ]{5,20}$", description: "联系电话（个人信息，默认脱敏）" });

export const DropoutTransitionSchema = OneOf(
  ["confirm_dropout", "persuade", "confirm_return", "clear_risk", "place_other", "escalate"] as const,
  { description: "控辍保学操作" },
);
export const AidIdentificationTransitionSchema = OneOf(["identify", "reject_identification"] as const, {
  description: "认定操作",
});

/** A case as a school records it: the student (学籍号 matches the roster) and the risk. */
export const NewDropoutCase = Type.Object(
  {
    orgId: Type.Optional(Id),
    studentName: Type.String({ minLength: 1, maxLength: 50, description: "学生姓名（个人信息，默认脱敏）" }),
    studentNo: StudentNo,
    grade: Text(20),
    guardianName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    guardianPhone: Type.Optional(Phone),
    specialGroup: Type.Optional(OneOf(SPECIAL_GROUPS, { description: "特殊群体" })),
    riskLevel: OneOf(DROPOUT_RISKS, { description: "辍学风险等级" }),
    reason: OneOf(DROPOUT_REASONS, { description: "辍学（风险）原因" }),
    reasonNote: Type.Optional(Text(1000)),
    source: OneOf(DROPOUT_SOURCES, { description: "发现途径" }),
    foundOn: IsoDate,
    responsibleName: Text(100),
  },
  { additionalProperties: false },
);
export type NewDropoutCase = Static<typeof NewDropoutCase>;

/** A step of a case; which fields each action accepts is the workflow's rule (FIELD_NOT_EDITABLE otherwise). */
export const DropoutStep = Type.Object(
  {
    action: DropoutTransitionSchema,
    fields: Type.Object(
      {
        droppedOn: Type.Optional(IsoDate),
        reason: Type.Optional(OneOf(DROPOUT_REASONS)),
        reasonNote: Type.Optional(Text(1000)),
        visitOn: Type.Optional(IsoDate),
        visitMethod: Type.Optional(OneOf(PERSUASION_METHODS, { description: "劝返方式" })),
        visitPeople: Type.Optional(Text(200)),
        visitResult: Type.Optional(Text(2000)),
        visitEvidence: Type.Optional(FileIds),
        returnedOn: Type.Optional(IsoDate),
        returnSchool: Type.Optional(Text(100)),
        attendanceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 400, description: "返校后在校天数" })),
        returnEvidence: Type.Optional(FileIds),
        placement: Type.Optional(OneOf(PLACEMENTS, { description: "安置方式" })),
        placementOn: Type.Optional(IsoDate),
        placementEvidence: Type.Optional(FileIds),
        escalationNote: Type.Optional(Text(1000)),
      },
      { additionalProperties: false },
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DropoutStep = Static<typeof DropoutStep>;

const AnswerFields = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())]), {
  description: "字段 → 值（个人信息脱敏）",
});

/** A student record of any of the three types, as answers carry it. */
const StudentRecordBase = {
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  state: LedgerStateSchema,
  fields: AnswerFields,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const DropoutCase = Type.Object({
  ...StudentRecordBase,
  escalated: Type.Boolean({ description: "是否已上报教育局" }),
  visitCount: Type.Integer({ description: "劝返次数" }),
});
export type DropoutCase = Static<typeof DropoutCase>;

export const PersuasionVisit = Type.Object({
  seq: Type.Integer(),
  visitOn: DateString,
  method: Type.String(),
  people: Type.String(),
  result: Type.String(),
  evidence: Type.Array(Type.String()),
  actorName: Nullable(Type.String()),
  at: Timestamp,
});
export type PersuasionVisit = Static<typeof PersuasionVisit>;

export const DropoutCaseDetail = Type.Object({
  ...DropoutCase.properties,
  visits: Type.Array(PersuasionVisit),
  history: Type.Array(LedgerHistoryEntry),
});
export type DropoutCaseDetail = Static<typeof DropoutCaseDetail>;

export const DropoutQuery = Type.Object({
  orgId: Type.Optional(Id),
  state: Type.Optional(LedgerStateSchema),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

/** Per school: how many cases in each state, and how many escalated (what the bureau sees of other cases). */
export const DropoutSchoolCount = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  byState: Type.Record(Type.String(), Type.Integer()),
  escalated: Type.Integer(),
});
export type DropoutSchoolCount = Static<typeof DropoutSchoolCount>;

export const DropoutCases = Type.Object({
  cases: Type.Array(DropoutCase),
  schools: Type.Array(DropoutSchoolCount),
});
export type DropoutCases = Static<typeof DropoutCases>;

export const AidStandard = Type.Object(
  {
    schoolYear: SchoolYear,
    programme: OneOf(AID_PROGRAMMES),
    stage: OneOf(AID_STAGES),
    boarding: Type.Boolean({ description: "寄宿生" }),
    amount: Type.Number({ minimum: 0, maximum: 100000, description: "元/生·年" }),
  },
  { additionalProperties: false },
);
export type AidStandard = Static<typeof AidStandard>;

/** The region's settings: days of attendance that confirm a return, and the aid standards per year. */
export const DropoutConfig = Type.Object(
  {
    returnConfirmDays: Type.Integer({ minimum: 1, maximum: 60, description: "返校后连续在校天数达到即确认返校" }),
    aidStandards: Type.Array(AidStandard, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type DropoutConfig = Static<typeof DropoutConfig>;

export const NewAidIdentification = Type.Object(
  {
    orgId: Type.Optional(Id),
    studentName: Type.String({ minLength: 1, maxLength: 50 }),
    studentNo: StudentNo,
    stage: OneOf(AID_STAGES),
    grade: Type.Optional(Text(20)),
    schoolYear: SchoolYear,
    basis: OneOf(SPECIAL_GROUPS, { description: "认定依据" }),
    level: OneOf(AID_LEVELS, { description: "困难档次" }),
    appliedOn: IsoDate,
    evidence: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type NewAidIdentification = Static<typeof NewAidIdentification>;

export const AidIdentificationStep = Type.Object(
  {
    action: AidIdentificationTransitionSchema,
    fields: Type.Object({ reviewNote: Type.Optional(Text(2000)) }, { additionalProperties: false }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AidIdentificationStep = Static<typeof AidIdentificationStep>;

export const NewAidPayment = Type.Object(
  {
    orgId: Type.Optional(Id),
    studentName: Type.String({ minLength: 1, maxLength: 50 }),
    studentNo: StudentNo,
    stage: OneOf(AID_STAGES),
    programme: OneOf(AID_PROGRAMMES),
    schoolYear: SchoolYear,
    term: OneOf(AID_TERMS),
    boarding: Type.Optional(Type.Boolean()),
    amount: Type.Optional(Type.Number({ minimum: 0, maximum: 100000, description: "金额（元）；不填按标准" })),
    paidOn: IsoDate,
    method: OneOf(AID_METHODS),
  },
  { additionalProperties: false },
);
export type NewAidPayment = Static<typeof NewAidPayment>;

export const AidRecord = Type.Object(StudentRecordBase);
export type AidRecord = Static<typeof AidRecord>;

export const AidQuery = Type.Object({
  orgId: Type.Optional(Id),
  schoolYear: Type.Optional(SchoolYear),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const AidChecksQuery = Type.Object({
  schoolYear: SchoolYear,
  asOf: Type.Optional(IsoDate),
  orgId: Type.Optional(Id),
});

export const AidCheckItem = Type.Object({
  check: OneOf(AID_CHECKS),
  orgId: Type.String(),
  orgName: Type.String(),
  studentName: Type.String({ description: "脱敏姓名" }),
  studentNo: Type.String({ description: "脱敏学籍号" }),
  programme: Nullable(Type.String()),
  term: Nullable(Type.String()),
  recordIds: Type.Array(Type.String()),
});
export type AidCheckItem = Static<typeof AidCheckItem>;

export const AidSchoolCoverage = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  identified: Type.Integer(),
  aided: Type.Integer(),
  unaided: Type.Integer(),
  duplicate: Type.Integer(),
  unidentified: Type.Integer(),
});

export const AidChecks = Type.Object({
  schoolYear: Type.String(),
  asOf: DateString,
  schools: Type.Array(AidSchoolCoverage),
  items: Type.Array(AidCheckItem),
});
export type AidChecks = Static<typeof AidChecks>;

// --- the national 台账 (疑似辍学学生台账, 辍学学生台账) ------------------------------------------

export const DropoutLedgerParams = Type.Object({ kind: OneOf(DROPOUT_LEDGER_KINDS, { description: "台账" }) });
export type DropoutLedgerParams = Static<typeof DropoutLedgerParams>;

export const DropoutLedgerQuery = Type.Object({
  orgId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type DropoutLedgerQuery = Static<typeof DropoutLedgerQuery>;

export const DropoutLedgerExportQuery = Type.Object({
  orgId: Type.Optional(Id),
  reveal: Type.Optional(Type.Boolean({ description: "导出完整个人信息（仅有权查看者，记入审计）" })),
});
export type DropoutLedgerExportQuery = Static<typeof DropoutLedgerExportQuery>;

/** One page of a 台账: its columns in the national layout (field name and header) and its cases. */
export const DropoutLedgerView = Type.Object({
  kind: OneOf(DROPOUT_LEDGER_KINDS),
  title: Type.String(),
  total: Type.Integer(),
  columns: Type.Array(Type.Object({ field: Type.String(), label: Type.String() })),
  cases: Type.Array(DropoutCase),
});
export type DropoutLedgerView = Static<typeof DropoutLedgerView>;

// --- the rhythm: the school's monthly return, the county's quarterly review ----------------------

const Month = Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "月份，如 2024-09" });
const Quarter = Type.String({ pattern: "^\\d{4}Q[1-4]$", description: "季度，如 2024Q3" });

export const DropoutReturnQuery = Type.Object({ month: Month, orgId: Type.Optional(Id) });
export type DropoutReturnQuery = Static<typeof DropoutReturnQuery>;
export const DropoutReturnBody = Type.Object(
  { month: Month, orgId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type DropoutReturnBody = Static<typeof DropoutReturnBody>;

const CaseCounts = Type.Object({
  atRisk: Type.Integer({ description: "疑似辍学（在册风险）" }),
  outOfSchool: Type.Integer({ description: "辍学（已辍学、劝返中）" }),
  closed: Type.Integer({ description: "本期已返校或其他安置" }),
});

/** A school's return of a month: its status, what it reported (or would report now), zero when no case. */
export const DropoutMonthlyReturn = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  month: Month,
  dueAt: Timestamp,
  status: ReturnStatusSchema,
  submittedAt: Nullable(Timestamp),
  zero: Nullable(Type.Boolean({ description: "零报告" })),
  counts: CaseCounts,
  /** The cases the return lists (the school only; masked). */
  cases: Type.Array(DropoutCase),
});
export type DropoutMonthlyReturn = Static<typeof DropoutMonthlyReturn>;

export const DropoutReturns = Type.Object({ month: Month, returns: Type.Array(DropoutMonthlyReturn) });
export type DropoutReturns = Static<typeof DropoutReturns>;

export const DropoutReviewParams = Type.Object({ quarter: Quarter });
/** A page of the quarter's cases (the schools' table and the counts cover them all). */
export const DropoutReviewQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type DropoutReviewQuery = Static<typeof DropoutReviewQuery>;
export const DropoutReviewBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000, description: "复核意见" }) },
  { additionalProperties: false },
);
export type DropoutReviewBody = Static<typeof DropoutReviewBody>;

/**
 * The county's quarterly review (一季度一复核): the schools' monthly returns, the quarter's cases counted
 * per school and by state, and a page of them (by school, then date found).
 */
export const DropoutQuarterReview = Type.Object({
  quarter: Quarter,
  from: DateString,
  to: DateString,
  dueAt: Timestamp,
  status: ReturnStatusSchema,
  completedAt: Nullable(Timestamp),
  completedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
  returns: ReturnSummary,
  schools: Type.Array(
    Type.Object({
      orgId: Type.String(),
      orgName: Type.String(),
      submitted: Type.Integer({ description: "已报月报数" }),
      zero: Type.Integer({ description: "零报告数" }),
      missing: Type.Integer({ description: "逾期未报数" }),
      cases: Type.Integer(),
    }),
  ),
  counts: CaseCounts,
  total: Type.Integer({ description: "本季度案例数" }),
  cases: Type.Array(DropoutCase, { description: "本页案例" }),
});
export type DropoutQuarterReview = Static<typeof DropoutQuarterReview>;

// --- corrections of mistaken entries (new history entries, nothing deleted) ----------------------

const { orgId: _caseOrg, ...caseProps } = NewDropoutCase.properties;
/** A correction of a case: any editable field (the state stays; steps are taken as steps) and why. */
export const DropoutCorrection = Type.Object(
  {
    fields: Type.Partial(Type.Object({ ...caseProps, ...DropoutStep.properties.fields.properties }), {
      additionalProperties: false,
    }),
    note: Text(2000),
  },
  { additionalProperties: false },
);
export type DropoutCorrection = Static<typeof DropoutCorrection>;

const { orgId: _identOrg, ...identProps } = NewAidIdentification.properties;
const { orgId: _payOrg, boarding: _boarding, ...paymentProps } = NewAidPayment.properties;
/** A correction of an aid record (认定 or 发放): its editable fields and why. */
export const AidCorrection = Type.Object(
  {
    fields: Type.Partial(Type.Object({ ...identProps, ...paymentProps }), { additionalProperties: false }),
    note: Text(2000),
  },
  { additionalProperties: false },
);
export type AidCorrection = Static<typeof AidCorrection>;
