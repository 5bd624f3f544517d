import type { LedgerType, RoundKind } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { json } from "../ids.js";
import type { Changes } from "./fields.js";
import type { Fields, LedgerRecordState } from "./ledger-type.js";
import type { ChecklistResult } from "./schema.js";
import type { HistoryEntry } from "./workflow.js";

/** SQL of the ledgers: records, their append-only history, rounds and settings. */

export interface RecordKey {
  regionId: string;
  id: string;
}

const evidenceOf = (fields: Fields): string[] => [
  ...new Set(Object.values(fields).flatMap((v) => (Array.isArray(v) ? v : []))),
];

export async function insertRecord(
  db: Database,
  row: { regionId: string; id: string; type: LedgerType; orgId: string; actorId: string; at: string },
  record: LedgerRecordState,
) {
  await db
    .insertInto("ledger_records")
    .values({
      region_id: row.regionId,
      id: row.id,
      type: row.type,
      org_id: row.orgId,
      state: record.state,
      fields: json(record.fields),
      file_ids: json(evidenceOf(record.fields)),
      version: 0,
      created_by: row.actorId,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

/** The record, locked for the change that follows (one change at a time per record). */
export async function lockRecord(db: Database, key: RecordKey, type: LedgerType) {
  return db
    .selectFrom("ledger_records")
    .selectAll()
    .where("region_id", "=", key.regionId)
    .where("id", "=", key.id)
    .where("type", "=", type)
    .forUpdate()
    .executeTakeFirst();
}

/** Writes the record's new state and fields and its next history entry. */
export async function appendChange(
  db: Database,
  key: RecordKey,
  version: number,
  record: LedgerRecordState,
  entry: HistoryEntry,
  actorId: string,
  at: string,
): Promise<number> {
  const seq = version + 1;
  await db
    .updateTable("ledger_records")
    .set({
      state: record.state,
      fields: json(record.fields),
      file_ids: json(evidenceOf(record.fields)),
      version: seq,
      updated_at: at,
    })
    .where("region_id", "=", key.regionId)
    .where("id", "=", key.id)
    .execute();
  await db
    .insertInto("ledger_history")
    .values({
      region_id: key.regionId,
      record_id: key.id,
      seq,
      action: entry.action,
      from_state: entry.fromState,
      to_state: entry.toState,
      changes: json(entry.changes),
      note: entry.note,
      actor_id: actorId,
      at,
    })
    .execute();
  return seq;
}

export interface RecordFilter {
  regionId: string;
  type: LedgerType;
  /** Only these organisations (a school's own), or every one of the region. */
  orgIds?: string[];
  states?: string[];
  /** Exact values of fields (category, grade). */
  fieldEquals?: Record<string, string>;
  foundFrom?: string;
  foundTo?: string;
  /** Past their deadline on this day and not yet fixed. */
  overdueOn?: string;
  /** Fields that must be set, and fields that must not (the 控辍 台账 of a case's course). */
  fieldsPresent?: string[];
  fieldsAbsent?: string[];
  limit: number;
  offset: number;
}

/** A region's records of a type, each with its organisation's name. */
const recordsWithOrg = (db: Database, regionId: string, type: LedgerType) =>
  db
    .selectFrom("ledger_records as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "r.region_id").onRef("o.id", "=", "r.org_id"))
    .selectAll("r")
    .select("o.name as org_name")
    .where("r.region_id", "=", regionId)
    .where("r.type", "=", type);

/** The records a filter selects (unordered, unpaged). */
function filtered(db: Database, f: Omit<RecordFilter, "limit" | "offset">) {
  let q = recordsWithOrg(db, f.regionId, f.type);
  if (f.orgIds) q = q.where("r.org_id", "in", f.orgIds.length ? f.orgIds : [""]);
  if (f.states?.length) q = q.where("r.state", "in", f.states as never[]);
  for (const [field, value] of Object.entries(f.fieldEquals ?? {}))
    q = q.where(sql<string>`r.fields ->> ${field}`, "=", value);
  if (f.foundFrom) q = q.where(sql<string>`r.fields ->> 'foundOn'`, ">=", f.foundFrom);
  if (f.foundTo) q = q.where(sql<string>`r.fields ->> 'foundOn'`, "<=", f.foundTo);
  // status/rules.ts hazardStatus's red in SQL (for paging): past the deadline and not written off.
  if (f.overdueOn) q = q.where("r.state", "<>", "closed").where(sql<string>`r.fields ->> 'deadline'`, "<", f.overdueOn);
  for (const field of f.fieldsPresent ?? []) q = q.where(sql<string>`r.fields ->> ${field}`, "is not", null);
  for (const field of f.fieldsAbsent ?? []) q = q.where(sql<string>`r.fields ->> ${field}`, "is", null);
  return q;
}

/** How many records a filter selects. */
export async function countRecords(db: Database, f: Omit<RecordFilter, "limit" | "offset">): Promise<number> {
  const row = await filtered(db, f).clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirst();
  return Number(row?.n ?? 0);
}

const ordered = (db: Database, f: RecordFilter) =>
  filtered(db, f)
    .orderBy(sql`r.fields ->> 'foundOn'`, "desc")
    .orderBy("r.created_at", "desc")
    .orderBy("r.id")
    .limit(f.limit)
    .offset(f.offset);

export async function listRecords(db: Database, f: RecordFilter) {
  return ordered(db, f).execute();
}

/** A page of the records a filter selects and how many it selects, read in one pass. */
export async function pageRecords(db: Database, f: RecordFilter) {
  const rows = await ordered(db, f).select(sql<number>`count(*) OVER ()`.as("total_count")).execute();
  // Past the last page no row carries the total: count apart.
  const total = rows.length > 0 ? Number(rows[0]!.total_count) : f.offset > 0 ? await countRecords(db, f) : 0;
  return { total, rows };
}

/**
 * The region's records of a type not yet written off, each with its organisation's name and the
 * number of open 督办单 about it: what the warnings board judges.
 */
export async function openRecords(db: Database, q: { regionId: string; type: LedgerType; orgIds?: string[] }) {
  let query = recordsWithOrg(db, q.regionId, q.type)
    .where("r.state", "<>", "closed")
    .select((eb) =>
      eb
        .selectFrom("supervision_notices as n")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("n.region_id", "=", "r.region_id")
        .whereRef("n.ledger_record_id", "=", "r.id")
        .where("n.status", "<>", "closed")
        .where("n.deleted_at", "is", null)
        .as("open_notices"),
    );
  if (q.orgIds) query = query.where("r.org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  return query.orderBy(sql`r.fields ->> 'deadline'`).orderBy("r.id").execute();
}

/**
 * Records of a type past their deadline on a day and not written off, in the given regions (or all),
 * each with its organisation's name: the candidates of the daily overdue reminders.
 */
export async function pastDeadline(db: Database, q: { type: LedgerType; day: string; regionIds: string[] | null }) {
  let query = db
    .selectFrom("ledger_records as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "r.region_id").onRef("o.id", "=", "r.org_id"))
    .selectAll("r")
    .select("o.name as org_name")
    .where("r.type", "=", q.type)
    .where("r.state", "<>", "closed")
    .where(sql<string>`r.fields ->> 'deadline'`, "<", q.day);
  if (q.regionIds) query = query.where("r.region_id", "in", q.regionIds.length ? q.regionIds : [""]);
  return query.orderBy("r.region_id").orderBy("r.id").execute();
}

export async function findRecord(db: Database, key: RecordKey, type: LedgerType) {
  return recordsWithOrg(db, key.regionId, type).where("r.id", "=", key.id).executeTakeFirst();
}

export async function historyOf(db: Database, key: RecordKey) {
  return db
    .selectFrom("ledger_history as h")
    .leftJoin("users as u", (j) => j.onRef("u.region_id", "=", "h.region_id").onRef("u.id", "=", "h.actor_id"))
    .selectAll("h")
    .select("u.display_name as actor_name")
    .where("h.region_id", "=", key.regionId)
    .where("h.record_id", "=", key.id)
    .orderBy("h.seq")
    .execute();
}

/** Display names of users of a region. */
export async function userNames(db: Database, regionId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("region_id", "=", regionId)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Whether an active account of the region has this id. */
export async function activeUserExists(db: Database, regionId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function orgOf(db: Database, regionId: string, id: string) {
  return db
    .selectFrom("orgs")
    .select(["id", "kind", "name"])
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function insertRound(
  db: Database,
  row: {
    regionId: string;
    id: string;
    type: LedgerType;
    orgId: string;
    kind: RoundKind;
    heldOn: string;
    checklist: ChecklistResult[];
    hazardCount: number;
    note: string | null;
    actorId: string;
    at: string;
  },
) {
  return db
    .insertInto("ledger_rounds")
    .values({
      region_id: row.regionId,
      id: row.id,
      ledger_type: row.type,
      org_id: row.orgId,
      kind: row.kind,
      held_on: row.heldOn,
      checklist: json(row.checklist),
      hazard_count: row.hazardCount,
      note: row.note,
      recorded_by: row.actorId,
      recorded_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listRounds(
  db: Database,
  f: {
    regionId: string;
    type: LedgerType;
    id?: string;
    orgIds?: string[];
    from?: string;
    to?: string;
    limit: number;
    offset: number;
  },
) {
  let q = db
    .selectFrom("ledger_rounds as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "r.region_id").onRef("o.id", "=", "r.org_id"))
    .leftJoin("users as u", (j) => j.onRef("u.region_id", "=", "r.region_id").onRef("u.id", "=", "r.recorded_by"))
    .selectAll("r")
    .select(["o.name as org_name", "u.display_name as recorded_by_name"])
    .where("r.region_id", "=", f.regionId)
    .where("r.ledger_type", "=", f.type);
  if (f.orgIds) q = q.where("r.org_id", "in", f.orgIds.length ? f.orgIds : [""]);
  if (f.id) q = q.where("r.id", "=", f.id);
  if (f.from) q = q.where("r.held_on", ">=", f.from);
  if (f.to) q = q.where("r.held_on", "<=", f.to);
  return q.orderBy("r.held_on", "desc").orderBy("r.recorded_at", "desc").limit(f.limit).offset(f.offset).execute();
}

export async function readSettings(db: Database, regionId: string, type: LedgerType) {
  const row = await db
    .selectFrom("ledger_settings")
    .select("settings")
    .where("region_id", "=", regionId)
    .where("ledger_type", "=", type)
    .executeTakeFirst();
  return row?.settings ?? null;
}

export async function writeSettings(
  db: Database,
  row: { regionId: string; type: LedgerType; settings: Record<string, unknown>; actorId: string; at: string },
) {
  await db
    .insertInto("ledger_settings")
    .values({
      region_id: row.regionId,
      ledger_type: row.type,
      settings: json(row.settings),
      updated_by: row.actorId,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["region_id", "ledger_type"]).doUpdateSet({
        settings: json(row.settings),
        updated_by: row.actorId,
        updated_at: row.at,
      }),
    )
    .execute();
}

/** A record as it stood at an instant: its state and the named fields, read from its history alone. */
export interface RecordAsOf {
  id: string;
  org_id: string;
  state: string;
  fields: Record<string, string | null>;
}

type AsOfColumns = Record<string, string | null> & { id: string; org_id: string; state: string };

/** A row of named field columns (f0, f1, …) as a RecordAsOf. */
const asOfRow =
  (fields: string[]) =>
  (r: AsOfColumns): RecordAsOf => ({
    id: r.id,
    org_id: r.org_id,
    state: r.state,
    fields: Object.fromEntries(fields.map((name, i) => [name, r[`f${i}`] ?? null])),
  });

/**
 * Every record of a type that existed before `cutoff` (an instant), with its state and the named
 * fields as of then: each the latest history entry before the cutoff that set it. One pass over
 * the type's history, grouped by record (a subquery per record and field took seconds on a
 * county's aid records).
 */
export async function recordsAsOf(
  db: Database,
  q: { regionId: string; type: LedgerType; cutoff: string; fields: string[]; orgIds?: string[] },
): Promise<RecordAsOf[]> {
  const fieldColumns = q.fields.map(
    (name, i) =>
      sql`(array_agg(h.changes -> ${name} ->> 'to' ORDER BY h.seq DESC)
             FILTER (WHERE (h.changes -> ${name}) IS NOT NULL))[1] AS ${sql.ref(`f${i}`)}`,
  );
  const orgFilter = q.orgIds ? sql`AND r.org_id IN (${sql.join(q.orgIds.length ? q.orgIds : [""])})` : sql``;
  const { rows } = await sql<AsOfColumns>`
    SELECT r.id, r.org_id, (array_agg(h.to_state ORDER BY h.seq DESC))[1] AS state
           ${fieldColumns.length ? sql`, ${sql.join(fieldColumns)}` : sql``}
      FROM ledger_records r
      JOIN ledger_history h ON h.region_id = r.region_id AND h.record_id = r.id AND h.at < ${q.cutoff}
     WHERE r.region_id = ${q.regionId} AND r.type = ${q.type} ${orgFilter}
     GROUP BY r.id, r.org_id`.execute(db);
  return rows.map(asOfRow(q.fields));
}

/** Whether a history entry of the region is dated at or after `cutoff` (an instant). */
export async function historyFrom(db: Database, regionId: string, cutoff: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM ledger_history WHERE region_id = ${regionId} AND at >= ${cutoff}) AS found`.execute(
    db,
  );
  return rows[0]?.found === true;
}

/**
 * The records of a type as they stand, with their state and the named fields, in recordsAsOf's shape:
 * what it answers for a cutoff no history entry is dated at or after (each change writes the record
 * and its history entry together). Only those whose fields equal `fieldEquals`, if given.
 */
export async function recordsNow(
  db: Database,
  q: { regionId: string; type: LedgerType; fields: string[]; orgIds?: string[]; fieldEquals?: Record<string, string> },
): Promise<RecordAsOf[]> {
  const fieldColumns = q.fields.map((name, i) => sql`r.fields ->> ${name} AS ${sql.ref(`f${i}`)}`);
  const orgFilter = q.orgIds ? sql`AND r.org_id IN (${sql.join(q.orgIds.length ? q.orgIds : [""])})` : sql``;
  const equals = Object.entries(q.fieldEquals ?? {}).map(([name, value]) => sql`AND r.fields ->> ${name} = ${value}`);
  const fieldFilter = equals.length ? sql.join(equals, sql` `) : sql``;
  const { rows } = await sql<AsOfColumns>`
    SELECT r.id, r.org_id, r.state ${fieldColumns.length ? sql`, ${sql.join(fieldColumns)}` : sql``}
      FROM ledger_records r
     WHERE r.region_id = ${q.regionId} AND r.type = ${q.type} ${orgFilter} ${fieldFilter}`.execute(db);
  return rows.map(asOfRow(q.fields));
}

export type { Changes };
