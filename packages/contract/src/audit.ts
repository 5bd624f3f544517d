import { type Static, Type } from "@sinclair/typebox";
import { Nullable, Timestamp } from "./common.js";

/** One line of the audit trail, in Chinese: who by name, what, which record by its title. */
export const AuditEvent = Type.Object({
  id: Type.String(),
  at: Timestamp,
  actorId: Nullable(Type.String()),
  /** The account's name, or 系统 for events without an actor (seeding, schedules, the CLI). */
  actorName: Type.String(),
  entity: Type.String(),
  entityLabel: Type.String(),
  entityId: Type.String(),
  /** The record's title where it has one (a plan's or task's title, a user's name…). */
  objectTitle: Nullable(Type.String()),
  action: Type.String(),
  actionLabel: Type.String(),
  before: Type.Unknown({ description: "The entity before the change (a snapshot of its row, free-form JSON)" }),
  after: Type.Unknown({ description: "The entity after the change (a snapshot of its row, free-form JSON)" }),
});
export type AuditEvent = Static<typeof AuditEvent>;

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

/** What the trail can be narrowed by; dates are Asia/Shanghai days, both included. */
export const AuditFilter = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 40 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
});
export type AuditFilter = Static<typeof AuditFilter>;

export const AuditQuery = Type.Object({
  ...AuditFilter.properties,
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type AuditQuery = Static<typeof AuditQuery>;

const Coded = Type.Array(Type.Object({ code: Type.String(), label: Type.String() }));
/** The codes the trail can be filtered by, with their Chinese labels. */
export const AuditVocabulary = Type.Object({ entities: Coded, actions: Coded });
export type AuditVocabulary = Static<typeof AuditVocabulary>;
