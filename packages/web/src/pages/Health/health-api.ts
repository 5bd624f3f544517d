import type {
  ClassCheck,
  ClassCheckBody,
  ClassChecks,
  ClassList,
  HealthTrends,
  IllnessCaseDetail,
  IllnessCaseStep,
  IllnessCases,
  NewClassBody,
  NewIllnessCase,
  OutbreakAlert,
  OutbreakRuleBody,
  OutbreakRules,
  OutbreakRuleView,
  ReturnsDay,
  ReturnsReport,
  SchoolClass,
  SchoolSummaries,
  SchoolSummary,
} from "@luoshi/contract";
import { get, request, withQuery } from "../../api/client";

export type {
  ClassCheck,
  ClassChecks,
  HealthTrends,
  IllnessCaseDetail,
  IllnessCases,
  OutbreakAlert,
  ReturnsDay,
  ReturnsReport,
  SchoolSummaries,
  SchoolSummary,
};

/** The daily health reports' and periodic returns' endpoints (server: ledgers/health.routes.ts, returns.routes.ts). */
export const healthApi = {
  classes: () => get<ClassList>("/api/ledgers/health/classes"),
  createClass: (body: NewClassBody) => request<SchoolClass>("POST", "/api/ledgers/health/classes", body),
  checks: (date?: string) => get<ClassChecks>("/api/ledgers/health/checks", { date }),
  submit: (body: ClassCheckBody) => request<ClassCheck>("POST", "/api/ledgers/health/checks", body),
  reveal: (key: { classId: string; date: string; slot: string }) =>
    request<{ students: { name: string }[] }>("POST", "/api/ledgers/health/checks/reveal", key),
  day: (date?: string, orgId?: string) =>
    get<ReturnsDay>("/api/ledgers/returns/day", { type: "health_check", date, orgId }),
  report: (from: string, to: string) => get<ReturnsReport>("/api/ledgers/returns", { type: "health_check", from, to }),
  alerts: () => get<{ alerts: OutbreakAlert[] }>("/api/ledgers/health/alerts").then((r) => r.alerts),
  confirm: (body: { alertId: string; note: string }) =>
    request<OutbreakAlert>("POST", "/api/ledgers/health/alerts/report", body),
  summaries: (date?: string) => get<SchoolSummaries>("/api/ledgers/health/summaries", { date }),
  submitSummary: (body: { date: string; slot: string }) =>
    request<SchoolSummary>("POST", "/api/ledgers/health/summaries", body),
  cases: () => get<IllnessCases>("/api/ledgers/health/cases"),
  recordCase: (body: NewIllnessCase) =>
    request<{ case: IllnessCaseDetail }>("POST", "/api/ledgers/health/cases", body).then((r) => r.case),
  stepCase: (id: string, body: IllnessCaseStep) =>
    request<{ case: IllnessCaseDetail }>("POST", `/api/ledgers/health/cases/${id}/steps`, body).then((r) => r.case),
  caseDetail: (id: string) => get<{ case: IllnessCaseDetail }>(`/api/ledgers/health/cases/${id}`).then((r) => r.case),
  revealCase: (id: string) => request<{ studentName: string }>("POST", `/api/ledgers/health/cases/${id}/reveal`),
  rules: () => get<OutbreakRules>("/api/ledgers/health/rules").then((r) => r.rules),
  changeRule: (id: string, body: OutbreakRuleBody) =>
    request<OutbreakRuleView>("PUT", `/api/ledgers/health/rules/${encodeURIComponent(id)}`, body),
  trends: (from: string, to: string) => get<HealthTrends>("/api/ledgers/health/trends", { from, to }),
  exportUrl: (from: string, to: string, date: string) =>
    withQuery("/api/ledgers/health/export.xlsx", { from, to, date }),
  chase: () => request<{ notifications: number }>("POST", "/api/ledgers/returns/chase", { type: "health_check" }),
};
