import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import { SupervisionStatusSchema } from "./queries.js";
import { ENTITY_KINDS, NOTICE_STATUSES } from "./vocabulary.js";

export const EntityKindSchema = OneOf(ENTITY_KINDS, { description: "对象类型" });
export const NoticeStatusSchema = OneOf(NOTICE_STATUSES, { description: "督办单状态" });

const KindCounts = Type.Object({
  normal: Type.Integer(),
  warning: Type.Integer(),
  overdue: Type.Integer(),
  done: Type.Integer(),
});

/** What one run of the status engine did. */
export const StatusRun = Type.Object({
  day: DateString,
  changed: Type.Integer(),
  counts: Type.Object({ assignment: KindCounts, milestone: KindCounts, indicator: KindCounts }),
});
export type StatusRun = Static<typeof StatusRun>;

/** One row of the warnings board: an assignment, milestone or indicator and the engine's verdict. */
export const StatusItem = Type.Object({
  regionId: Type.String(),
  entityKind: EntityKindSchema,
  entityId: Type.String(),
  day: DateString,
  planId: Type.String(),
  taskId: Type.String(),
  orgId: Nullable(Type.String()),
  status: SupervisionStatusSchema,
  /** Reason codes (STATUS_REASON_LABELS; missing_report carries ":<period>"). */
  reasons: Type.Array(Type.String()),
  dueDate: Nullable(DateString),
  progress: Nullable(Type.Number()),
  taskNo: Type.String(),
  taskTitle: Type.String(),
  orgName: Nullable(Type.String()),
  /** The milestone's text or the indicator's name (null for an assignment). */
  entityName: Nullable(Type.String()),
});
export type StatusItem = Static<typeof StatusItem>;

/**
 * The warnings board: its rows; `counts`, the rows by status under every filter but the status one
 * (so the count of a status is the number of rows listed when it is picked); and the tasks by their
 * status (over the assignments matching the plan, unit and search filters).
 */
export const StatusBoard = Type.Object({ items: Type.Array(StatusItem), counts: KindCounts, tasks: KindCounts });
export type StatusBoard = Static<typeof StatusBoard>;

export const StatusQuery = Type.Object({
  planId: Type.Optional(Type.String({ maxLength: 64 })),
  orgId: Type.Optional(Type.String({ maxLength: 64 })),
  kind: Type.Optional(EntityKindSchema),
  status: Type.Optional(SupervisionStatusSchema),
  /** Words in the task's number or title, the unit's name, or the milestone's or indicator's name. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type StatusQuery = Static<typeof StatusQuery>;

/** Counts per status on one day. */
export const TrendDay = Type.Object({ day: DateString, ...KindCounts.properties });
export type TrendDay = Static<typeof TrendDay>;

/** The status rules a plan may tune. */
export const StatusRules = Type.Object({
  warnDays: Type.Number(),
  warnBelowPercent: Type.Number(),
  reportDueDay: Type.Number(),
  paceTolerance: Type.Number(),
});
export type StatusRules = Static<typeof StatusRules>;

export const NoticeReply = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  orgId: Type.String(),
  text: Type.String(),
  fileIds: Type.Array(Type.String()),
  repliedBy: Type.String(),
  repliedAt: Timestamp,
});
export type NoticeReply = Static<typeof NoticeReply>;

/** A 督办单 with its task and unit; the detail adds its replies. */
export const Notice = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  planId: Type.String(),
  taskId: Type.String(),
  orgId: Type.String(),
  year: Type.Integer(),
  seq: Type.Integer(),
  docNo: Type.String(),
  reason: Type.String(),
  requirement: Type.String(),
  replyDue: DateString,
  status: NoticeStatusSchema,
  level: Type.Integer(),
  issuedBy: Type.String(),
  issuedAt: Timestamp,
  closedBy: Nullable(Type.String()),
  closedAt: Nullable(Timestamp),
  closeNote: Nullable(Type.String()),
  escalationNote: Nullable(Type.String()),
  taskNo: Type.Optional(Type.String()),
  taskTitle: Type.Optional(Type.String()),
  orgName: Type.Optional(Type.String()),
  issuerName: Type.Optional(Type.String()),
  replies: Type.Optional(Type.Array(NoticeReply)),
});
export type Notice = Static<typeof Notice>;
