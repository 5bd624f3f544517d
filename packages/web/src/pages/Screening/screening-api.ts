import type {
  NewIntervention,
  PlanLedgerBindings,
  ScreeningFollowup,
  ScreeningImportResult,
  ScreeningRates,
  ScreeningResult,
} from "@luoshi/contract";
import { get, type Query, request, upload, withQuery } from "../../api/client";

export type { PlanLedgerBindings, ScreeningFollowup, ScreeningImportResult, ScreeningRates, ScreeningResult };

/** The screening ledger's endpoints (packages/server/src/ledgers/screening/screening.routes.ts). */
export const screeningApi = {
  import: (file: File, fields: Record<string, string>) =>
    upload<ScreeningImportResult>("/api/ledgers/screening/import", file, fields),
  rates: (query: Query) => get<ScreeningRates>("/api/ledgers/screening/rates", query),
  students: (query: Query) =>
    get<{ total: number; results: ScreeningResult[] }>("/api/ledgers/screening/students", query),
  reveal: (id: string) =>
    request<{ id: string; name: string | null; studentNo: string | null; idNumber: string | null }>(
      "POST",
      `/api/ledgers/screening/students/${id}/reveal`,
    ),
  followups: (query: Query) =>
    get<{ followups: ScreeningFollowup[] }>("/api/ledgers/screening/followups", query).then((r) => r.followups),
  intervene: (id: string, body: NewIntervention) =>
    request<{ followup: ScreeningFollowup }>("POST", `/api/ledgers/screening/followups/${id}/interventions`, body),
  retest: (id: string, body: { retestedOn: string; note: string }) =>
    request<{ followup: ScreeningFollowup }>("POST", `/api/ledgers/screening/followups/${id}/retest`, body),
  /** 家长告知书 (Word): one student's, or a class's in one document. */
  noticeUrl: (followupId: string) => `/api/ledgers/screening/followups/${followupId}/notice.docx`,
  classNoticesUrl: (q: { year: number; orgId: string; grade: number; className: string | null }) =>
    withQuery("/api/ledgers/screening/notices.docx", { ...q, className: q.className ?? "" }),
  listXlsxUrl: (year: number) => withQuery("/api/ledgers/screening/students.xlsx", { year }),
  comparisonXlsxUrl: (year: number) => withQuery("/api/ledgers/screening/rates.xlsx", { year }),
  bindings: (planId: string) => get<PlanLedgerBindings>(`/api/plans/${planId}/ledger-bindings`),
  bind: (indicatorId: string, metric: string) =>
    request("PUT", `/api/indicators/${indicatorId}/ledger-binding`, { metric }),
};
