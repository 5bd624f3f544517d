import {
  AID_PROGRAMME_STAGES,
  type AidStandard,
  type DropoutCase,
  type DropoutCaseDetail,
  type DropoutCases,
  type DropoutConfig,
  type DropoutCorrection,
  type DropoutStep,
  type LedgerMetric,
  type NewDropoutCase,
  type PersuasionVisit,
} from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { todayInShanghai } from "../progress/periods.js";
import * as dropoutRepo from "./dropout.repository.js";
import { assertReadsCase, assertWritesCase, caseAccess, isSchoolSide, studentOrgScope } from "./dropout-access.js";
import { DEFAULT_DROPOUT_SETTINGS, DROPOUT, VISIT_FIELDS } from "./dropout-type.js";
import { applyChanges } from "./fields.js";
import type { MetricValue } from "./hazard-metrics.js";
import { LEDGER_ASSIGNERS } from "./ledger-access.js";
import { ledgerError } from "./ledger-errors.js";
import { maskRecordFields, presentHistory, revealRecord } from "./ledger-mask.js";
import { metricsAsOf } from "./ledger-metrics.js";
import { writeAuditedSettings } from "./ledger-settings.js";
import type { Fields } from "./ledger-type.js";
import * as repo from "./ledgers.repository.js";
import { type Clock, changeStudentRecord, checkEvidence, insertStudentRecord, schoolOf } from "./student-ledger.js";
import { correct, createRecord, step } from "./workflow.js";

/**
 * 控辍保学 cases (issue 18): recorded by the school for its own students, persuaded back step by
 * step, closed by a confirmed return or another placement; escalated to the bureau when the school
 * cannot bring the student back. The region's settings (return confirmation days, aid standards).
 */

const TYPE = DROPOUT.type;
const OPEN_STATES = ["at_risk", "dropped_out", "persuading"];

// --- settings -----------------------------------------------------------------------------------

/** Published standards (元/生·年) of the reference for 2024-2025; a region replaces them with its own. */
const std = (programme: AidStandard["programme"], stage: AidStandard["stage"], boarding: boolean, amount: number) => ({
  schoolYear: "2024-2025",
  programme,
  stage,
  boarding,
  amount,
});
export const DEFAULT_AID_STANDARDS: AidStandard[] = [
  std("living_allowance", "primary", true, 1250),
  std("living_allowance", "primary", false, 625),
  std("living_allowance", "junior", true, 1500),
  std("living_allowance", "junior", false, 750),
  std("senior_grant", "senior", false, 2000),
  std("vocational_grant", "vocational", false, 2000),
  std("preschool_aid", "preschool", false, 1000),
];

export async function dropoutConfig(db: Database, regionId: string): Promise<DropoutConfig> {
  const stored = (await repo.readSettings(db, regionId, TYPE)) as Partial<DropoutConfig> | null;
  return {
    returnConfirmDays: stored?.returnConfirmDays ?? DEFAULT_DROPOUT_SETTINGS.returnConfirmDays,
    aidStandards: stored?.aidStandards ?? DEFAULT_AID_STANDARDS,
  };
}

export async function saveDropoutConfig(db: Database, actor: Actor, config: DropoutConfig, now: Clock) {
  if (!LEDGER_ASSIGNERS.includes(actor.role)) throw forbidden();
  const wrong = config.aidStandards.filter((s) => !AID_PROGRAMME_STAGES[s.programme].includes(s.stage));
  if (wrong.length > 0) throw ledgerError("AID_STAGE_MISMATCH", 400, { standards: wrong });
  await db.transaction().execute(async (trx) => {
    const before = await dropoutConfig(trx, actor.regionId);
    await writeAuditedSettings(trx, actor, TYPE, { settings: config, before, after: config, at: now().toISOString() });
  });
  return config;
}

// --- presenting ---------------------------------------------------------------------------------

type Row = dropoutRepo.StudentRecordRow;

export const presentCase = (r: Row): DropoutCase => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  state: r.state,
  fields: maskRecordFields(DROPOUT, r.fields) as DropoutCase["fields"],
  escalated: typeof r.fields.escalatedOn === "string",
  visitCount: Number(r.fields.visitCount ?? 0),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type HistoryRow = Awaited<ReturnType<typeof repo.historyOf>>[number];

/** Every 劝返 step as it was recorded: the fields after each persuade entry, replayed from the history. */
export function visitsOf(history: HistoryRow[]): PersuasionVisit[] {
  let fields: Fields = {};
  const visits: PersuasionVisit[] = [];
  for (const h of history) {
    fields = applyChanges(fields, h.changes);
    if (h.action !== "persuade") continue;
    visits.push({
      seq: h.seq,
      visitOn: String(fields.visitOn ?? ""),
      method: String(fields.visitMethod ?? ""),
      people: String(fields.visitPeople ?? ""),
      result: String(fields.visitResult ?? ""),
      evidence: Array.isArray(fields.visitEvidence) ? fields.visitEvidence : [],
      actorName: h.actor_name,
      at: h.at,
    });
  }
  return visits;
}

// --- reading ------------------------------------------------------------------------------------

async function findCase(db: Database, actor: Actor, id: string) {
  const [row] = await dropoutRepo.listStudentRecords(db, {
    regionId: actor.regionId,
    type: TYPE,
    id,
    limit: 1,
    offset: 0,
  });
  assertReadsCase(actor, row);
  return row as Row;
}

