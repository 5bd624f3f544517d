import type { StatusBoard, StatusRun, TrendDay } from "@luoshi/contract";
import { get, request } from "../../api/client";
import type { BoardFilter } from "./board-filter";

export type { StatusItem } from "@luoshi/contract";

export type NoticeStatus = "issued" | "replied" | "escalated" | "closed";

/** A 督办单 as lists show it (GET /api/supervision/notices). */
export interface Notice {
  id: string;
  docNo: string;
  planId: string;
  taskId: string;
  taskNo: string;
  taskTitle: string;
  orgId: string;
  orgName: string;
  issuerName: string;
  reason: string;
  requirement: string;
  replyDue: string;
  status: NoticeStatus;
  level: number;
  issuedAt: string;
  closedAt: string | null;
  closeNote: string | null;
  escalationNote: string | null;
  updatedAt: string;
}

export interface NoticeFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface NoticeDetail extends Notice {
  replies: { id: string; text: string; repliedAt: string; repliedByName: string; files: NoticeFile[] }[];
  history: { id: string; at: string; action: string; actorName: string; note: string }[];
}

export interface NoticeInput {
  taskId: string;
  orgId: string;
  reason: string;
  requirement: string;
  replyDue: string;
}

export interface Notification {
  id: string;
  event: string;
  entityKind: string;
  entityId: string;
  title: string;
  body: string;
  personal: boolean;
  readAt: string | null;
  createdAt: string;
}

export type RobotEvent = "due_soon" | "overdue" | "missing_report" | "new_notice";

export interface Endpoint {
  id: string;
  orgId: string;
  name: string;
  kind: "wecom" | "dingtalk";
  url: string;
  hasSecret: boolean;
  events: RobotEvent[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EndpointInput {
  orgId?: string;
  kind?: "wecom" | "dingtalk";
  name?: string;
  url?: string;
  secret?: string | null;
  events?: RobotEvent[];
  enabled?: boolean;
}

export interface Delivery {
  id: string;
  endpointId: string;
  endpointName: string;
  endpointKind: string;
  orgName: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  lastErrcode: number | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  gaveUp: boolean;
}

export interface OverdueGroup {
  orgId: string;
  orgName: string;
  tasks: { taskNo: string; taskTitle: string; dueDate: string | null; reasons: string[] }[];
}

/** What a bulletin states (computed from the records as of `asOf`). Older bulletins lack overdueByUnit. */
export interface BulletinSummary {
  asOf: string;
  total: number;
  done: number;
  normal: number;
  warning: number;
  overdue: number;
  completion: number;
  indicators: number;
  indicatorsDone: number;
  overdueByUnit?: OverdueGroup[];
}

export interface Bulletin {
  id: string;
  period: string;
  title: string;
  generated_at: string;
  summary: BulletinSummary;
}

type Component = "completion" | "timeliness" | "attainment";

/** One unit's evaluation: its raw facts, the rates and score derived from them, and its rank in its group. */
export interface UnitScore {
  orgId: string;
  orgName: string;
  rank: number;
  score: number;
  total: number;
  done: number;
  overdue: number;
  expectedReports: number;
  onTime: number;
  late: number;
  missing: number;
  indicators: number;
  indicatorsDone: number;
  notices: number;
  completion: number;
  timeliness: number | null;
  attainment: number | null;
  appliedWeights: Record<Component, number>;
  breakdown: Record<Component | "noticePenalty", number>;
}

export interface EvaluationWeights extends Record<Component, number> {
  noticePenalty: number;
}

export interface Evaluation {
  year: number;
  asOf: string;
  formula: string;
  weights: EvaluationWeights;
  groups: { group: string; label: string; units: UnitScore[] }[];
}

const base = "/api/supervision";

export const supervisionApi = {
  board: (filter: BoardFilter = {}) => get<StatusBoard>(`${base}/status`, { ...filter }),
  trend: (filter: Pick<BoardFilter, "planId" | "kind"> = {}) =>
    get<{ days: TrendDay[] }>(`${base}/status/trend`, { ...filter }),
  run: () => request<StatusRun>("POST", `${base}/status/run`),
  notices: (box: "inbox" | "outbox") => get<{ notices: Notice[] }>(`${base}/notices`, { box }),
  taskNotices: (taskId: string) => get<{ notices: Notice[] }>(`${base}/notices`, { taskId }),
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
  createEndpoint: (body: EndpointInput) => request<{ endpoint: Endpoint }>("POST", `${base}/webhooks`, body),
  updateEndpoint: (id: string, body: EndpointInput) =>
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
