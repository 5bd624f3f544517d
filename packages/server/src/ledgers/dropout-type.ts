import {
  AID_LEVELS,
  AID_METHODS,
  AID_PROGRAMMES,
  AID_STAGES,
  AID_TERMS,
  DROPOUT_REASONS,
  DROPOUT_RISKS,
  DROPOUT_SOURCES,
  type LedgerState,
  PERSUASION_METHODS,
  PLACEMENTS,
  SPECIAL_GROUPS,
} from "@luoshi/contract";
import { filled } from "./fields.js";
import type { ActionContext, FieldDef, LedgerRecordState, LedgerTypeDef } from "./ledger-type.js";

/**
 * 控辍保学 (../shared/reference/dropout-and-aid.md): a case per student (学籍号), found at risk
 * (在册风险), confirmed dropped out (已辍学), persuaded back (劝返中: every 劝返 step is a history
 * entry with its date, people, method, result and evidence), and closed by a return confirmed after
 * N days of attendance (已返校, N a region setting) or another lawful placement (其他安置). No step
 * may be skipped: a return or placement of a dropped-out student needs at least one 劝返 step.
 */

export interface DropoutSettings {
  /** Days of attendance after the return that confirm it. */
  returnConfirmDays: number;
}

export const DEFAULT_DROPOUT_SETTINGS: DropoutSettings = { returnConfirmDays: 10 };

const text = (label: string, maxLength = 500): FieldDef => ({ kind: "text", maxLength, label });
const files = (label: string): FieldDef => ({ kind: "files", maxItems: 20, label });
const date = (label: string, system = false): FieldDef => ({ kind: "date", label, ...(system ? { system } : {}) });
const enumOf = (values: readonly string[], label: string): FieldDef => ({ kind: "enum", values, label });

/** The student as every 控辍 and 资助 record names them (personal, masked by default). */
const STUDENT_FIELDS: Record<string, FieldDef> = {
  studentName: { kind: "text", maxLength: 50, label: "学生姓名", personal: "name" },
  studentNo: { kind: "text", maxLength: 32, label: "学籍号", personal: "id_number" },
};

/** The fields of one 劝返 step (each step overwrites them; the history keeps every one). */
export const VISIT_FIELDS = ["visitOn", "visitMethod", "visitPeople", "visitResult", "visitEvidence"] as const;

const settingsOf = (ctx: ActionContext): DropoutSettings => ({
  ...DEFAULT_DROPOUT_SETTINGS,
  ...(ctx.settings as Partial<DropoutSettings>),
});

const visits = (record: LedgerRecordState) => Number(record.fields.visitCount ?? 0);
const notAfterToday = (day: unknown, ctx: ActionContext) => typeof day === "string" && day <= ctx.today;

/** A return or placement of a dropped-out student comes after at least one 劝返 step. */
const persuadedFirst = (record: LedgerRecordState) =>
  filled(record.fields.droppedOn) && visits(record) < 1 ? "PERSUASION_REQUIRED" : null;

function returnGuard(record: LedgerRecordState, ctx: ActionContext): string | null {
  const f = record.fields;
  if (!filled(f.attendanceDays) || !filled(f.returnedOn)) return "RETURN_INCOMPLETE";
  if (!notAfterToday(f.returnedOn, ctx)) return "DATE_IN_FUTURE";
  if (Number(f.attendanceDays) < settingsOf(ctx).returnConfirmDays) return "RETURN_NOT_CONFIRMED";
  if (typeof f.visitOn === "string" && String(f.returnedOn) < f.visitOn) return "RETURN_BEFORE_VISIT";
  return persuadedFirst(record);
}

function visitGuard(record: LedgerRecordState, ctx: ActionContext): string | null {
  const f = record.fields;
  if (!VISIT_FIELDS.slice(0, 4).every((k) => filled(f[k]))) return "VISIT_INCOMPLETE";
  if (!notAfterToday(f.visitOn, ctx)) return "DATE_IN_FUTURE";
  if (String(f.visitOn) < String(f.droppedOn)) return "VISIT_BEFORE_DROPOUT";
  return null;
}

