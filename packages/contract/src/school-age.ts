import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import { CHILD_STATUSES, DROPOUT_REASONS, DROPOUT_RISKS } from "./dropout-vocabulary.js";

/** Requests and answers of the 适龄儿童台账 (issue 18): the 户籍 roster compared with the school rolls. */

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const SchoolAgeQuery = Type.Object({
  status: Type.Optional(OneOf(CHILD_STATUSES, { description: "状态" })),
  orgId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type SchoolAgeQuery = Static<typeof SchoolAgeQuery>;

export const SchoolAgeExportQuery = Type.Object({
  status: Type.Optional(OneOf(CHILD_STATUSES, { description: "状态" })),
  orgId: Type.Optional(Id),
  reveal: Type.Optional(Type.Boolean({ description: "导出完整个人信息（仅有权查看者，记入审计）" })),
});
export type SchoolAgeExportQuery = Static<typeof SchoolAgeExportQuery>;

/** One child: personal data masked unless revealed; the school and grade of the roll it was found on. */
export const SchoolAgeChild = Type.Object({
  id: Type.String(),
  name: Type.String({ description: "姓名（默认脱敏）" }),
  idNumber: Type.String({ description: "身份证件号（默认脱敏）" }),
  sex: OneOf(["male", "female"] as const),
  birthDate: DateString,
  age: Type.Integer(),
  hukouPlace: Nullable(Type.String()),
  residence: Nullable(Type.String()),
  guardianName: Nullable(Type.String({ description: "监护人（默认脱敏）" })),
  guardianPhone: Nullable(Type.String({ description: "电话（默认脱敏）" })),
  specialGroups: Type.Array(Type.String()),
  status: OneOf(CHILD_STATUSES),
  schoolId: Nullable(Type.String()),
  schoolName: Nullable(Type.String()),
  grade: Nullable(Type.Integer()),
  rollYear: Nullable(Type.Integer()),
  studentNo: Nullable(Type.String({ description: "学籍号（默认脱敏）" })),
  caseId: Nullable(Type.String()),
  comparedAt: Timestamp,
});
export type SchoolAgeChild = Static<typeof SchoolAgeChild>;

export const SchoolAgeView = Type.Object({
  title: Type.String(),
  asOf: DateString,
  total: Type.Integer({ description: "符合筛选条件的人数" }),
  counts: Type.Record(Type.String(), Type.Integer(), { description: "各状态人数（不含状态筛选）" }),
  children: Type.Array(SchoolAgeChild),
});
export type SchoolAgeView = Static<typeof SchoolAgeView>;

export const SchoolAgeImportAnswer = Type.Object({
  mode: OneOf(["check", "all", "valid"] as const),
  total: Type.Integer(),
  skipped: Type.Integer({ description: "有错误的行数" }),
  created: Type.Integer(),
  corrected: Type.Integer(),
  unchanged: Type.Integer(),
  enrolled: Type.Integer({ description: "比对后在校人数（导入的行）" }),
  notEnrolled: Type.Integer({ description: "比对后未在任何学校学籍中的人数（导入的行）" }),
  problems: Type.Array(
    Type.Object({
      row: Type.Integer(),
      column: Type.Optional(Type.String()),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
  problemCount: Type.Integer(),
});
export type SchoolAgeImportAnswer = Static<typeof SchoolAgeImportAnswer>;

export const SchoolAgeCompareAnswer = Type.Object({
  compared: Type.Integer(),
  changed: Type.Integer(),
});
export type SchoolAgeCompareAnswer = Static<typeof SchoolAgeCompareAnswer>;

/** Opens a 控辍 case (来源：四查三比对) for a child found not enrolled, at the school they should attend. */
export const SchoolAgeCaseBody = Type.Object(
  {
    orgId: Id,
    grade: Type.String({ minLength: 1, maxLength: 20, description: "应在年级" }),
    riskLevel: OneOf(DROPOUT_RISKS, { description: "辍学风险等级" }),
    reason: OneOf(DROPOUT_REASONS, { description: "未入学原因" }),
    reasonNote: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    responsibleName: Type.String({ minLength: 1, maxLength: 100, description: "包保责任人" }),
  },
  { additionalProperties: false },
);
export type SchoolAgeCaseBody = Static<typeof SchoolAgeCaseBody>;

export const SchoolAgeReveal = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumber: Type.String(),
  guardianName: Nullable(Type.String()),
  guardianPhone: Nullable(Type.String()),
  studentNo: Nullable(Type.String()),
});
export type SchoolAgeReveal = Static<typeof SchoolAgeReveal>;
