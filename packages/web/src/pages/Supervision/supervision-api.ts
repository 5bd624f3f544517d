import type { SupervisionStatus } from "@luoshi/contract/vocabulary";
import { get, request } from "../../api/client";

export interface StatusItem {
  entity_kind: string;
  entity_id: string;
  task_id: string;
  task_no: string;
  task_title: string;
  org_name: string | null;
  status: string;
  reasons: string[];
  due_date: string | null;
  progress: number | null;
}

export interface Notice {
  id: string;
  doc_no: string;
  task_no: string;
  task_title: string;
  org_name: string;
  reason: string;
  requirement: string;
  reply_due: string;
  status: string;
  level: number;
  replies?: { id: string; text: string; replied_at: string }[];
}

export interface Bulletin {
  id: string;
  period: string;
  title: string;
  generated_at: string;
}

export interface UnitScore {
  orgId: string;
  orgName: string;
  rank: number;
  score: number;
  breakdown: { completion: number; timeliness: number; attainment: number; noticePenalty: number };
}

const base = "/api/supervision";

export const supervisionApi = {
  board: () => get<{ items: StatusItem[]; tasks: Record<SupervisionStatus, number> }>(`${base}/status`),
  trend: () => get<{ days: ({ day: string } & Record<string, number>)[] }>(`${base}/status/trend`),
  run: () => request<unknown>("POST", `${base}/status/run`),
  notices: (box: "inbox" | "outbox") => get<{ notices: Notice[] }>(`${base}/notices`, { box }),
  notice: (id: string) => get<{ notice: Notice }>(`${base}/notices/${id}`),
  reply: (id: string, text: string, fileIds: string[]) =>
    request<unknown>("POST", `${base}/notices/${id}/replies`, { text, fileIds }),
  close: (id: string, note: string) => request<unknown>("POST", `${base}/notices/${id}/close`, { note }),
  escalate: (id: string, note: string, replyDue: string) =>
    request<unknown>("POST", `${base}/notices/${id}/escalate`, { note, replyDue }),
  noticeDocxUrl: (id: string) => `${base}/notices/${id}/document.docx`,
  bulletins: () => get<{ bulletins: Bulletin[] }>(`${base}/bulletins`),
  generate: (period: string) => request<{ bulletin: Bulletin }>("POST", `${base}/bulletins`, { period }),
  bulletinUrl: (id: string, format: "docx" | "xlsx") => `${base}/bulletins/${id}/${format}`,
  evaluation: (year: number) => get<{ units: UnitScore[]; asOf: string }>(`${base}/evaluation`, { year }),
  evaluationXlsxUrl: (year: number) => `${base}/evaluation/export.xlsx?year=${year}`,
};
