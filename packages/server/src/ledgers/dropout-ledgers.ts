import {
  DROPOUT_LEDGER_LABELS,
  DROPOUT_REASON_LABELS,
  DROPOUT_RISK_LABELS,
  DROPOUT_SOURCE_LABELS,
  type DropoutLedgerExportQuery,
  type DropoutLedgerKind,
  type DropoutLedgerQuery,
  type DropoutLedgerView,
  LEDGER_STATE_LABELS,
  type LedgerState,
  PERSUASION_METHOD_LABELS,
  PLACEMENT_LABELS,
  SPECIAL_GROUP_LABELS,
} from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import * as dropoutRepo from "./dropout.repository.js";
import { presentCase } from "./dropout.service.js";
import { studentOrgScope } from "./dropout-access.js";
import { DROPOUT } from "./dropout-type.js";
import { type Clock, exportLedger, type ImportMode, importLedger } from "./ledger-io.js";
import { rowProblem } from "./ledger-io-messages.js";
import type { LedgerSheetSpec, ReadRow, RowProblem } from "./ledger-sheet.js";
import type { FieldDef, LedgerTypeDef } from "./ledger-type.js";
import * as repo from "./ledgers.repository.js";

/**
 * The county's 控辍保学 台账 of the national rule (../shared/reference/dropout-and-aid.md, April 2024),
 * kept from the cases rather than by hand: the 疑似辍学学生台账 (students at risk, and those whose risk
 * was cleared) and the 辍学学生台账 (every case confirmed dropped out: 劝返中, 已返校, 其他安置). Each is a
 * paged view, an xlsx export in the national layout (columns as the reference names them) and an
 * import through the generic ledger io (ledger-io.ts) that round-trips the export. The school works on
 * its own students; the bureau sees only the cases escalated to it, and does not import.
 */

/** The national headers of the case's fields (the type's own labels stay synonyms, so either imports). */
const NATIONAL: Record<string, string> = {
  studentName: "姓名",
  studentNo: "学籍号",
  grade: "应在年级",
  guardianName: "监护人",
  guardianPhone: "监护人联系电话",
  specialGroup: "特殊群体标签",
  riskLevel: "风险等级",
  reason: "辍学原因",
  reasonNote: "原因说明",
  source: "来源",
  foundOn: "首次发现日期",
  responsibleName: "责任人",
  droppedOn: "确认辍学日期",
  visitCount: "劝返次数",
  visitOn: "最近一次劝返日期",
  visitMethod: "劝返方式",
  visitPeople: "劝返人员",
  visitResult: "劝返结果",
  visitEvidence: "劝返佐证材料",
  returnedOn: "复学日期",
  returnSchool: "复学学校",
  attendanceDays: "复学后在校天数",
  returnEvidence: "复学佐证材料",
  placement: "其他合法去向",
  placementOn: "安置日期",
  placementEvidence: "安置佐证材料",
  escalatedOn: "上报教育局日期",
  closedOn: "销号日期",
  closedBy: "审核人",
};

/** Chinese labels of the enum fields, as the sheet writes and reads them. */
const ENUM_LABELS: Record<string, Readonly<Record<string, string>>> = {
  specialGroup: SPECIAL_GROUP_LABELS,
  riskLevel: DROPOUT_RISK_LABELS,
  reason: DROPOUT_REASON_LABELS,
  source: DROPOUT_SOURCE_LABELS,
  visitMethod: PERSUASION_METHOD_LABELS,
  placement: PLACEMENT_LABELS,
};

const nationalField = (name: string, def: FieldDef): FieldDef => ({
  ...def,
  label: NATIONAL[name] ?? def.label,
  synonyms: [def.label, ...(def.synonyms ?? [])],
  ...(def.kind === "enum" && ENUM_LABELS[name] ? { labels: ENUM_LABELS[name] } : {}),
});

/** The case type as a 台账 holds it: national headers, only the 台账's states. */
const ledgerDef = (states: LedgerState[]): LedgerTypeDef => ({
  ...DROPOUT,
  states,
  fields: Object.fromEntries(Object.entries(DROPOUT.fields).map(([k, d]) => [k, nationalField(k, d)])),
});

const STUDENT = ["studentName", "studentNo", "grade", "guardianName", "guardianPhone", "specialGroup"];
const FINDING = ["riskLevel", "reason", "reasonNote", "source", "foundOn", "responsibleName"];
const VISITS = ["visitCount", "visitOn", "visitMethod", "visitPeople", "visitResult", "visitEvidence"];
const RETURN = ["returnedOn", "returnSchool", "attendanceDays", "returnEvidence"];
const PLACEMENT = ["placement", "placementOn", "placementEvidence"];
const CLOSING = ["closedOn", "closedBy"];

