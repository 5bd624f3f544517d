import {
  CERTIFICATE_DIAGNOSES,
  DIAGNOSES,
  DIAGNOSIS_LABELS,
  type Diagnosis,
  type LedgerState,
  MEDICAL_VISIT_LABELS,
  MEDICAL_VISITS,
  SYMPTOMS,
} from "@luoshi/contract";
import { filled } from "./fields.js";
import type { ActionContext, FieldDef, Fields, LedgerRecordState, LedgerTypeDef } from "./ledger-type.js";

/**
 * The illness-absence case (因病缺勤病因追查与登记, ../shared/reference/school-infectious-disease-
 * reporting.md): a student absent for illness, registered by the class's 班主任 with the onset date
 * and symptoms (WS/T 772 taxonomy), followed up (就诊, diagnosis, course) until 复课. 复课 is two
 * recorded steps: the 班主任 asks for it with the medical 复课证明 (required unless the diagnosis is
 * non-infectious), and the school's 疫情报告人 (school doctor) checks the certificate — someone other
 * than who asked — and either lets the student back or sends the case back to 因病缺课.
 */

/** What the service tells the guards: whether the actor is the school's 疫情报告人 (not a 班主任). */
export interface IllnessCaseSettings {
  schoolDoctor?: boolean;
}

const text = (label: string, maxLength = 500): FieldDef => ({ kind: "text", maxLength, label });
const date = (label: string, system = false): FieldDef => ({ kind: "date", label, ...(system ? { system } : {}) });

/** Symptom codes as the record keeps them: comma-separated codes of the fixed taxonomy. */
export const symptomList = (value: unknown): string[] =>
  typeof value === "string" && value !== "" ? value.split(",") : [];
export const symptomsValid = (value: unknown) => {
  const list = symptomList(value);
  return (
    list.length > 0 &&
    new Set(list).size === list.length &&
    list.every((s) => (SYMPTOMS as readonly string[]).includes(s))
  );
};

const str = (v: unknown) => (typeof v === "string" ? v : "");
const notAfterToday = (day: unknown, ctx: ActionContext) => typeof day === "string" && day <= ctx.today;

/** A certificate is needed unless the diagnosis is a non-infectious disease. */
export const needsCertificate = (fields: Fields) =>
  CERTIFICATE_DIAGNOSES.includes((str(fields.diagnosis) || "undiagnosed") as Diagnosis);

const certificateMissing = (f: Fields) =>
  needsCertificate(f) && (!filled(f.certificate) || !filled(f.certificateIssuer));

const schoolDoctorOnly = (record: LedgerRecordState, ctx: ActionContext): string | null =>
  !(ctx.settings as IllnessCaseSettings).schoolDoctor
    ? "VERIFIER_NOT_SCHOOL_DOCTOR"
    : record.fields.requestedBy === ctx.actorId
      ? "VERIFIER_IS_REQUESTER"
      : null;

function followUpGuard(record: LedgerRecordState, ctx: ActionContext): string | null {
  const f = record.fields;
  if (!filled(f.followOn) || !filled(f.followNote)) return "FOLLOW_UP_INCOMPLETE";
  if (!notAfterToday(f.followOn, ctx)) return "ILLNESS_DATE_IN_FUTURE";
  if (str(f.followOn) < str(f.onsetOn)) return "FOLLOW_UP_BEFORE_ONSET";
  return null;
}

function resumeGuard(record: LedgerRecordState, ctx: ActionContext): string | null {
  const f = record.fields;
  if (!filled(f.resumeOn)) return "RESUME_INCOMPLETE";
  if (!notAfterToday(f.resumeOn, ctx)) return "ILLNESS_DATE_IN_FUTURE";
  if (str(f.resumeOn) < str(f.absentFrom)) return "RESUME_BEFORE_ABSENCE";
  return certificateMissing(f) ? "CERTIFICATE_REQUIRED" : null;
}

const ASKED: readonly LedgerState[] = ["resume_pending", "resumed"];

