import { type Insertable, sql } from "kysely";
import { insertChunks } from "../db/chunks.js";
import type { Database } from "../db/database.js";
import { json, newId } from "../ids.js";
import type { DeliveryEvent, NotificationsTable, WebhookEndpointsTable } from "../supervision/schema.js";

/** SQL of reminders: in-app notifications, robot endpoints and their delivery log. */

export type NewNotification = Omit<Insertable<NotificationsTable>, "id" | "created_at">;

/**
 * Inserts what is not there yet (by delivery key); returns the rows inserted now. `at` is the
 * app's clock (LUOSHI_NOW under a fixed clock), never the database's: the 消息中心 shows it.
 */
export async function insertNotifications(db: Database, rows: NewNotification[], at: Date | string) {
  const created_at = typeof at === "string" ? at : at.toISOString();
  const inserted = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000).map((r) => ({ ...r, id: newId(), created_at }));
    inserted.push(
      ...(await db
        .insertInto("notifications")
        .values(batch)
        .onConflict((oc) => oc.columns(["region_id", "org_id", "delivery_key"]).doNothing())
        .returningAll()
        .execute()),
    );
  }
  return inserted;
}

/** Whose notifications an actor reads: those addressed to their own unit, and those addressed to them. */
export interface Recipient {
  orgId: string;
  userId: string;
}

const addressedTo = (db: Database, r: Recipient) =>
  db
    .selectFrom("notifications")
    .where("deleted_at", "is", null)
    .where((eb) =>
      eb.or([eb.and([eb("org_id", "=", r.orgId), eb("user_id", "is", null)]), eb("user_id", "=", r.userId)]),
    );

export async function listNotifications(db: Database, r: Recipient, unreadOnly: boolean) {
  let q = addressedTo(db, r).selectAll();
  if (unreadOnly) q = q.where("read_at", "is", null);
  return q.orderBy("created_at", "desc").limit(200).execute();
}

export async function unreadCount(db: Database, r: Recipient): Promise<number> {
  const row = await addressedTo(db, r)
    .where("read_at", "is", null)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the given notifications (or, with ids null, all of them) read; returns the rows changed. */
export async function markRead(db: Database, r: Recipient, ids: string[] | null, userId: string, at: string) {
  if (ids !== null && ids.length === 0) return [];
  let q = db
    .updateTable("notifications")
    .set({ read_at: at, read_by: userId })
    .where("deleted_at", "is", null)
    .where((eb) =>
      eb.or([eb.and([eb("org_id", "=", r.orgId), eb("user_id", "is", null)]), eb("user_id", "=", r.userId)]),
    )
    .where("read_at", "is", null);
  if (ids !== null) q = q.where("id", "in", ids);
  return q.returning(["region_id", "id"]).execute();
}

/** Active users of the region by username or display name (for @mentions). */
export async function usersNamed(db: Database, regionId: string, names: string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom("users")
    .select(["id", "org_id", "username", "display_name"])
    .where("region_id", "=", regionId)
    .where("deleted_at", "is", null)
    .where((eb) => eb.or([eb("username", "in", names), eb("display_name", "in", names)]))
    .execute();
}

/** A unit's leaders: its own heads (dept_head) and the bureau's leaders (leader role at the region). */
export async function leadersOf(db: Database, regionId: string, orgId: string) {
  return db
    .selectFrom("users")
    .select(["id", "org_id", "display_name"])
    .where("region_id", "=", regionId)
    .where("deleted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("org_id", "=", orgId), eb("role", "=", "dept_head")]),
        eb.and([eb("org_id", "=", regionId), eb("role", "=", "leader")]),
      ]),
    )
    .execute();
}

export async function listEndpoints(db: Database, regionIds: string[]) {
  return db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("region_id", "in", regionIds.length ? regionIds : [""])
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .execute();
}

export async function listEndpointsForRun(db: Database, regionIds: string[] | null) {
  let q = db.selectFrom("webhook_endpoints").selectAll().where("deleted_at", "is", null);
  if (regionIds) q = q.where("region_id", "in", regionIds.length ? regionIds : [""]);
  return q.execute();
}