interface DropoutLedger {
  spec: LedgerSheetSpec;
  /** Which cases the 台账 holds. */
  filter: { states: LedgerState[]; fieldsPresent?: string[]; fieldsAbsent?: string[] };
}

const OPEN: readonly string[] = ["at_risk", "dropped_out", "persuading"];

/** One open case per student: an open row's 学籍号 must not be another open row's, in the sheet or stored. */
async function oneOpenCase(db: Database, regionId: string, rows: readonly ReadRow[]): Promise<RowProblem[]> {
  const open = rows.filter((r) => OPEN.includes(r.record.state) && typeof r.record.fields.studentNo === "string");
  const stored = await dropoutRepo.openCasesOf(db, regionId, [
    ...new Set(open.map((r) => String(r.record.fields.studentNo))),
  ]);
  const seen = new Map<string, string>(stored.map((c) => [c.student_no, c.id]));
  const problems: RowProblem[] = [];
  for (const r of open) {
    const no = String(r.record.fields.studentNo);
    const self = r.id ?? `row:${r.row}`;
    const holder = seen.get(no);
    if (holder !== undefined && holder !== self)
      problems.push({
        row: r.row,
        column: NATIONAL.studentNo,
        ...rowProblem("DROPOUT_CASE_OPEN", NATIONAL.studentNo!),
      });
    else seen.set(no, self);
  }
  return problems;
}

const sheet = (kind: DropoutLedgerKind, states: LedgerState[], fields: string[]): LedgerSheetSpec => ({
  def: ledgerDef(states),
  title: DROPOUT_LEDGER_LABELS[kind],
  stateLabels: LEDGER_STATE_LABELS,
  orgLabel: "学校",
  orgSynonyms: ["学校名称", "应在学校", "就读学校"],
  fields,
  orgProblem: (org) => (org.kind === "school" ? null : "ROW_ORG_NOT_SCHOOL"),
  checkRows: oneOpenCase,
});

export const DROPOUT_LEDGERS: Record<DropoutLedgerKind, DropoutLedger> = {
  // At risk, or cleared (returned without ever being confirmed dropped out).
  suspected: {
    spec: sheet("suspected", ["at_risk", "returned"], [...STUDENT, ...FINDING, ...RETURN, ...CLOSING]),
    filter: { states: ["at_risk", "returned"], fieldsAbsent: ["droppedOn"] },
  },
  dropped: {
    spec: sheet(
      "dropped",
      ["dropped_out", "persuading", "returned", "placed"],
      [...STUDENT, ...FINDING, "droppedOn", ...VISITS, ...RETURN, ...PLACEMENT, "escalatedOn", ...CLOSING],
    ),
    filter: { states: ["dropped_out", "persuading", "returned", "placed"], fieldsPresent: ["droppedOn"] },
  },
};

/** The 台账's filter for an actor: the school its own cases, the bureau the escalated ones. */
function filterFor(actor: Actor, kind: DropoutLedgerKind, orgId: string | undefined) {
  const { filter } = DROPOUT_LEDGERS[kind];
  const orgIds = studentOrgScope(actor, orgId);
  const bureau = actor.role !== "school_reporter";
  return {
    ...filter,
    ...(orgIds ? { orgIds } : {}),
    fieldsPresent: [...(filter.fieldsPresent ?? []), ...(bureau ? ["escalatedOn"] : [])],
  };
}

export async function dropoutLedgerView(
  db: Database,
  actor: Actor,
  kind: DropoutLedgerKind,
  q: DropoutLedgerQuery,
): Promise<DropoutLedgerView> {
  const { spec } = DROPOUT_LEDGERS[kind];
  const filter = { ...filterFor(actor, kind, q.orgId), regionId: actor.regionId, type: DROPOUT.type };
  const { total, rows } = await repo.pageRecords(db, { ...filter, limit: q.limit, offset: q.offset });
  return {
    kind,
    title: spec.title,
    total,
    columns: (spec.fields ?? []).map((field) => ({ field, label: spec.def.fields[field]!.label })),
    cases: rows.map(presentCase),
  };
}

export const exportDropoutLedger = (
  db: Database,
  actor: Actor,
  kind: DropoutLedgerKind,
  q: DropoutLedgerExportQuery,
  now: Clock,
) =>
  exportLedger(
    db,
    actor,
    DROPOUT_LEDGERS[kind].spec,
    { filter: filterFor(actor, kind, q.orgId), reveal: q.reveal === true },
    now,
  );

/** Only the school imports its own 台账 (the bureau's escalated cases are worked on case by case). */
export function importDropoutLedger(
  db: Database,
  actor: Actor,
  kind: DropoutLedgerKind,
  bytes: Buffer,
  mode: ImportMode,
  now: Clock,
) {
  if (actor.role !== "school_reporter") throw forbidden();
  return importLedger(db, actor, DROPOUT_LEDGERS[kind].spec, bytes, { mode }, now);
}
