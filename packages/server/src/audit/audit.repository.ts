import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { json, newId } from "../ids.js";

export interface AuditEvent {
  regionId: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change, so both land or neither does. */
export async function recordAudit(trx: Kysely<DB>, event: AuditEvent): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({
      region_id: event.regionId,
      id: newId(),
      actor_id: event.actorId,
      entity: event.entity,
      entity_id: event.entityId,
      action: event.action,
      before: event.before === undefined ? null : json(event.before),
      after: event.after === undefined ? null : json(event.after),
    })
    .execute();
}

export interface AuditQuery {
  regionIds: string[];
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery) {
  if (q.regionIds.length === 0) return [];
  let query = db.selectFrom("audit_events").selectAll().where("region_id", "in", q.regionIds);
  if (q.entity) query = query.where("entity", "=", q.entity);
  if (q.entityId) query = query.where("entity_id", "=", q.entityId);
  return query.orderBy("at", "desc").orderBy("id").limit(q.limit).offset(q.offset).execute();
}