/** What must hold of a case in its state; the first broken rule's code. */
export function illnessCaseInvariant({ state, fields }: LedgerRecordState): string | null {
  if (!ILLNESS_CASE.required.every((f) => filled(fields[f]))) return "FIELD_REQUIRED";
  if (!symptomsValid(fields.symptoms)) return "SYMPTOMS_INVALID";
  if (str(fields.onsetOn) > str(fields.absentFrom)) return "ONSET_AFTER_ABSENCE";
  if (ASKED.includes(state)) {
    if (!filled(fields.resumeOn) || !filled(fields.requestedBy)) return "RESUME_INCOMPLETE";
    if (certificateMissing(fields)) return "CERTIFICATE_REQUIRED";
  }
  if (state === "resumed" && (!filled(fields.verifiedBy) || fields.verifiedBy === fields.requestedBy))
    return "VERIFIER_IS_REQUESTER";
  return null;
}

/** The fields a 班主任 records at registration. */
export const ILLNESS_CASE_INPUT = [
  "studentName",
  "classId",
  "onsetOn",
  "absentFrom",
  "symptoms",
  "symptomNote",
  "medicalVisit",
  "hospital",
  "diagnosis",
] as const;

const CLINICAL = ["medicalVisit", "hospital", "diagnosis"];

export const ILLNESS_CASE: LedgerTypeDef = {
  type: "illness_case",
  states: ["ill_absent", "resume_pending", "resumed"],
  initial: "ill_absent",
  fields: {
    studentName: { kind: "text", maxLength: 50, label: "学生姓名", personal: "name" },
    classId: text("班级", 64),
    onsetOn: date("发病日期"),
    absentFrom: date("缺课开始日期"),
    symptoms: text("症状", 300),
    symptomNote: text("症状说明", 1000),
    medicalVisit: { kind: "enum", values: MEDICAL_VISITS, labels: MEDICAL_VISIT_LABELS, label: "就诊情况" },
    hospital: text("就诊医疗机构", 200),
    diagnosis: { kind: "enum", values: DIAGNOSES, labels: DIAGNOSIS_LABELS, label: "诊断" },
    followOn: date("随访日期"),
    followNote: text("随访情况（转归）", 2000),
    followCount: { kind: "money", label: "随访次数", system: true },
    resumeOn: date("复课日期"),
    certificate: { kind: "files", maxItems: 5, label: "复课证明" },
    certificateIssuer: text("复课证明出具机构", 200),
    requestedBy: { kind: "user", label: "复课申请人", system: true },
    verifyNote: text("查验意见", 1000),
    verifiedBy: { kind: "user", label: "复课证明查验人", system: true },
    verifiedOn: date("查验日期", true),
  },
  required: ["studentName", "classId", "onsetOn", "absentFrom", "symptoms"],
  transitions: {
    follow_up: {
      from: ["ill_absent"],
      input: ["followOn", "followNote", ...CLINICAL],
      guard: followUpGuard,
      derive: (record) => ({ followCount: Number(record.fields.followCount ?? 0) + 1 }),
    },
    request_resume: {
      from: ["ill_absent"],
      to: "resume_pending",
      input: ["resumeOn", "certificate", "certificateIssuer", ...CLINICAL],
      guard: resumeGuard,
      derive: (_record, ctx) => ({ requestedBy: ctx.actorId }),
    },
    verify_resume: {
      from: ["resume_pending"],
      to: "resumed",
      input: ["verifyNote"],
      guard: schoolDoctorOnly,
      derive: (_record, ctx) => ({ verifiedBy: ctx.actorId, verifiedOn: ctx.today }),
    },
    reject_resume: {
      from: ["resume_pending"],
      to: "ill_absent",
      input: ["verifyNote"],
      noteRequired: true,
      guard: schoolDoctorOnly,
      // Back to 因病缺课: a new request brings its own date and certificate and names its requester.
      derive: () => ({ requestedBy: null, resumeOn: null, certificate: null, certificateIssuer: null }),
    },
  },
  invariant: illnessCaseInvariant,
};
