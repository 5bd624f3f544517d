import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { DELIVERY_STATUSES, REMINDER_EVENTS, WEBHOOK_KINDS } from "./vocabulary.js";

/** Notifications, robot endpoints and their delivery log (camelCase on the wire). */

/** The events a robot endpoint may be sent (the reminder events). */
export const ReminderEventSchema = OneOf(REMINDER_EVENTS, { description: "提醒事件" });

/** A reminder addressed to a unit or to one of its users (站内提醒). */
export const Notification = Type.Object({
  id: Type.String(),
  /** NOTIFICATION_EVENT_LABELS. */
  event: Type.String(),
  entityKind: Type.String(),
  entityId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  personal: Type.Boolean({ description: "addressed to this user rather than to the whole unit" }),
  readAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type Notification = Static<typeof Notification>;

/** What one reminder run did. */
export const ReminderRun = Type.Object({
  notifications: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
});
export type ReminderRun = Static<typeof ReminderRun>;

/** A robot webhook (企业微信/钉钉); its secret is write-only (`hasSecret`). */
export const WebhookEndpoint = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  kind: OneOf(WEBHOOK_KINDS),
  url: Type.String(),
  hasSecret: Type.Boolean(),
  events: Type.Array(ReminderEventSchema),
  enabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const WebhookFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 8, maxLength: 1000 }),
  secret: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  events: Type.Array(ReminderEventSchema, { maxItems: 4, uniqueItems: true }),
  enabled: Type.Boolean(),
};

export const NewWebhookBody = Type.Object(
  {
    orgId: Type.Optional(Type.String({ maxLength: 64 })),
    kind: OneOf(WEBHOOK_KINDS),
    name: WebhookFields.name,
    url: WebhookFields.url,
    secret: Type.Optional(WebhookFields.secret),
    events: WebhookFields.events,
    enabled: Type.Optional(WebhookFields.enabled),
  },
  { additionalProperties: false },
);
export type NewWebhookBody = Static<typeof NewWebhookBody>;

export const WebhookPatchBody = Type.Partial(Type.Object(WebhookFields), { additionalProperties: false });
export type WebhookPatchBody = Static<typeof WebhookPatchBody>;

/** One message to a robot endpoint, with its attempts. */
export const WebhookDelivery = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  endpointName: Type.String(),
  endpointKind: Type.String(),
  orgName: Type.String(),
  event: Type.String(),
  entityId: Type.String(),
  status: OneOf(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastHttpStatus: Nullable(Type.Integer()),
  lastErrcode: Nullable(Type.Integer()),
  lastAttemptAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
  createdAt: Timestamp,
  gaveUp: Type.Boolean({ description: "undelivered and past the 72-hour late-delivery window" }),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;
