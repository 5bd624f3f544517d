import {
  AID_PROGRAMME_STAGES,
  type AidChecks,
  type AidCorrection,
  type AidIdentificationStep,
  type AidProgramme,
  type AidRecord,
  type AidStage,
  maskIdNumber,
  maskName,
  type NewAidIdentification,
  type NewAidPayment,
} from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { todayInShanghai } from "../progress/periods.js";
import { zhCompare } from "../zh-order.js";
import * as dropoutRepo from "./dropout.repository.js";
import { dropoutConfig } from "./dropout.service.js";
import { assertWritesAid, canReadAid, isSchoolSide, studentOrgScope } from "./dropout-access.js";
import { aidAsOf } from "./dropout-as-of.js";
import { aidChecks } from "./dropout-metrics.js";
import { AID_IDENTIFICATION, AID_PAYMENT } from "./dropout-type.js";
import { ledgerError } from "./ledger-errors.js";
import { maskRecordFields } from "./ledger-mask.js";
import type { Fields, LedgerTypeDef } from "./ledger-type.js";
import { type Clock, changeStudentRecord, checkEvidence, insertStudentRecord, schoolOf } from "./student-ledger.js";
import { correct, createRecord, step } from "./workflow.js";

/**
 * 学生资助 (issue 18): 家庭经济困难学生认定 (applied with evidence, identified or not by review,
 * revoked on a later review), disbursements recorded by the school (amount by the region's standard
 * unless given), and the 应助尽助 checks listed per school for the bureau.
 */

const present =
  (def: LedgerTypeDef) =>
  (r: dropoutRepo.StudentRecordRow): AidRecord => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    state: r.state,
    fields: maskRecordFields(def, r.fields) as AidRecord["fields"],
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

async function newRecordOrg(db: Database, actor: Actor, orgId: string | undefined) {
  const org = await schoolOf(db, actor, orgId ?? actor.orgId);
  if (!isSchoolSide(actor, org.id)) throw forbidden();
  return org.id;
}

export async function listAid(
  db: Database,
  actor: Actor,
  kind: "identification" | "payment",
  filter: { orgId?: string; schoolYear?: string; limit: number; offset: number },
): Promise<AidRecord[]> {
  const def = kind === "identification" ? AID_IDENTIFICATION : AID_PAYMENT;
  const orgIds = studentOrgScope(actor, filter.orgId);
  const rows = await dropoutRepo.listStudentRecords(db, {
    regionId: actor.regionId,
    type: def.type,
    ...(orgIds ? { orgIds } : {}),
    ...(filter.schoolYear ? { schoolYear: filter.schoolYear } : {}),
    limit: filter.limit,
    offset: filter.offset,
  });
  return rows.filter((r) => canReadAid(actor, r)).map(present(def));
}

async function oneAid(db: Database, actor: Actor, def: LedgerTypeDef, id: string) {
  const [row] = await dropoutRepo.listStudentRecords(db, {
    regionId: actor.regionId,
    type: def.type,
    id,
    limit: 1,
    offset: 0,
  });
  if (!row || !canReadAid(actor, row)) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  return present(def)(row);
}

export async function recordIdentification(db: Database, actor: Actor, input: NewAidIdentification, now: Clock) {
  const orgId = await newRecordOrg(db, actor, input.orgId);
  const { orgId: _org, ...fields } = input;
  const outcome = createRecord(AID_IDENTIFICATION, fields as Fields);
  await checkEvidence(db, AID_IDENTIFICATION, actor, fields as Fields);
  const open = await dropoutRepo.recordsOfStudent(db, {
    regionId: actor.regionId,
    type: AID_IDENTIFICATION.type,
    studentNo: input.studentNo,
    schoolYear: input.schoolYear,
    states: ["applied", "identified"],
  });
  if (open.length > 0) throw ledgerError("AID_IDENTIFICATION_OPEN", 409, { recordId: open[0]!.id });
  const id = await insertStudentRecord(db, AID_IDENTIFICATION, actor, orgId, outcome, now);
  return oneAid(db, actor, AID_IDENTIFICATION, id);
}

export async function stepIdentification(
  db: Database,
  actor: Actor,
  id: string,
  input: AidIdentificationStep,
  now: Clock,
) {
  const today = todayInShanghai(now());
  await changeStudentRecord(db, AID_IDENTIFICATION, actor, id, now, (current, row) => {
    assertWritesAid(actor, row);
    return step(
      AID_IDENTIFICATION,
      current,
      input.action,
      input.fields as Fields,
      { actorId: actor.userId, today, settings: {} },
      input.note ?? null,
    );
  });
  return oneAid(db, actor, AID_IDENTIFICATION, id);
}

