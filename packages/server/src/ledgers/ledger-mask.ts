import type { LedgerAction, LedgerState } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { Changes } from "./fields.js";
import type { Fields, LedgerTypeDef } from "./ledger-type.js";
import { maskChanges, maskFields } from "./personal-mask.js";

/**
 * A ledger record's personal data in answers: its history masked (personal-mask.ts), and the
 * audited reveal that shows the personal fields in clear.
 */

export { maskChanges as maskRecordChanges, maskFields as maskRecordFields };

/** The personal fields of a record in clear, for a caller the policy lets see them; the reveal is audited. */
export async function revealRecord(
  db: Database,
  def: LedgerTypeDef,
  actor: Actor,
  id: string,
  fields: Fields,
): Promise<{ id: string; fields: Record<string, string | null> }> {
  const personal = Object.keys(def.fields).filter((f) => def.fields[f]!.personal);
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger_record",
    entityId: id,
    action: "reveal",
    after: { fields: personal.map((f) => def.fields[f]!.label) },
  });
  return {
    id,
    fields: Object.fromEntries(personal.map((f) => [f, typeof fields[f] === "string" ? (fields[f] as string) : null])),
  };
}

interface HistoryRow {
  seq: number;
  action: LedgerAction;
  from_state: LedgerState | null;
  to_state: LedgerState;
  changes: Changes;
  note: string | null;
  actor_id: string;
  actor_name: string | null;
  at: string;
}

/** A record's history as answers carry it, personal fields masked. */
export const presentHistory = (def: LedgerTypeDef, rows: HistoryRow[]) =>
  rows.map((h) => ({
    seq: h.seq,
    action: h.action,
    fromState: h.from_state,
    toState: h.to_state,
    changes: maskChanges(def, h.changes),
    note: h.note,
    actorId: h.actor_id,
    actorName: h.actor_name,
    at: h.at,
  }));
