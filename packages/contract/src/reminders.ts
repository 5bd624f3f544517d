import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { DELIVERY_STATUSES, REMINDER_EVENTS, WEBHOOK_KINDS } from "./vocabulary.js";

export const ReminderEventSchema = OneOf(REMINDER_EVENTS, { description: "提醒事件" });

/** A reminder addressed to a unit (站内提醒). */
export const Notification = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  orgId: Type.String(),
  event: ReminderEventSchema,
  entityKind: Type.String(),
  entityId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  deliveryKey: Type.String(),
  readAt: Nullable(Timestamp),
  readBy: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type Notification = Static<typeof Notification>;

/** What one reminder run did. */
export const ReminderRun = Type.Object({
  notifications: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
});

/** A robot webhook (企业微信/钉钉); its secret is write-only (`hasSecret`). */
export const WebhookEndpoint = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  kind: OneOf(WEBHOOK_KINDS),
  url: Type.String(),
  events: Type.Array(ReminderEventSchema),
  enabled: Type.Boolean(),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Nullable(Timestamp),
  hasSecret: Type.Boolean(),
});
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const WebhookDelivery = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  endpointId: Type.String(),
  deliveryKey: Type.String(),
  event: ReminderEventSchema,
  entityId: Type.String(),
  status: OneOf(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastHttpStatus: Nullable(Type.Integer()),
  lastErrcode: Nullable(Type.Integer()),
  lastAttemptAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;
