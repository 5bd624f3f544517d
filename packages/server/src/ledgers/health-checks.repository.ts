import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { PREPARED } from "../db/pg-prepared.js";
import { json, newId } from "../ids.js";
import type { ReturnKey, ReturnRow } from "./returns.repository.js";
import type { ClassRow } from "./school-classes.repository.js";

/**
 * SQL of the class check's hot path (a county's 18,000 checks a morning, issue 16 bench): the class
 * with what its writer's reach and the region's calendar need in one read, and a first submission
 * written with its audit entry (and the class's remembered roster) in one statement. Both are kept
 * prepared on PostgreSQL (db/pg-prepared.ts), so they name their columns.
 */

export interface ClassForCheck extends ClassRow {
  /** Whether the writer heads any class of the region (a 班主任 writes for their own classes only). */
  writer_heads: boolean;
  /** The region's settings of the health check (its return schedule), or null. */
  settings: Record<string, unknown> | null;
}

export async function classForCheck(
  db: Database,
  regionId: string,
  classId: string,
  writerId: string,
): Promise<ClassForCheck | undefined> {
  const rows = await sql<ClassForCheck>`${sql.raw(PREPARED)}
    SELECT c.region_id, c.id, c.org_id, c.name, c.grade, c.head_teacher_id, c.enrolled, c.roster, c.sort_order,
           c.created_at, c.updated_at, c.deleted_at, o.name AS org_name, u.display_name AS head_teacher_name,
           EXISTS (SELECT 1 FROM school_classes h
                    WHERE h.region_id = c.region_id AND h.head_teacher_id = ${writerId} AND h.deleted_at IS NULL)
             AS writer_heads,
           (SELECT s.settings FROM ledger_settings s WHERE s.region_id = c.region_id AND s.ledger_type = 'health_check')
             AS settings
      FROM school_classes c
      JOIN orgs o ON o.region_id = c.region_id AND o.id = c.org_id
      LEFT JOIN users u ON u.region_id = c.region_id AND u.id = c.head_teacher_id
     WHERE c.region_id = ${regionId} AND c.id = ${classId} AND c.deleted_at IS NULL`.execute(db);
  return rows.rows[0];
}

/**
 * A class's first check of a date and slot, with its audit entry and (when it names new students)
 * the class's roster, in one statement; undefined when the check exists already (a correction,
 * written by the caller in a transaction), in which case nothing is written.
 */
export async function insertFirstCheck(
  db: Database,
  q: {
    key: ReturnKey;
    orgId: string;
    zero: boolean;
    payload: Record<string, unknown>;
    actorId: string;
    at: string;
    audit: { entityId: string; after: unknown };
    roster?: string[];
  },
): Promise<ReturnRow | undefined> {
  const { key } = q;
  const roster = q.roster
    ? sql`, roster AS (
        UPDATE school_classes SET roster = ${json(q.roster)}::jsonb, updated_at = ${q.at}::timestamptz
         WHERE region_id = ${key.regionId} AND id = ${key.unitId} AND EXISTS (SELECT 1 FROM ins))`
    : sql``;
  const rows = await sql<ReturnRow>`${sql.raw(PREPARED)}
    WITH ins AS (
      INSERT INTO ledger_returns (region_id, ledger_type, unit_id, org_id, period_kind, period, slot, zero, payload,
                                  version, submitted_by, submitted_at, updated_by, updated_at)
      VALUES (${key.regionId}, ${key.type}, ${key.unitId}, ${q.orgId}, 'day', ${key.period}::date, ${key.slot}, ${q.zero},
              ${json(q.payload)}::jsonb, 1, ${q.actorId}, ${q.at}::timestamptz, ${q.actorId}, ${q.at}::timestamptz)
      ON CONFLICT DO NOTHING
      RETURNING region_id, ledger_type, unit_id, org_id, period_kind, period, slot, zero, payload, version,
                submitted_by, submitted_at, updated_by, updated_at),
    audit AS (
      INSERT INTO audit_events (region_id, id, actor_id, entity, entity_id, action, before, after)
      SELECT ${key.regionId}, ${newId()}, ${q.actorId}, 'ledger_return', ${q.audit.entityId}, 'submit', NULL,
             ${json(q.audit.after)}::jsonb
        FROM ins)
    ${roster}
    SELECT * FROM ins`.execute(db);
  return rows.rows[0];
}
