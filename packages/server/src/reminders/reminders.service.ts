import { recordAudit } from "../audit/audit.repository.js";
import { type Actor, assertSees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { json, newId } from "../ids.js";
import { hazardReminders } from "../ledgers/hazard-reminders.js";
import { findOrg } from "../orgs/orgs.repository.js";
import { todayInShanghai } from "../progress/periods.js";
import { auditorFor } from "../supervision/audit.js";
import { EVENT_LABELS, SUPERVISION_MESSAGES, supervisionError } from "../supervision/messages.js";
import type { ReminderEvent, WebhookKind } from "../supervision/schema.js";
import * as repo from "./reminders.repository.js";
import { checkWebhookUrl, type WebhookPolicy, WebhookUrlRefused } from "./webhook-guard.js";

const auditEndpoint = auditorFor("webhook_endpoint");

import type { Clock } from "../status/status.service.js";
import { DELIVERY_LIMITS, robotPayload, type SendDeps, type SendOutcome, sendWithRetry } from "./webhooks.js";

interface Item {
  region_id: string;
  org_id: string;
  event: ReminderEvent;
  entity_id: string;
  line: string;
}

/** Today's events from the status snapshots: one per (event, assignment). */
function eventsOf(facts: Awaited<ReturnType<typeof repo.reminderFacts>>): Item[] {
  const items: Item[] = [];
  for (const f of facts) {
    const base = { region_id: f.region_id, org_id: f.org_id as string, entity_id: f.entity_id };
    const task = `${f.no} ${f.title}`;
    if (f.reasons.includes("past_due"))
      items.push({ ...base, event: "overdue", line: `${task}（${f.org_name}，时限${f.due_date}）` });
    const missing = f.reasons.find((r) => r.startsWith("missing_report:"));
    if (missing)
      items.push({ ...base, event: "missing_report", line: `${task}（${f.org_name}，${missing.slice(15)}期未填报）` });
    if (f.reasons.includes("due_soon"))
      items.push({ ...base, event: "due_soon", line: `${task}（${f.org_name}，${f.due_date}到期）` });
  }
  return items;
}

export interface ReminderDeps extends SendDeps {}

/**
 * Turns today's snapshots into in-app notifications (key: event, entity, day) and robot
 * messages. Robots get one digest per event and unit a day (group robots are rate-limited,
 * DingTalk to 20 messages a minute), plus one message per new notice. Nothing goes out twice.
 */
export async function runReminders(
  database: Database,
  options: { regionIds?: string[] | null } & ReminderDeps,
): Promise<{ notifications: number; delivered: number; failed: number }> {
  const db = database;
  const regionIds = options.regionIds ?? null;
  const at = options.now().toISOString();
  const day = todayInShanghai(options.now());
  const items = eventsOf(await repo.reminderFacts(db, day, regionIds));
  const inserted = await db.transaction().execute(async (trx) => {
    const rows = await repo.insertNotifications(
      trx,
      items.map((i) => ({
        region_id: i.region_id,
        org_id: i.org_id,
        event: i.event,
        entity_kind: "assignment",
        entity_id: i.entity_id,
        title: EVENT_LABELS[i.event],
        body: i.line,
        delivery_key: `${i.event}:assignment:${i.entity_id}:${day}`,
      })),
      at,
    );
    rows.push(...(await repo.insertNotifications(trx, await hazardReminders(trx, day, regionIds), at)));
    for (const regionId of new Set(rows.map((r) => r.region_id))) {
      await recordAudit(trx, {
        regionId,
        actorId: null,
        entity: "notification",
        entityId: day,
        action: "remind",
        after: { count: rows.filter((r) => r.region_id === regionId).length },
      });
    }
    return rows.length;
  });

  const notices = await repo.noticeNotificationsOn(db, day, regionIds);
  const endpoints = (await repo.listEndpointsForRun(db, regionIds)).filter((e) => e.enabled);
  const deliveries: repo.NewDelivery[] = [];
  for (const e of endpoints) {
    const reaches = (i: { region_id: string; org_id: string }) =>
      i.region_id === e.region_id && (e.org_id === i.org_id || e.org_id === e.region_id);
    for (const event of ["overdue", "missing_report", "due_soon"] as const) {
      if (!e.events.includes(event)) continue;
      const byOrg = new Map<string, Item[]>();
      for (const i of items)
        if (i.event === event && reaches(i)) byOrg.set(i.org_id, [...(byOrg.get(i.org_id) ?? []), i]);
      for (const [orgId, list] of byOrg) {
        deliveries.push({ ...digest(e, event, orgId, day, list), created_at: at });
      }
    }
    if (e.events.includes("new_notice")) {
      for (const n of notices.filter(reaches)) deliveries.push(noticeDelivery(e, n, at));
    }
  }
  // Yesterday's undelivered messages go first, then today's, each claimed once by its key.
  const late = await retryDeliveries(database, options);
  const now = await send(db, endpoints, await repo.claimDeliveries(db, deliveries), options);
  return { notifications: inserted, delivered: late.delivered + now.delivered, failed: late.failed + now.failed };
}

/** A notice event's robot message; its key is the notification's, so it is sent once whoever sends it first. */
export function noticeDelivery(
  e: { region_id: string; id: string; kind: WebhookKind },
  n: { delivery_key: string; entity_id: string; title: string; body: string },
  at: string,
): repo.NewDelivery {
  return {
    region_id: e.region_id,
    endpoint_id: e.id,
    delivery_key: n.delivery_key,
    event: "new_notice",
    entity_id: n.entity_id,
    payload: robotPayload(e.kind, { title: n.title, text: n.body }),
    created_at: at,
  };
}

/**
 * A message a robot did not take is sent again in every hourly round for three days (72 hours)
 * from when it was first due, each round with the run's tries (DELIVERY_LIMITS.attempts); after
 * that it is given up (shown as 已放弃 in the delivery log).
 */
export const LATE_DELIVERY = { hours: 72 };

/** True when an undelivered message is past its late-delivery window. */
export const gaveUp = (d: { status: string; created_at: string }, now: Date) =>
  d.status !== "delivered" && Date.parse(d.created_at) < now.getTime() - LATE_DELIVERY.hours * 3_600_000;

/**
 * Sends again what a robot refused or never got (down for a while, a bad secret since fixed):
 * run hourly by the scheduler and before each daily run. A disabled or removed endpoint's
 * messages wait.
 */
export async function retryDeliveries(
  database: Database,
  options: { regionIds?: string[] | null } & ReminderDeps,
): Promise<{ delivered: number; failed: number }> {
  const db = database;
  const regionIds = options.regionIds ?? null;
  const now = options.now();
  const since = new Date(now.getTime() - LATE_DELIVERY.hours * 3_600_000).toISOString();
  const pending = await repo.undeliveredSince(db, regionIds, since, now.toISOString());
  if (pending.length === 0) return { delivered: 0, failed: 0 };
  const endpoints = (await repo.listEndpointsForRun(db, regionIds)).filter((e) => e.enabled);
  return send(db, endpoints, pending, options);
}

/**
 * Sends the deliveries under the run's time budget: robots in parallel (`concurrency` at a time),
 * each robot's messages one after another. A robot that does not answer at all (timeout, refused
 * connection, refused URL) holds one slot for one message's tries; its other messages wait for the
 * late-delivery job, so one dead robot neither delays the others nor runs past the budget.
 */
export async function send(
  db: Database,
  endpoints: Awaited<ReturnType<typeof repo.listEndpointsForRun>>,
  deliveries: Awaited<ReturnType<typeof repo.claimDeliveries>>,
  deps: SendDeps,
): Promise<{ delivered: number; failed: number }> {
  const limits = deps.limits ?? DELIVERY_LIMITS;
  const deadline = Date.now() + limits.budgetMs;
  let delivered = 0;
  let failed = 0;
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const groups = new Map<string, typeof deliveries>();
  for (const d of deliveries) {
    if (byId.has(d.endpoint_id)) groups.set(d.endpoint_id, [...(groups.get(d.endpoint_id) ?? []), d]);
  }
  const queue = [...groups.entries()];
  const record = async (d: (typeof deliveries)[number], outcome: SendOutcome) => {
    await repo.recordAttempt(db, d, {
      status: outcome.ok ? "delivered" : "failed",
      attempts: d.attempts + outcome.attempts,
      error: outcome.error,
      httpStatus: outcome.httpStatus,
      errcode: outcome.errcode,
      at: deps.now().toISOString(),
    });
    if (outcome.ok) delivered++;
    else failed++;
  };
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [endpointId, list] = next;
      let unreachable: string | null = null;
      for (const d of list) {
        if (unreachable) {
          await record(d, { ok: false, attempts: 0, error: unreachable, httpStatus: null, errcode: null });
          continue;
        }
        const outcome = await sendWithRetry(byId.get(endpointId)!, d.payload, deps, deadline);
        if (!outcome.ok && outcome.httpStatus === null) unreachable = "机器人本轮无应答，稍后补发";
        await record(d, outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, worker));
  return { delivered, failed };
}

const DIGEST_LINES = 20;

function digest(
  e: { region_id: string; id: string; kind: WebhookKind },
  event: ReminderEvent,
  orgId: string,
  day: string,
  list: Item[],
): Omit<repo.NewDelivery, "created_at"> {
  const lines = list.slice(0, DIGEST_LINES).map((i, n) => `${n + 1}. ${i.line}`);
  if (list.length > DIGEST_LINES) lines.push(`……共${list.length}项，详见落实系统预警看板`);
  return {
    region_id: e.region_id,
    endpoint_id: e.id,
    delivery_key: `${event}:org:${orgId}:${day}`,
    event,
    entity_id: orgId,
    payload: robotPayload(e.kind, { title: `【${EVENT_LABELS[event]}】${day}`, text: lines.join("\n") }),
  };
}

const recipient = (actor: Actor) => ({ orgId: actor.orgId, userId: actor.userId });

export async function myNotifications(database: Database, actor: Actor, unreadOnly: boolean) {
  return repo.listNotifications(database, recipient(actor), unreadOnly);
}

export async function unreadNotifications(database: Database, actor: Actor) {
  return repo.unreadCount(database, recipient(actor));
}

/** Marks the actor's notifications read: the ids given, or all of them (ids null). Each is audited. */
export async function markNotificationsRead(database: Database, actor: Actor, ids: string[] | null, now: Clock) {
  return database.transaction().execute(async (trx) => {
    const rows = await repo.markRead(trx, recipient(actor), ids, actor.userId, now().toISOString());
    for (const r of rows) {
      await recordAudit(trx, {
        regionId: r.region_id,
        actorId: actor.userId,
        entity: "notification",
        entityId: r.id,
        action: "read",
      });
    }
    return rows.length;
  });
}

export interface EndpointInput {
  orgId?: string;
  name: string;
  kind: WebhookKind;
  url: string;
  secret?: string | null;
  events: ReminderEvent[];
  enabled?: boolean;
}

/** Secrets are write-only: responses say whether one is set. */
export const presentEndpoint = <E extends { secret: string | null }>({ secret, ...e }: E) => ({
  ...e,
  hasSecret: !!secret,
});

/** Save-time check of a robot URL (the send-time check resolves the host too: webhook-guard.ts). */
function checkUrl(url: string, policy: WebhookPolicy) {
  try {
    checkWebhookUrl(url, policy);
  } catch (error) {
    if (!(error instanceof WebhookUrlRefused)) throw error;
    throw supervisionError(
      "WEBHOOK_URL_FORBIDDEN",
      400,
      { reason: error.reason },
      `${SUPERVISION_MESSAGES.WEBHOOK_URL_FORBIDDEN}：${error.message}`,
    );
  }
}

export async function listEndpoints(database: Database, actor: Actor) {
  return (await repo.listEndpoints(database, actor.visibleOrgIds)).map(presentEndpoint);
}

export async function createEndpoint(database: Database, actor: Actor, input: EndpointInput, policy: WebhookPolicy) {
  const orgId = input.orgId ?? actor.orgId;
  assertSees(actor, orgId);
  const org = await findOrg(database, orgId);
  if (!org) throw supervisionError("WEBHOOK_NOT_FOUND", 404);
  checkUrl(input.url, policy);
  return database.transaction().execute(async (trx) => {
    const row = await repo.insertEndpoint(trx, {
      region_id: org.region_id,
      id: newId(),
      org_id: orgId,
      name: input.name,
      kind: input.kind,
      url: input.url,
      secret: input.secret ?? null,
      events: json(input.events),
      enabled: input.enabled ?? true,
      created_by: actor.userId,
    });
    await auditEndpoint(trx, actor, row.region_id, row.id, "create", undefined, presentEndpoint(row));
    return presentEndpoint(row);
  });
}

async function managedEndpoint(database: Database, actor: Actor, id: string) {
  const e = await repo.findEndpoint(database, id);
  if (!e || !actor.visibleOrgIds.includes(e.org_id)) throw supervisionError("WEBHOOK_NOT_FOUND", 404);
  return e;
}

export async function updateEndpoint(
  database: Database,
  actor: Actor,
  id: string,
  patch: Partial<EndpointInput>,
  policy: WebhookPolicy,
  remove = false,
) {
  const e = await managedEndpoint(database, actor, id);
  if (patch.url !== undefined) checkUrl(patch.url, policy);
  return database.transaction().execute(async (trx) => {
    const row = await repo.updateEndpoint(trx, e, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
      ...(patch.events !== undefined ? { events: json(patch.events) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(remove ? { deleted_at: new Date().toISOString() } : {}),
    });
    await auditEndpoint(
      trx,
      actor,
      e.region_id,
      e.id,
      remove ? "delete" : "update",
      presentEndpoint(e),
      presentEndpoint(row),
    );
    return presentEndpoint(row);
  });
}

const shanghaiTime = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(d);

export async function deliveryLog(database: Database, actor: Actor, now: Clock) {
  const at = now();
  return (await repo.listDeliveries(database, actor.visibleOrgIds)).map((d) => ({
    ...d,
    gave_up: gaveUp(d, at),
  }));
}

/** 发送测试消息: one message now, with the run's tries, logged like any other; the outcome is returned. */
export async function testEndpoint(database: Database, actor: Actor, id: string, deps: SendDeps) {
  const e = await managedEndpoint(database, actor, id);
  const db = database;
  const at = deps.now().toISOString();
  const [claimed] = await repo.claimDeliveries(db, [
    {
      region_id: e.region_id,
      endpoint_id: e.id,
      delivery_key: `test:${newId()}`,
      event: "test",
      entity_id: e.id,
      payload: robotPayload(e.kind, {
        title: "落实系统测试消息",
        text: `这是来自落实系统的测试消息（${e.name}，${actor.displayName}发送于${shanghaiTime(deps.now())}）。收到即表示机器人配置正确。`,
      }),
      created_at: at,
    },
  ]);
  await auditEndpoint(db, actor, e.region_id, e.id, "test", undefined, { deliveryId: claimed!.id });
  // A disabled endpoint is still tested: the test is how a new robot is checked before it is enabled.
  await send(db, [e], [claimed!], deps);
  const row = (await repo.listDeliveries(db, [e.region_id])).find((d) => d.id === claimed!.id)!;
  return { ...row, gave_up: false };
}