export async function findEndpoint(db: Database, id: string) {
  return db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function insertEndpoint(db: Database, row: Insertable<WebhookEndpointsTable>) {
  return db.insertInto("webhook_endpoints").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEndpoint(
  db: Database,
  e: { region_id: string; id: string },
  set: Partial<{
    name: string;
    url: string;
    secret: string | null;
    events: string;
    enabled: boolean;
    deleted_at: string;
  }>,
) {
  return db
    .updateTable("webhook_endpoints")
    .set({ ...set, updated_at: sql`clock_timestamp()` })
    .where("region_id", "=", e.region_id)
    .where("id", "=", e.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NewDelivery {
  region_id: string;
  /** When the message was first due (the sending clock): the late-delivery window counts from it. */
  created_at: string;
  endpoint_id: string;
  delivery_key: string;
  event: DeliveryEvent;
  entity_id: string;
  payload: unknown;
}

/** Claims deliveries by key: a key already logged for the endpoint is never sent again. */
export async function claimDeliveries(db: Database, rows: NewDelivery[]) {
  const claimed = [];
  const values = rows.map((r) => ({
    ...r,
    id: newId(),
    payload: json(r.payload),
    status: "pending" as const,
    attempts: 0,
  }));
  for (const chunk of insertChunks(values)) {
    claimed.push(
      ...(await db
        .insertInto("webhook_deliveries")
        .values(chunk)
        .onConflict((oc) => oc.columns(["region_id", "endpoint_id", "delivery_key"]).doNothing())
        .returningAll()
        .execute()),
    );
  }
  return claimed;
}

export async function recordAttempt(
  db: Database,
  d: { region_id: string; id: string },
  outcome: {
    status: "pending" | "delivered" | "failed";
    attempts: number;
    error: string | null;
    httpStatus: number | null;
    errcode: number | null;
    at: string;
  },
) {
  await db
    .updateTable("webhook_deliveries")
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      last_error: outcome.error,
      last_http_status: outcome.httpStatus,
      last_errcode: outcome.errcode,
      last_attempt_at: outcome.at,
      delivered_at: outcome.status === "delivered" ? outcome.at : null,
    })
    .where("region_id", "=", d.region_id)
    .where("id", "=", d.id)
    .execute();
}

/**
 * Messages not yet delivered (failed, or claimed by a run that stopped before sending) that
 * are recent enough to be worth sending late (first due in [since, until]), oldest first.
 */
export async function undeliveredSince(db: Database, regionIds: string[] | null, since: string, until: string) {
  let q = db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("status", "!=", "delivered")
    .where("created_at", ">=", since)
    .where("created_at", "<=", until);
  if (regionIds) q = q.where("region_id", "in", regionIds.length ? regionIds : [""]);
  return q.orderBy("created_at").execute();
}

export async function listDeliveries(db: Database, regionIds: string[]) {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", (j) =>
      j.onRef("e.region_id", "=", "d.region_id").onRef("e.id", "=", "d.endpoint_id"),
    )
    .innerJoin("orgs as o", "o.id", "e.org_id")
    .select([
      "e.name as endpoint_name",
      "e.kind as endpoint_kind",
      "o.name as org_name",
      "d.region_id",
      "d.id",
      "d.endpoint_id",
      "d.delivery_key",
      "d.event",
      "d.entity_id",
      "d.status",
      "d.attempts",
      "d.last_error",
      "d.last_http_status",
      "d.last_errcode",
      "d.last_attempt_at",
      "d.delivered_at",
      "d.created_at",
    ])
    .where("d.region_id", "in", regionIds.length ? regionIds : [""])
    .orderBy("d.created_at", "desc")
    .limit(500)
    .execute();
}

/** Today's red and yellow entities with a unit, and the notices issued today: the raw reminder events. */
export async function reminderFacts(db: Database, day: string, regionIds: string[] | null) {
  let q = db
    .selectFrom("status_snapshots as s")
    .innerJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "s.region_id").onRef("t.id", "=", "s.task_id"))
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .select([
      "s.region_id",
      "s.entity_id",
      "s.org_id",
      "s.status",
      "s.reasons",
      "s.due_date",
      "t.no",
      "t.title",
      "o.name as org_name",
    ])
    .where("s.day", "=", day)
    .where("s.entity_kind", "=", "assignment")
    .where("s.status", "in", ["warning", "overdue"]);
  if (regionIds) q = q.where("s.region_id", "in", regionIds.length ? regionIds : [""]);
  return q.execute();
}

/** The day's notice events addressed to units (new and escalated notices), for the robots. */
export async function noticeNotificationsOn(db: Database, day: string, regionIds: string[] | null) {
  let q = db
    .selectFrom("notifications")
    .selectAll()
    .where("event", "in", ["new_notice", "notice_escalated"])
    .where("user_id", "is", null)
    .where("delivery_key", "like", `%:${day}`);
  if (regionIds) q = q.where("region_id", "in", regionIds.length ? regionIds : [""]);
  return q.execute();
}
