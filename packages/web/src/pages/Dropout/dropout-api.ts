import type {
  AidChecks,
  AidCorrection,
  AidIdentificationStep,
  AidRecord,
  DropoutCaseDetail,
  DropoutCases,
  DropoutCorrection,
  DropoutLedgerView,
  DropoutMonthlyReturn,
  DropoutQuarterReview,
  DropoutReturns,
  DropoutStep,
  HazardIndicators,
  NewAidIdentification,
  NewAidPayment,
  NewDropoutCase,
  SchoolAgeCaseBody,
  SchoolAgeChild,
  SchoolAgeCompareAnswer,
  SchoolAgeReveal,
  SchoolAgeView,
} from "@luoshi/contract";
import { get, type Query, request } from "../../api/client";

export type {
  AidChecks,
  AidRecord,
  DropoutCaseDetail,
  DropoutCases,
  DropoutLedgerView,
  DropoutMonthlyReturn,
  DropoutQuarterReview,
  DropoutStep,
  SchoolAgeChild,
  SchoolAgeReveal,
  SchoolAgeView,
};

/** The 控辍保学 and 学生资助 endpoints (packages/server/src/ledgers/dropout.routes.ts). */
export const dropoutApi = {
  cases: (query: Query = {}) => get<DropoutCases>("/api/ledgers/dropout-cases", query),
  case: (id: string) => get<{ case: DropoutCaseDetail }>(`/api/ledgers/dropout-cases/${id}`).then((r) => r.case),
  record: (body: NewDropoutCase) =>
    request<{ case: DropoutCaseDetail }>("POST", "/api/ledgers/dropout-cases", body).then((r) => r.case),
  step: (id: string, body: DropoutStep) =>
    request<{ case: DropoutCaseDetail }>("POST", `/api/ledgers/dropout-cases/${id}/steps`, body).then((r) => r.case),
  ledger: (kind: string, query: Query) => get<DropoutLedgerView>(`/api/ledgers/dropout-ledgers/${kind}`, query),
  correct: (id: string, body: DropoutCorrection) =>
    request<{ case: DropoutCaseDetail }>("POST", `/api/ledgers/dropout-cases/${id}/corrections`, body).then(
      (r) => r.case,
    ),
  returns: (month: string) => get<DropoutReturns>("/api/ledgers/dropout-returns", { month }),
  submitReturn: (month: string) =>
    request<{ return: DropoutMonthlyReturn }>("POST", "/api/ledgers/dropout-returns", { month }).then((r) => r.return),
  quarterReview: (quarter: string, query: Query = {}) =>
    get<DropoutQuarterReview>(`/api/ledgers/dropout-reviews/${quarter}`, query),
  completeReview: (quarter: string, note: string) =>
    request<DropoutQuarterReview>("POST", `/api/ledgers/dropout-reviews/${quarter}`, { note }),
  indicators: (query: Query) => get<HazardIndicators>("/api/ledgers/dropout-indicators", query),
  checks: (schoolYear: string) => get<AidChecks>("/api/ledgers/aid-checks", { schoolYear }),
  identifications: (schoolYear: string) =>
    get<{ records: AidRecord[] }>("/api/ledgers/aid-identifications", { schoolYear }).then((r) => r.records),
  identify: (body: NewAidIdentification) =>
    request<{ record: AidRecord }>("POST", "/api/ledgers/aid-identifications", body).then((r) => r.record),
  review: (id: string, body: AidIdentificationStep) =>
    request<{ record: AidRecord }>("POST", `/api/ledgers/aid-identifications/${id}/steps`, body).then((r) => r.record),
  schoolAge: (query: Query) => get<SchoolAgeView>("/api/ledgers/school-age-children", query),
  compareSchoolAge: () => request<SchoolAgeCompareAnswer>("POST", "/api/ledgers/school-age-children/compare", {}),
  revealChild: (id: string) => request<SchoolAgeReveal>("POST", `/api/ledgers/school-age-children/${id}/reveal`, {}),
  openChildCase: (id: string, body: SchoolAgeCaseBody) =>
    request<{ caseId: string }>("POST", `/api/ledgers/school-age-children/${id}/case`, body),
  payments: (schoolYear: string) =>
    get<{ records: AidRecord[] }>("/api/ledgers/aid-payments", { schoolYear }).then((r) => r.records),
  correctAid: (kind: "identification" | "payment", id: string, body: AidCorrection) =>
    request<{ record: AidRecord }>(
      "POST",
      `/api/ledgers/aid-${kind === "identification" ? "identifications" : "payments"}/${id}/corrections`,
      body,
    ).then((r) => r.record),
  pay: (body: NewAidPayment) =>
    request<{ record: AidRecord }>("POST", "/api/ledgers/aid-payments", body).then((r) => r.record),
};

/** The school year a day falls in (from September). */
export const schoolYearOf = (day: Date = new Date()): string => {
  const y = day.getFullYear();
  return day.getMonth() >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
};

export const todayString = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};
