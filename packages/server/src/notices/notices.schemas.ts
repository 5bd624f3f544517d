import { Type } from "@sinclair/typebox";
import { camel } from "../http/camel.js";
import { Nullable } from "../http/schemas.js";
import type { noticeDetail } from "./notices.service.js";

/** Response shapes of 督办单 (camelCase on the wire). */

const Iso = Type.String({ description: "ISO 8601 timestamp" });
const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

export const NoticeStatusSchema = Type.Union([
  Type.Literal("issued"),
  Type.Literal("replied"),
  Type.Literal("escalated"),
  Type.Literal("closed"),
]);

export const NoticeSchema = Type.Object({
  id: Type.String(),
  docNo: Type.String({ description: "督办〔2026〕第3号" }),
  planId: Type.String(),
  taskId: Type.String(),
  taskNo: Type.String(),
  taskTitle: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  issuerName: Type.String(),
  reason: Type.String(),
  requirement: Type.String(),
  replyDue: IsoDate,
  status: NoticeStatusSchema,
  level: Type.Integer({ minimum: 1 }),
  issuedAt: Iso,
  closedAt: Nullable(Iso),
  closeNote: Nullable(Type.String()),
  escalationNote: Nullable(Type.String()),
  updatedAt: Iso,
});

export const NoticeFileSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

export const NoticeReplySchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  repliedAt: Iso,
  repliedByName: Type.String(),
  files: Type.Array(NoticeFileSchema),
});

export const NoticeHistorySchema = Type.Object({
  id: Type.String(),
  at: Iso,
  action: Type.String({ description: "issue, reply, escalate or close" }),
  actorName: Type.String(),
  note: Type.String(),
});

export const NoticeDetailSchema = Type.Composite([
  NoticeSchema,
  Type.Object({ replies: Type.Array(NoticeReplySchema), history: Type.Array(NoticeHistorySchema) }),
]);

export const ReplySchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  fileIds: Type.Array(Type.String()),
  repliedAt: Iso,
});

/** The detail's nested rows in camelCase too. */
export function presentDetail(d: Awaited<ReturnType<typeof noticeDetail>>) {
  const { replies, history, ...notice } = d;
  return {
    ...camel(notice),
    replies: replies.map(({ files, ...r }) => ({ ...camel(r), files: files.map(camel) })),
    history: history.map(camel),
  };
}
