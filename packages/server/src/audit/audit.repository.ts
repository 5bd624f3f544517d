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
  action?: string;
  actorId?: string;
  /** Inclusive bounds on the event time, ISO dates or instants. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Events newest first, each with its actor's name (an account, or null for the system). */
export async function listAudit(db: Kysely<DB>, q: AuditQuery) {
  if (q.regionIds.length === 0) return [];
  let query = db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", (join) => join.onRef("u.region_id", "=", "e.region_id").onRef("u.id", "=", "e.actor_id"))
    .selectAll("e")
    .select(["u.display_name as actor_name", "u.username as actor_username"])
    .where("e.region_id", "in", q.regionIds);
  if (q.entity) query = query.where("e.entity", "=", q.entity);
  if (q.entityId) query = query.where("e.entity_id", "=", q.entityId);
  if (q.action) query = query.where("e.action", "=", q.action);
  if (q.actorId) query = query.where("e.actor_id", "=", q.actorId);
  if (q.from) query = query.where("e.at", ">=", q.from);
  if (q.to) query = query.where("e.at", "<=", q.to);
  return query.orderBy("e.at", "desc").orderBy("e.id").limit(q.limit).offset(q.offset).execute();
}