const CLOSED: readonly LedgerState[] = ["returned", "placed"];
const DROPPED: readonly LedgerState[] = ["dropped_out", "persuading", "placed"];

/** What must hold of a case in its state; the first broken rule's code. */
export function dropoutInvariant({ state, fields }: LedgerRecordState): string | null {
  if (!DROPOUT.required.every((f) => filled(fields[f]))) return "FIELD_REQUIRED";
  if (DROPPED.includes(state) && !filled(fields.droppedOn)) return "DROPOUT_DATE_REQUIRED";
  if (typeof fields.droppedOn === "string" && fields.droppedOn < String(fields.foundOn)) return "DROPOUT_BEFORE_FOUND";
  if (state === "persuading" && (Number(fields.visitCount ?? 0) < 1 || !filled(fields.visitOn)))
    return "PERSUASION_REQUIRED";
  if (state === "returned" && (!filled(fields.returnedOn) || !filled(fields.attendanceDays)))
    return "RETURN_INCOMPLETE";
  if (CLOSED.includes(state) && filled(fields.droppedOn) && Number(fields.visitCount ?? 0) < 1)
    return "PERSUASION_REQUIRED";
  if (state === "placed" && !["placement", "placementOn", "placementEvidence"].every((f) => filled(fields[f])))
    return "PLACEMENT_INCOMPLETE";
  return null;
}

const closing = (_r: LedgerRecordState, ctx: ActionContext) => ({ closedBy: ctx.actorId, closedOn: ctx.today });

export const DROPOUT: LedgerTypeDef = {
  type: "dropout_case",
  states: ["at_risk", "dropped_out", "persuading", "returned", "placed"],
  initial: "at_risk",
  fields: {
    ...STUDENT_FIELDS,
    grade: text("年级", 20),
    guardianName: { kind: "text", maxLength: 50, label: "监护人", personal: "name" },
    guardianPhone: { kind: "text", maxLength: 20, label: "监护人电话", personal: "phone" },
    specialGroup: enumOf(SPECIAL_GROUPS, "特殊群体"),
    riskLevel: enumOf(DROPOUT_RISKS, "风险等级"),
    reason: enumOf(DROPOUT_REASONS, "辍学（风险）原因"),
    reasonNote: text("原因说明", 1000),
    source: enumOf(DROPOUT_SOURCES, "发现途径"),
    foundOn: date("首次发现日期"),
    responsibleName: text("包保责任人", 100),
    droppedOn: date("确认辍学日期"),
    visitOn: date("劝返日期"),
    visitMethod: enumOf(PERSUASION_METHODS, "劝返方式"),
    visitPeople: text("劝返人员", 200),
    visitResult: text("劝返结果", 2000),
    visitEvidence: files("劝返佐证材料"),
    visitCount: { kind: "money", label: "劝返次数", system: true },
    returnedOn: date("返校日期"),
    returnSchool: text("返校学校", 100),
    attendanceDays: { kind: "money", label: "返校后在校天数" },
    returnEvidence: files("返校佐证材料"),
    placement: enumOf(PLACEMENTS, "安置方式"),
    placementOn: date("安置日期"),
    placementEvidence: files("安置佐证材料"),
    escalationNote: text("上报说明", 1000),
    escalatedOn: date("上报教育局日期", true),
    escalatedBy: { kind: "user", label: "上报人", system: true },
    closedOn: date("销号日期", true),
    closedBy: { kind: "user", label: "销号人", system: true },
  },
  required: ["studentName", "studentNo", "grade", "riskLevel", "reason", "source", "foundOn", "responsibleName"],
  transitions: {
    confirm_dropout: {
      from: ["at_risk"],
      to: "dropped_out",
      input: ["droppedOn", "reason", "reasonNote"],
      guard: (record, ctx) =>
        !filled(record.fields.droppedOn)
          ? "DROPOUT_DATE_REQUIRED"
          : notAfterToday(record.fields.droppedOn, ctx)
            ? null
            : "DATE_IN_FUTURE",
    },
    persuade: {
      from: ["dropped_out", "persuading"],
      to: "persuading",
      input: [...VISIT_FIELDS],
      guard: visitGuard,
      derive: (record) => ({ visitCount: Number(record.fields.visitCount ?? 0) + 1 }),
    },
    confirm_return: {
      from: ["persuading"],
      to: "returned",
      input: ["returnedOn", "returnSchool", "attendanceDays", "returnEvidence"],
      guard: returnGuard,
      derive: closing,
    },
    clear_risk: {
      from: ["at_risk"],
      to: "returned",
      input: ["returnedOn", "attendanceDays", "returnEvidence"],
      noteRequired: true,
      guard: returnGuard,
      derive: closing,
    },
    place_other: {
      from: ["dropped_out", "persuading"],
      to: "placed",
      input: ["placement", "placementOn", "placementEvidence"],
      guard: (record, ctx) =>
        !["placement", "placementOn", "placementEvidence"].every((f) => filled(record.fields[f]))
          ? "PLACEMENT_INCOMPLETE"
          : !notAfterToday(record.fields.placementOn, ctx)
            ? "DATE_IN_FUTURE"
            : persuadedFirst(record),
      derive: closing,
    },
    escalate: {
      from: ["dropped_out", "persuading"],
      input: ["escalationNote"],
      guard: (record) => (filled(record.fields.escalatedOn) ? "ALREADY_ESCALATED" : null),
      derive: (_r, ctx) => ({ escalatedOn: ctx.today, escalatedBy: ctx.actorId }),
    },
  },
  invariant: dropoutInvariant,
};

