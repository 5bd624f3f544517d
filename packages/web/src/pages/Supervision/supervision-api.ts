import type {
  Bulletin,
  WebhookDelivery as Delivery,
  WebhookEndpoint as Endpoint,
  Evaluation,
  NewWebhookBody,
  Notice,
  NoticeDetail,
  NoticeInput,
  Notification,
  StatusBoard,
  StatusRun,
  TrendDay,
  WebhookPatchBody,
} from "@luoshi/contract";
import { get, request } from "../../api/client";
import type { BoardFilter } from "./board-filter";

export type {
  Bulletin,
  BulletinSummary,
  Evaluation,
  EvaluationWeights,
  Notice,
  NoticeDetail,
  NoticeFile,
  NoticeInput,
  Notification,
  OverdueGroup,
  StatusItem,
  UnitScore,
  WebhookDelivery as Delivery,
  WebhookEndpoint as Endpoint,
} from "@luoshi/contract";
export type { NoticeStatus, ReminderEvent as RobotEvent } from "@luoshi/contract/vocabulary";

const base = "/api/supervision";

export const supervisionApi = {
  board: (filter: BoardFilter = {}) => get<StatusBoard>(`${base}/status`, { ...filter }),
  trend: (filter: Pick<BoardFilter, "planId" | "kind"> = {}) =>
    get<{ days: TrendDay[] }>(`${base}/status/trend`, { ...filter }),
  run: () => request<StatusRun>("POST", `${base}/status/run`),
  notices: (box: "inbox" | "outbox") => get<{ notices: Notice[] }>(`${base}/notices`, { box }),
  taskNotices: (taskId: string) => get<{ notices: Notice[] }>(`${base}/notices`, { taskId }),
  hazardNotices: (hazardId: string) => get<{ notices: Notice[] }>(`${base}/notices`, { hazardId }),
  notice: (id: string) => get<{ notice: NoticeDetail }>(`${base}/notices/${id}`),
  issue: (notices: NoticeInput[]) => request<{ notices: Notice[] }>("POST", `${base}/notices/batch`, { notices }),
  reply: (id: string, text: string, fileIds: string[]) =>
    request<unknown>("POST", `${base}/notices/${id}/replies`, { text, fileIds }),
  close: (id: string, note: string) => request<unknown>("POST", `${base}/notices/${id}/close`, { note }),
  escalate: (id: string, note: string, replyDue: string) =>
    request<unknown>("POST", `${base}/notices/${id}/escalate`, { note, replyDue }),
  notifications: (unread = false) =>
    get<{ notifications: Notification[]; unread: number }>(`${base}/notifications`, { unread: unread || undefined }),
  unread: () => get<{ unread: number; openNotices: number }>(`${base}/notifications/unread`),
  markRead: (ids: string[] | "all") =>
    request<{ updated: number }>("POST", `${base}/notifications/read`, ids === "all" ? { all: true } : { ids }),
  endpoints: () => get<{ endpoints: Endpoint[] }>(`${base}/webhooks`),
  createEndpoint: (body: NewWebhookBody) => request<{ endpoint: Endpoint }>("POST", `${base}/webhooks`, body),
  updateEndpoint: (id: string, body: WebhookPatchBody) =>
    request<{ endpoint: Endpoint }>("PATCH", `${base}/webhooks/${id}`, body),
  removeEndpoint: (id: string) => request<{ endpoint: Endpoint }>("DELETE", `${base}/webhooks/${id}`),
  testEndpoint: (id: string) => request<{ delivery: Delivery }>("POST", `${base}/webhooks/${id}/test`),
  deliveries: () => get<{ deliveries: Delivery[] }>(`${base}/webhooks/deliveries`),
  noticeDocxUrl: (id: string) => `${base}/notices/${id}/document.docx`,
  bulletins: () => get<{ bulletins: Bulletin[] }>(`${base}/bulletins`),
  generate: (period: string) => request<{ bulletin: Bulletin }>("POST", `${base}/bulletins`, { period }),
  bulletinUrl: (id: string, format: "docx" | "xlsx") => `${base}/bulletins/${id}/${format}`,
  evaluation: (year: number) => get<Evaluation>(`${base}/evaluation`, { year }),
  evaluationXlsxUrl: (year: number) => `${base}/evaluation/export.xlsx?year=${year}`,
};
