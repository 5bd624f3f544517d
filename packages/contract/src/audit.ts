import { type Static, Type } from "@sinclair/typebox";
import { Nullable, Timestamp } from "./common.js";

export const AuditEvent = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  actorId: Nullable(Type.String()),
  at: Timestamp,
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.String(),
  before: Type.Unknown({ description: "The entity before the change (a snapshot of its row, free-form JSON)" }),
  after: Type.Unknown({ description: "The entity after the change (a snapshot of its row, free-form JSON)" }),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
