import type { LedgerType, PeriodKind } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { json } from "../ids.js";

/** SQL of periodic returns (migration 0021): one row per unit, period and slot; never deleted. */

export interface ReturnKey {
  regionId: string;
  type: LedgerType;
  unitId: string;
  period: string;
  slot: string;
}

export interface ReturnRow {
  region_id: string;
  ledger_type: LedgerType;
  unit_id: string;
  org_id: string;
  period_kind: PeriodKind;
  period: string;
  slot: string;
  zero: boolean;
  payload: Record<string, unknown>;
  version: number;
  submitted_by: string;
  submitted_at: string;
  updated_by: string;
  updated_at: string;
}

const byKey = (db: Database, key: ReturnKey) =>
  db
    .selectFrom("ledger_returns")
    .selectAll()
    .where("region_id", "=", key.regionId)
    .where("ledger_type", "=", key.type)
    .where("unit_id", "=", key.unitId)
    .where("period", "=", key.period)
    .where("slot", "=", key.slot);

/** The return, locked for the change that follows. */
export async function lockReturn(db: Database, key: ReturnKey): Promise<ReturnRow | undefined> {
  return (await byKey(db, key).forUpdate().executeTakeFirst()) as ReturnRow | undefined;
}

export async function findReturn(db: Database, key: ReturnKey): Promise<ReturnRow | undefined> {
  return (await byKey(db, key).executeTakeFirst()) as ReturnRow | undefined;
}

/**
 * Writes a return: the first submission inserts it (its time is the submission time), a later one
 * replaces what it carries and raises its version (the submission time stays).
 */
export async function writeReturn(
  db: Database,
  key: ReturnKey,
  row: { orgId: string; periodKind: PeriodKind; zero: boolean; payload: Record<string, unknown> },
  previous: ReturnRow | undefined,
  actorId: string,
  at: string,
): Promise<void> {
  if (previous) {
    await db
      .updateTable("ledger_returns")
      .set({
        zero: row.zero,
        payload: json(row.payload),
        version: previous.version + 1,
        updated_by: actorId,
        updated_at: at,
      })
      .where("region_id", "=", key.regionId)
      .where("ledger_type", "=", key.type)
      .where("unit_id", "=", key.unitId)
      .where("period", "=", key.period)
      .where("slot", "=", key.slot)
      .execute();
    return;
  }
  await db
    .insertInto("ledger_returns")
    .values({
      region_id: key.regionId,
      ledger_type: key.type,
      unit_id: key.unitId,
      org_id: row.orgId,
      period_kind: row.periodKind,
      period: key.period,
      slot: key.slot,
      zero: row.zero,
      payload: json(row.payload),
      version: 1,
      submitted_by: actorId,
      submitted_at: at,
      updated_by: actorId,
      updated_at: at,
    })
    .execute();
}

/** A region's returns of a type for periods within [from, to], optionally of some units only. */
export async function listReturns(
  db: Database,
  q: {
    regionId: string;
    type: LedgerType;
    from: string;
    to: string;
    unitIds?: string[];
    orgIds?: string[];
    /** Only returns reporting something (not the zero reports): what rules over cases read. */
    nonZero?: boolean;
    /** Without what they carry (an empty payload): what completeness and timeliness read. */
    withoutPayload?: boolean;
  },
): Promise<ReturnRow[]> {
  const base = db.selectFrom("ledger_returns");
  let query = (
    q.withoutPayload
      ? base.select([
          "region_id",
          "ledger_type",
          "unit_id",
          "org_id",
          "period_kind",
          "period",
          "slot",
          "zero",
          sql<Record<string, unknown>>`'{}'::jsonb`.as("payload"),
          "version",
          "submitted_by",
          "submitted_at",
          "updated_by",
          "updated_at",
        ])
      : base.selectAll()
  )
    .where("region_id", "=", q.regionId)
    .where("ledger_type", "=", q.type)
    .where("period", ">=", q.from)
    .where("period", "<=", q.to);
  if (q.unitIds) query = query.where("unit_id", "in", q.unitIds.length ? q.unitIds : [""]);
  if (q.orgIds) query = query.where("org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  if (q.nonZero) query = query.where("zero", "=", false);
  return (await query.orderBy("period").orderBy("unit_id").orderBy("slot").execute()) as ReturnRow[];
}

/** Regions that have any unit owing returns of a type (for the chasing job). */
export async function regionsWithClasses(db: Database): Promise<string[]> {
  const rows = await db
    .selectFrom("school_classes")
    .select("region_id")
    .where("deleted_at", "is", null)
    .distinct()
    .execute();
  return rows.map((r) => r.region_id);
}
