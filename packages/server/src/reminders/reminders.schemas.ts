import { type Static, Type } from "@sinclair/typebox";
import { camel } from "../http/camel.js";
import { Nullable } from "../http/schemas.js";

/** Response shapes of notifications, robot endpoints and their delivery log (camelCase on the wire). */

const Iso = Type.String({ description: "ISO 8601 timestamp" });

export const NotificationEventSchema = Type.Union(
  [
    "due_soon",
    "overdue",
    "missing_report",
    "new_notice",
    "notice_reply",
    "notice_escalated",
    "notice_closed",
    "mention",
  ].map((e) => Type.Literal(e)),
);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  event: Type.String(),
  entityKind: Type.String(),
  entityId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  personal: Type.Boolean({ description: "addressed to this user rather than to the whole unit" }),
  readAt: Nullable(Iso),
  createdAt: Iso,
});
export type NotificationDto = Static<typeof NotificationSchema>;

export const RobotEventSchema = Type.Union([
  Type.Literal("due_soon"),
  Type.Literal("overdue"),
  Type.Literal("missing_report"),
  Type.Literal("new_notice"),
]);

export const EndpointSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal("wecom"), Type.Literal("dingtalk")]),
  url: Type.String(),
  hasSecret: Type.Boolean(),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  endpointName: Type.String(),
  endpointKind: Type.String(),
  orgName: Type.String(),
  event: Type.String(),
  entityId: Type.String(),
  status: Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed")]),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastHttpStatus: Nullable(Type.Integer()),
  lastErrcode: Nullable(Type.Integer()),
  lastAttemptAt: Nullable(Iso),
  deliveredAt: Nullable(Iso),
  createdAt: Iso,
  gaveUp: Type.Boolean({ description: "undelivered and past the 72-hour late-delivery window" }),
});

export const presentNotification = <N extends { user_id: string | null }>(n: N) => ({
  ...camel(n),
  personal: n.user_id !== null,
});
