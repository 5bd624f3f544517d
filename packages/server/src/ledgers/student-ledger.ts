import type { LedgerAction } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { findVisibleFiles } from "../files/files.repository.js";
import { newId } from "../ids.js";
import { ledgerError } from "./ledger-errors.js";
import { maskRecordChanges, maskRecordFields } from "./ledger-mask.js";
import type { Fields, LedgerRecordState, LedgerTypeDef } from "./ledger-type.js";
import * as repo from "./ledgers.repository.js";
import type { Outcome } from "./workflow.js";

/**
 * Writing the student ledgers (控辍 cases, 认定, 发放): a new record or a change on the locked record,
 * each one transaction with its history entry and its audit event (personal fields masked there).
 */

export type Clock = () => Date;

/** The audit action of each history action ("escalate" is taken by supervision: 升级督办). */
const auditAction = (action: LedgerAction): string =>
  action === "record" ? "create" : action === "escalate" ? "escalate_case" : action;

async function audit(
  trx: Database,
  def: LedgerTypeDef,
  actor: Actor,
  id: string,
  before: LedgerRecordState | null,
  outcome: Outcome,
) {
  await recordAudit(trx, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger_record",
    entityId: id,
    action: auditAction(outcome.entry.action),
    before: before ? { state: before.state, fields: maskRecordFields(def, before.fields) } : undefined,
    after: {
      type: def.type,
      state: outcome.record.state,
      changes: maskRecordChanges(def, outcome.entry.changes),
      note: outcome.entry.note,
    },
  });
}

/** Evidence files the input names must exist and be the actor's to use. */
export async function checkEvidence(db: Database, def: LedgerTypeDef, actor: Actor, input: Fields): Promise<void> {
  const files = [
    ...new Set(
      Object.entries(input).flatMap(([k, v]) => (def.fields[k]?.kind === "files" && Array.isArray(v) ? v : [])),
    ),
  ];
  if (files.length > 0 && (await findVisibleFiles(db, actor, files)).length !== files.length)
    throw ledgerError("EVIDENCE_NOT_FOUND", 400);
}

/** A school's organisation, which the actor must reach, for a new student record. */
export async function schoolOf(db: Database, actor: Actor, orgId: string) {
  const org = await repo.orgOf(db, actor.regionId, orgId);
  if (!org || !actor.visibleOrgIds.includes(org.id)) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  if (org.kind !== "school") throw ledgerError("LEDGER_ORG_NOT_SCHOOL_STUDENT", 400);
  return org;
}

export async function insertStudentRecord(
  db: Database,
  def: LedgerTypeDef,
  actor: Actor,
  orgId: string,
  outcome: Outcome,
  now: Clock,
  /** More writes of the same transaction (e.g. linking the record to where it was found). */
  also?: (trx: Database, id: string, at: string) => Promise<void>,
): Promise<string> {
  const id = newId();
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const key = { regionId: actor.regionId, id };
    await repo.insertRecord(trx, { ...key, type: def.type, orgId, actorId: actor.userId, at }, outcome.record);
    await repo.appendChange(trx, key, 0, outcome.record, outcome.entry, actor.userId, at);
    await audit(trx, def, actor, id, null, outcome);
    await also?.(trx, id, at);
  });
  return id;
}

/** Runs a change on the locked record: `decide` answers the outcome (or throws), then all is written. */
export async function changeStudentRecord(
  db: Database,
  def: LedgerTypeDef,
  actor: Actor,
  id: string,
  now: Clock,
  decide: (current: LedgerRecordState, row: { region_id: string; org_id: string; fields: Fields }) => Outcome,
): Promise<void> {
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const key = { regionId: actor.regionId, id };
    const row = await repo.lockRecord(trx, key, def.type);
    if (!row) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
    const current = { state: row.state, fields: row.fields };
    const outcome = decide(current, row);
    await repo.appendChange(trx, key, row.version, outcome.record, outcome.entry, actor.userId, at);
    await audit(trx, def, actor, id, current, outcome);
  });
}