/** 家庭经济困难学生认定: applied with evidence, identified or not after review (and revoked on review). */
export const AID_IDENTIFICATION: LedgerTypeDef = {
  type: "aid_identification",
  states: ["applied", "identified", "not_identified"],
  initial: "applied",
  fields: {
    ...STUDENT_FIELDS,
    stage: enumOf(AID_STAGES, "学段"),
    grade: text("年级", 20),
    schoolYear: text("学年", 9),
    basis: enumOf(SPECIAL_GROUPS, "认定依据"),
    level: enumOf(AID_LEVELS, "困难档次"),
    appliedOn: date("申请日期"),
    evidence: files("证明材料"),
    reviewNote: text("评议意见", 2000),
    identifiedOn: date("认定日期", true),
    reviewedBy: { kind: "user", label: "认定人", system: true },
  },
  required: ["studentName", "studentNo", "stage", "schoolYear", "basis", "level", "appliedOn", "evidence"],
  transitions: {
    identify: {
      from: ["applied"],
      to: "identified",
      input: ["reviewNote"],
      derive: (_r, ctx) => ({ identifiedOn: ctx.today, reviewedBy: ctx.actorId }),
    },
    reject_identification: {
      from: ["applied", "identified"],
      to: "not_identified",
      input: ["reviewNote"],
      noteRequired: true,
      derive: (_r, ctx) => ({ identifiedOn: null, reviewedBy: ctx.actorId }),
    },
  },
  invariant: ({ state, fields }) => {
    if (!AID_IDENTIFICATION.required.every((f) => filled(fields[f]))) return "FIELD_REQUIRED";
    if (state === "identified" && !filled(fields.identifiedOn)) return "FIELD_REQUIRED";
    return null;
  },
};

/** A disbursement: recorded once, never changed (a wrong one is a correction with a note). */
export const AID_PAYMENT: LedgerTypeDef = {
  type: "aid_payment",
  states: ["paid"],
  initial: "paid",
  fields: {
    ...STUDENT_FIELDS,
    stage: enumOf(AID_STAGES, "学段"),
    programme: enumOf(AID_PROGRAMMES, "资助项目"),
    schoolYear: text("学年", 9),
    term: enumOf(AID_TERMS, "学期"),
    boarding: enumOf(["yes", "no"], "是否寄宿"),
    amount: { kind: "money", label: "金额（元）" },
    paidOn: date("发放日期"),
    method: enumOf(AID_METHODS, "发放方式"),
  },
  required: ["studentName", "studentNo", "stage", "programme", "schoolYear", "term", "amount", "paidOn", "method"],
  transitions: {},
  invariant: ({ fields }) => (AID_PAYMENT.required.every((f) => filled(fields[f])) ? null : "FIELD_REQUIRED"),
};
