import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import { OutbreakAlert } from "./health.js";
import { HazardWarning } from "./ledgers.js";
import { SupervisionStatusSchema } from "./queries.js";
import { RetestWarning } from "./screening.js";
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
export const StatusBoard = Type.Object({
  items: Type.Array(StatusItem),
  counts: KindCounts,
  tasks: KindCounts,
  /** Campus-safety hazards past or near their rectification deadline, and open 重大 ones (issue 15). */
  hazards: Type.Array(HazardWarning),
  /** Outbreak alerts (晨午检) not yet confirmed reported to 疾控 and the bureau (issue 16). */
  outbreaks: Type.Array(OutbreakAlert),
  /** Screening follow-ups whose re-test date passed without a re-test, by school (issue 17). */
  retests: Type.Array(RetestWarning),
});
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

/** A 督办单 as lists show it (camelCase on the wire). */
export const Notice = Type.Object({
  id: Type.String(),
  docNo: Type.String({ description: "督办〔2026〕3号" }),
  /** The task's plan and the task; null for a notice about a hazard. */
  planId: Nullable(Type.String()),
  taskId: Nullable(Type.String()),
  /** The campus-safety hazard the notice is about (issue 15); null for a task's. */
  hazardId: Nullable(Type.String()),
  /** The task's number and title; for a hazard 隐患 and its place and description. */
  taskNo: Type.String(),
  taskTitle: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  issuerName: Type.String(),
  reason: Type.String(),
  requirement: Type.String(),
  replyDue: DateString,
  status: NoticeStatusSchema,
  level: Type.Integer({ minimum: 1 }),
  issuedAt: Timestamp,
  closedAt: Nullable(Timestamp),
  closeNote: Nullable(Type.String()),
  escalationNote: Nullable(Type.String()),
  updatedAt: Timestamp,
});
export type Notice = Static<typeof Notice>;

export const NoticeFile = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});
export type NoticeFile = Static<typeof NoticeFile>;

/** A unit's reply as the detail shows it, with its evidence files. */
export const NoticeReply = Type.Object({
  id: Type.String(),
  text: Type.String(),
  repliedAt: Timestamp,
  repliedByName: Type.String(),
  files: Type.Array(NoticeFile),
});
export type NoticeReply = Static<typeof NoticeReply>;

export const NoticeHistory = Type.Object({
  id: Type.String(),
  at: Timestamp,
  action: Type.String({ description: "issue, reply, escalate or close" }),
  actorName: Type.String(),
  note: Type.String(),
});

/** A 督办单 with its replies and its history. */
export const NoticeDetail = Type.Composite([
  Notice,
  Type.Object({ replies: Type.Array(NoticeReply), history: Type.Array(NoticeHistory) }),
]);
export type NoticeDetail = Static<typeof NoticeDetail>;

/** A reply just saved. */
export const SavedNoticeReply = Type.Object({
  id: Type.String(),
  text: Type.String(),
  fileIds: Type.Array(Type.String()),
  repliedAt: Timestamp,
});

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** One 督办单 to issue: about a task (taskId) or a campus-safety hazard (hazardId), one of the two. */
export const NoticeInput = Type.Object(
  {
    taskId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    hazardId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    orgId: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Text(2000),
    requirement: Text(4000),
    replyDue: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
  },
  { additionalProperties: false },
);
export type NoticeInput = Static<typeof NoticeInput>;
