import { camel } from "../http/camel.js";
import type { noticeDetail } from "./notices.service.js";

/** Response shapes of 督办单 are the contract's (camelCase on the wire). */
export {
  Notice as NoticeSchema,
  NoticeDetail as NoticeDetailSchema,
  NoticeStatusSchema,
  SavedNoticeReply as ReplySchema,
} from "@luoshi/contract";

/** The detail's nested rows in camelCase too. */
export function presentDetail(d: Awaited<ReturnType<typeof noticeDetail>>) {
  const { replies, history, ...notice } = d;
  return {
    ...camel(notice),
    replies: replies.map(({ files, ...r }) => ({ ...camel(r), files: files.map(camel) })),
    history: history.map(camel),
  };
}