/** The actor's cases (the school: its own; the bureau: the escalated ones) and counts per school. */
export async function listCases(
  db: Database,
  actor: Actor,
  filter: { orgId?: string; state?: string; limit: number; offset: number },
): Promise<DropoutCases> {
  const orgIds = studentOrgScope(actor, filter.orgId);
  const schoolSide = actor.role === "school_reporter";
  const rows = await dropoutRepo.listStudentRecords(db, {
    regionId: actor.regionId,
    type: TYPE,
    ...(orgIds ? { orgIds } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    escalatedOnly: !schoolSide,
    limit: filter.limit,
    offset: filter.offset,
  });
  const counts = await dropoutRepo.caseCounts(db, actor.regionId, orgIds);
  const schools = new Map<string, DropoutCases["schools"][number]>();
  for (const c of counts) {
    const s = schools.get(c.org_id) ?? { orgId: c.org_id, orgName: c.org_name, byState: {}, escalated: 0 };
    s.byState[c.state] = Number(c.n);
    s.escalated += Number(c.escalated);
    schools.set(c.org_id, s);
  }
  return { cases: rows.map(presentCase), schools: [...schools.values()] };
}

export async function caseDetail(db: Database, actor: Actor, id: string): Promise<DropoutCaseDetail> {
  const row = await findCase(db, actor, id);
  const history = await repo.historyOf(db, { regionId: actor.regionId, id });
  return {
    ...presentCase(row),
    visits: visitsOf(history),
    history: presentHistory(DROPOUT, history),
  };
}

export async function revealCase(db: Database, actor: Actor, id: string) {
  const row = await findCase(db, actor, id);
  if (caseAccess(actor, row) !== "clear") throw forbidden();
  return revealRecord(db, DROPOUT, actor, id, row.fields);
}

// --- changing -----------------------------------------------------------------------------------

export async function recordCase(db: Database, actor: Actor, input: NewDropoutCase, now: Clock) {
  const orgId = input.orgId ?? actor.orgId;
  await schoolOf(db, actor, orgId);
  if (!isSchoolSide(actor, orgId)) throw forbidden();
  const { orgId: _org, ...fields } = input;
  const outcome = createRecord(DROPOUT, fields as Fields);
  const open = await dropoutRepo.recordsOfStudent(db, {
    regionId: actor.regionId,
    type: TYPE,
    studentNo: input.studentNo,
    states: OPEN_STATES,
  });
  if (open.length > 0) throw ledgerError("DROPOUT_CASE_OPEN", 409, { caseId: open[0]!.id });
  const id = await insertStudentRecord(db, DROPOUT, actor, orgId, outcome, now);
  return caseDetail(db, actor, id);
}

export async function stepCase(db: Database, actor: Actor, id: string, input: DropoutStep, now: Clock) {
  const row = await findCase(db, actor, id);
  assertWritesCase(actor, row);
  // A 劝返 step is recorded whole: the previous step's fields it does not name are cleared.
  const fields: Fields =
    input.action === "persuade"
      ? { ...Object.fromEntries(VISIT_FIELDS.map((f) => [f, null])), ...(input.fields as Fields) }
      : (input.fields as Fields);
  await checkEvidence(db, DROPOUT, actor, fields);
  const settings = await dropoutConfig(db, actor.regionId);
  const today = todayInShanghai(now());
  await changeStudentRecord(db, DROPOUT, actor, id, now, (current, locked) => {
    assertWritesCase(actor, { ...locked, fields: current.fields });
    return step(
      DROPOUT,
      current,
      input.action,
      fields,
      { actorId: actor.userId, today, settings: { returnConfirmDays: settings.returnConfirmDays } },
      input.note ?? null,
    );
  });
  return caseDetail(db, actor, id);
}

/**
 * Corrects a mistaken entry of a case: a new history entry (action `correct`, with the note), the
 * state unchanged, the case still valid; audited like every change, nothing deleted. A corrected
 * 学籍号 must not belong to another open case.
 */
export async function correctCase(db: Database, actor: Actor, id: string, input: DropoutCorrection, now: Clock) {
  const row = await findCase(db, actor, id);
  assertWritesCase(actor, row);
  const fields = input.fields as Fields;
  await checkEvidence(db, DROPOUT, actor, fields);
  if (input.fields.studentNo && input.fields.studentNo !== row.fields.studentNo) {
    const open = await dropoutRepo.recordsOfStudent(db, {
      regionId: actor.regionId,
      type: TYPE,
      studentNo: input.fields.studentNo,
      states: OPEN_STATES,
    });
    if (open.some((c) => c.id !== id)) throw ledgerError("DROPOUT_CASE_OPEN", 409, { caseId: open[0]!.id });
  }
  await changeStudentRecord(db, DROPOUT, actor, id, now, (current, locked) => {
    assertWritesCase(actor, { ...locked, fields: current.fields });
    return correct(DROPOUT, current, fields, input.note);
  });
  return caseDetail(db, actor, id);
}

// --- indicators ---------------------------------------------------------------------------------

const DROPOUT_METRICS: LedgerMetric[] = ["dropout_count", "persuasion_rate", "aid_coverage"];

/** 辍学学生数, 劝返率 and 资助覆盖率 of the actor's schools as of a day. */
export async function dropoutIndicators(
  db: Database,
  actor: Actor,
  q: { from: string; to: string; asOf?: string; orgId?: string },
  now: Clock,
): Promise<{ from: string; to: string; asOf: string; metrics: MetricValue[] }> {
  const asOf = q.asOf ?? todayInShanghai(now());
  const orgIds = studentOrgScope(actor, q.orgId);
  const period = { from: q.from, to: q.to };
  const metrics = await metricsAsOf(
    db,
    actor.regionId,
    asOf,
    DROPOUT_METRICS.map((metric) => ({ metric, period })),
    orgIds,
  );
  return { from: q.from, to: q.to, asOf, metrics };
}
