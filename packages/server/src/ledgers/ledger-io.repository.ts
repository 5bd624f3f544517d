import type { LedgerType } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { json, newId } from "../ids.js";
import type { Fields, LedgerRecordState } from "./ledger-type.js";
import type { HistoryEntry } from "./workflow.js";

/** SQL of a ledger's import and export: what a sheet is read against, and new records written in batches. */

/** Rows per INSERT (their JSON is one parameter). */
const CHUNK = 1000;

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

/**
 * New records, their first history entries and their audit events, in batches: each batch one
 * statement per table, its rows passed as one JSON parameter (jsonb_to_recordset) — building and
 * sending thousands of separate parameters cost more than writing the rows.
 */
export async function insertImported(
  db: Database,
  meta: { regionId: string; type: LedgerType; actorId: string; at: string },
  rows: NewRecordRow[],
): Promise<void> {
  for (const part of chunks(rows)) {
    const batch = json(
      part.map((r) => ({
        id: r.id,
        org_id: r.orgId,
        state: r.record.state,
        fields: r.record.fields,
        file_ids: evidenceOf(r.record.fields),
        action: r.entry.action,
        from_state: r.entry.fromState,
        to_state: r.entry.toState,
        changes: r.entry.changes,
        note: r.entry.note,
        audit_id: newId(),
        audit: r.audit ?? null,
      })),
    );
    const { regionId, type, actorId, at } = meta;
    await sql`
      INSERT INTO ledger_records (region_id, id, type, org_id, state, fields, file_ids, version, created_by, created_at, updated_at)
      SELECT ${regionId}::text, x.id, ${type}::text, x.org_id, x.state, x.fields, x.file_ids, 1, ${actorId}::text,
             ${at}::timestamptz, ${at}::timestamptz
        FROM jsonb_to_recordset(${batch}::jsonb) AS x(id text, org_id text, state text, fields jsonb, file_ids jsonb)`.execute(
      db,
    );
    await sql`
      INSERT INTO ledger_history (region_id, record_id, seq, action, from_state, to_state, changes, note, actor_id, at)
      SELECT ${regionId}::text, x.id, 1, x.action, x.from_state, x.to_state, x.changes, x.note, ${actorId}::text, ${at}::timestamptz
        FROM jsonb_to_recordset(${batch}::jsonb)
          AS x(id text, action text, from_state text, to_state text, changes jsonb, note text)`.execute(db);
    await sql`
      INSERT INTO audit_events (region_id, id, actor_id, entity, entity_id, action, before, after)
      SELECT ${regionId}::text, x.audit_id, ${actorId}::text, 'ledger_record', x.id, 'import', NULL::jsonb, x.audit
        FROM jsonb_to_recordset(${batch}::jsonb) AS x(id text, audit_id text, audit jsonb)`.execute(db);
  }
}
