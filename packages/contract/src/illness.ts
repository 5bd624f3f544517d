import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { ClassScopeSchema, SymptomSchema } from "./health.js";
import { DIAGNOSES, ILLNESS_CASE_TRANSITIONS, LEDGER_STATES, MEDICAL_VISITS } from "./ledger-vocabulary.js";
import { LedgerHistoryEntry } from "./ledgers.js";

/** Requests and answers of illness-absence cases to 复课 (issue 16, 因病缺勤病因追查与登记). */

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const FileIds = Type.Array(Id, { maxItems: 5, description: "复课证明附件编号" });
export const DiagnosisSchema = OneOf(DIAGNOSES, { description: "诊断" });
export const MedicalVisitSchema = OneOf(MEDICAL_VISITS, { description: "就诊情况" });
const Clinical = {
  medicalVisit: Type.Optional(MedicalVisitSchema),
  hospital: Type.Optional(Text(200)),
  diagnosis: Type.Optional(DiagnosisSchema),
};

/** A case as the 班主任 registers it: the student of their class, onset and symptoms. */
export const NewIllnessCase = Type.Object(
  {
    classId: Id,
    studentName: Type.String({ minLength: 1, maxLength: 50, description: "学生姓名（个人信息，默认脱敏）" }),
    onsetOn: IsoDate,
    absentFrom: IsoDate,
    symptoms: Type.Array(SymptomSchema, { minItems: 1, maxItems: 12, uniqueItems: true }),
    symptomNote: Type.Optional(Text(1000)),
    ...Clinical,
  },
  { additionalProperties: false },
);
export type NewIllnessCase = Static<typeof NewIllnessCase>;

export const IllnessCaseStep = Type.Object(
  {
    action: OneOf(ILLNESS_CASE_TRANSITIONS, { description: "随访、申请复课、查验复课证明并复课、查验未通过" }),
    fields: Type.Object(
      {
        followOn: Type.Optional(IsoDate),
        followNote: Type.Optional(Text(2000)),
        ...Clinical,
        resumeOn: Type.Optional(IsoDate),
        certificate: Type.Optional(FileIds),
        certificateIssuer: Type.Optional(Text(200)),
        verifyNote: Type.Optional(Text(1000)),
      },
      { additionalProperties: false },
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type IllnessCaseStep = Static<typeof IllnessCaseStep>;

const Str = Type.Optional(Nullable(Type.String()));
export const IllnessCase = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  state: OneOf(LEDGER_STATES, { description: "状态" }),
  studentName: Type.String({ description: "学生姓名（脱敏）" }),
  onsetOn: Type.String(),
  absentFrom: Type.String(),
  symptoms: Type.Array(SymptomSchema),
  symptomNote: Str,
  medicalVisit: Str,
  hospital: Str,
  diagnosis: Str,
  followCount: Type.Integer(),
  resumeOn: Str,
  certificate: Type.Array(Type.String()),
  certificateIssuer: Str,
  verifiedOn: Str,
  /** Days absent so far (or until 复课), the first day counted. */
  daysAbsent: Type.Integer(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type IllnessCase = Static<typeof IllnessCase>;

export const IllnessCaseDetail = Type.Object({ ...IllnessCase.properties, history: Type.Array(LedgerHistoryEntry) });
export type IllnessCaseDetail = Static<typeof IllnessCaseDetail>;

export const IllnessCasesQuery = Type.Object({
  orgId: Type.Optional(Id),
  classId: Type.Optional(Id),
  state: Type.Optional(OneOf(["ill_absent", "resume_pending", "resumed"] as const, { description: "状态" })),
});

export const IllnessCaseCounts = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  illAbsent: Type.Integer(),
  resumePending: Type.Integer(),
  resumed: Type.Integer(),
});

/** The school sees its cases (a 班主任 their class's); the bureau counts per school only. */
export const IllnessCases = Type.Object({
  scope: ClassScopeSchema,
  cases: Type.Array(IllnessCase),
  schools: Type.Array(IllnessCaseCounts),
});
export type IllnessCases = Static<typeof IllnessCases>;

export const IllnessCaseReveal = Type.Object({ id: Type.String(), studentName: Type.String() });

/** A range of days (at most 366) and optionally one school: the trends' and their export's query. */
export const HealthTrendsQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  orgId: Type.Optional(Id),
});

const DailyCounts = Type.Array(Type.Integer(), { description: "按 days 逐日的数" });

/**
 * Cases over time (issue 16 item 6), counts only: illness absences of the class checks by symptom
 * (per class and day the larger of the day's checks, 人次) and illness-absence cases by diagnosis
 * on their onset date (the diagnosis as now recorded; none yet counts as 尚未明确诊断).
 */
export const HealthTrends = Type.Object({
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(Type.String()),
  absences: DailyCounts,
  symptoms: Type.Array(Type.Object({ key: SymptomSchema, counts: DailyCounts, total: Type.Integer() })),
  cases: DailyCounts,
  diagnoses: Type.Array(Type.Object({ key: DiagnosisSchema, counts: DailyCounts, total: Type.Integer() })),
});
export type HealthTrends = Static<typeof HealthTrends>;
