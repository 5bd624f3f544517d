import { type HazardExportQuery, LEDGER_STATE_LABELS } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { HAZARD } from "./hazard-type.js";
import { orgScope } from "./ledger-access.js";
import { type Clock, exportLedger, type ImportMode, importLedger } from "./ledger-io.js";
import type { LedgerSheetSpec } from "./ledger-sheet.js";

/** The campus safety hazard ledger (隐患台账) as xlsx: the generic ledger sheet with the hazard's columns. */
export const HAZARD_SHEET: LedgerSheetSpec = {
  def: HAZARD,
  title: "校园安全隐患排查整治台账",
  stateLabels: LEDGER_STATE_LABELS,
  orgLabel: "学校",
  orgSynonyms: ["学校名称", "单位（学校）"],
  // Every field but the round a hazard was found on (an internal link, meaningless on paper).
  fields: Object.keys(HAZARD.fields).filter((f) => f !== "roundId"),
  orgProblem: (org) => (org.kind === "school" ? null : "ROW_ORG_NOT_SCHOOL"),
};

export async function exportHazards(db: Database, actor: Actor, q: HazardExportQuery, now: Clock) {
  const orgIds = orgScope(actor, q.orgId);
  return exportLedger(
    db,
    actor,
    HAZARD_SHEET,
    {
      filter: {
        ...(orgIds ? { orgIds } : {}),
        ...(q.state ? { states: [q.state] } : {}),
        fieldEquals: { ...(q.category ? { category: q.category } : {}), ...(q.grade ? { grade: q.grade } : {}) },
        ...(q.foundFrom ? { foundFrom: q.foundFrom } : {}),
        ...(q.foundTo ? { foundTo: q.foundTo } : {}),
        ...(q.overdue ? { overdueOn: todayInShanghai(now()) } : {}),
      },
      reveal: q.reveal === true,
    },
    now,
  );
}

export const importHazards = (db: Database, actor: Actor, bytes: Buffer, mode: ImportMode, now: Clock) =>
  importLedger(db, actor, HAZARD_SHEET, bytes, { mode }, now);