export async function recordPayment(db: Database, actor: Actor, input: NewAidPayment, now: Clock) {
  const orgId = await newRecordOrg(db, actor, input.orgId);
  if (!AID_PROGRAMME_STAGES[input.programme].includes(input.stage)) throw ledgerError("AID_STAGE_MISMATCH", 400);
  const { orgId: _org, boarding, amount, ...rest } = input;
  // A standard holds from its school year until a later one replaces it.
  const standard = (await dropoutConfig(db, actor.regionId)).aidStandards
    .filter(
      (s) =>
        s.schoolYear <= input.schoolYear &&
        s.programme === input.programme &&
        s.stage === input.stage &&
        (s.boarding === (boarding ?? false) || !AID_STANDARD_BY_BOARDING.has(input.programme)),
    )
    .sort((a, b) => b.schoolYear.localeCompare(a.schoolYear))[0];
  // A standard is per year; a term's payment is half of it.
  const due = amount ?? (standard ? standard.amount / 2 : undefined);
  if (due === undefined) throw ledgerError("AID_STANDARD_MISSING", 400);
  const fields: Fields = {
    ...rest,
    amount: due,
    ...(boarding === undefined ? {} : { boarding: boarding ? "yes" : "no" }),
  };
  const outcome = createRecord(AID_PAYMENT, fields);
  const id = await insertStudentRecord(db, AID_PAYMENT, actor, orgId, outcome, now);
  return oneAid(db, actor, AID_PAYMENT, id);
}

/**
 * Corrects a mistaken 认定 or 发放 entry: a new history entry with the note, the state unchanged,
 * the record still valid (a payment's programme fitting its stage); audited, nothing deleted.
 */
export async function correctAid(
  db: Database,
  actor: Actor,
  kind: "identification" | "payment",
  id: string,
  input: AidCorrection,
  now: Clock,
) {
  const def = kind === "identification" ? AID_IDENTIFICATION : AID_PAYMENT;
  const fields = input.fields as Fields;
  await checkEvidence(db, def, actor, fields);
  await changeStudentRecord(db, def, actor, id, now, (current, row) => {
    assertWritesAid(actor, row);
    const outcome = correct(def, current, fields, input.note);
    const { programme, stage } = outcome.record.fields;
    if (kind === "payment" && !AID_PROGRAMME_STAGES[programme as AidProgramme]?.includes(stage as AidStage))
      throw ledgerError("AID_STAGE_MISMATCH", 400);
    return outcome;
  });
  return oneAid(db, actor, def, id);
}

/** Programmes whose standard differs for boarders (the others have one standard, stored as non-boarding). */
const AID_STANDARD_BY_BOARDING = new Set(["living_allowance"]);

/** The 应助尽助 checks of a school year as of a day, per school and student (names and 学籍号 masked). */
export async function aidCheckList(
  db: Database,
  actor: Actor,
  q: { schoolYear: string; asOf?: string; orgId?: string },
  now: Clock,
): Promise<AidChecks> {
  const asOf = q.asOf ?? todayInShanghai(now());
  const orgIds = studentOrgScope(actor, q.orgId);
  const { idents, payments } = await aidAsOf(db, actor.regionId, asOf, orgIds, q.schoolYear);
  const findings = aidChecks(idents, payments, q.schoolYear);
  const schoolIds = [
    ...new Set([...idents, ...payments].filter((r) => r.schoolYear === q.schoolYear).map((r) => r.orgId)),
  ];
  const names = await dropoutRepo.orgNames(db, actor.regionId, schoolIds);
  const identified = idents.filter((i) => i.schoolYear === q.schoolYear && i.state === "identified");
  const schools = schoolIds
    .map((orgId) => {
      const own = findings.filter((f) => f.orgId === orgId);
      const ids = identified.filter((i) => i.orgId === orgId).length;
      const unaided = own.filter((f) => f.check === "unaided").length;
      return {
        orgId,
        orgName: names.get(orgId) ?? orgId,
        identified: ids,
        aided: ids - unaided,
        unaided,
        duplicate: own.filter((f) => f.check === "duplicate").length,
        unidentified: own.filter((f) => f.check === "unidentified").length,
      };
    })
    .sort((a, b) => zhCompare(a.orgName, b.orgName));
  return {
    schoolYear: q.schoolYear,
    asOf,
    schools,
    items: findings.map((f) => ({
      check: f.check,
      orgId: f.orgId,
      orgName: names.get(f.orgId) ?? f.orgId,
      studentName: maskName(f.studentName),
      studentNo: maskIdNumber(f.studentNo),
      programme: f.programme,
      term: f.term,
      recordIds: f.recordIds,
    })),
  };
}
