import type { LedgerType } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { json, newId } from "../ids.js";
import type { Fields, LedgerRecordState } from "./ledger-type.js";
import type { HistoryEntry } from "./workflow.js";

/** SQL of a ledger's import and export: what a sheet is read against, and new records written in batches. */

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at 11 columns a row. */
const CHUNK = 500;

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** The region's organisations (with aliases) and accounts, as names in a sheet are looked up. */
export async function regionDirectory(db: Database, regionId: string) {
  const [orgs, aliases, users] = await Promise.all([
    db
      .selectFrom("orgs")
      .select(["id", "name", "kind"])
      .where("region_id", "=", regionId)
      .where("deleted_at", "is", null)
      .execute(),
    db
      .selectFrom("org_aliases")
      .select(["org_id", "alias"])
      .where("region_id", "=", regionId)
      .where("deleted_at", "is", null)
      .execute(),
    db.selectFrom("users").select(["id", "username", "display_name"]).where("region_id", "=", regionId).execute(),
  ]);
  return { orgs, aliases, users };
}

/** Files of the region by id, with the organisation each belongs to. */
export async function regionFiles(db: Database, regionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("files")
    .select(["id", "org_id"])
    .where("region_id", "=", regionId)
    .where("id", "in", ids)
    .where("deleted_at", "is", null)
    .execute();
}

/** Records of a type by id, locked for the changes an import makes to them. */
export async function lockRecords(db: Database, regionId: string, type: LedgerType, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("ledger_records")
    .select(["id", "org_id", "state", "fields", "version"])
    .where("region_id", "=", regionId)
    .where("type", "=", type)
    .where("id", "in", ids)
    .forUpdate()
    .execute();
}

const evidenceOf = (fields: Fields): string[] => [
  ...new Set(Object.values(fields).flatMap((v) => (Array.isArray(v) ? v : []))),
];

export interface NewRecordRow {
  id: string;
  orgId: string;
  record: LedgerRecordState;
  entry: HistoryEntry;
  /** The audit event's `after` (personal values masked). */
  audit: unknown;
}

/** New records, their first history entries and their audit events, in batches. */
export async function insertImported(
  db: Database,
  meta: { regionId: string; type: LedgerType; actorId: string; at: string },
  rows: NewRecordRow[],
): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto("ledger_records")
      .values(
        part.map((r) => ({
          region_id: meta.regionId,
          id: r.id,
          type: meta.type,
          org_id: r.orgId,
          state: r.record.state,
          fields: json(r.record.fields),
          file_ids: json(evidenceOf(r.record.fields)),
          version: 1,
          created_by: meta.actorId,
          created_at: meta.at,
          updated_at: meta.at,
        })),
      )
      .execute();
    await db
      .insertInto("ledger_history")
      .values(
        part.map((r) => ({
          region_id: meta.regionId,
          record_id: r.id,
          seq: 1,
          action: r.entry.action,
          from_state: r.entry.fromState,
          to_state: r.entry.toState,
          changes: json(r.entry.changes),
          note: r.entry.note,
          actor_id: meta.actorId,
          at: meta.at,
        })),
      )
      .execute();
    await db
      .insertInto("audit_events")
      .values(
        part.map((r) => ({
          region_id: meta.regionId,
          id: newId(),
          actor_id: meta.actorId,
          entity: "ledger_record",
          entity_id: r.id,
          action: "import",
          before: null,
          after: json(r.audit),
        })),
      )
      .execute();
  }
}
