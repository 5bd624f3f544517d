import type {
  ImportedPlan,
  NewOrgBody,
  NewUserBody,
  OrgAlias,
  PasswordBody,
  PlanDetail,
  PlanSource,
  PublishReply,
  SavedReport,
  SessionReply,
  TaskCorrectionBody,
  TaskPatchBody,
  UnitMappingsBody,
  UnitsReply,
  UserPatchBody,
  UsersImportAnswer,
} from "@luoshi/contract";
import { get, request, upload } from "./client";
import type {
  AuditEvent,
  AuditFilter,
  AuditVocabulary,
  BackupList,
  BackupRecord,
  BatchAssignment,
  BureauProfile,
  Dashboard,
  EvidenceFile,
  GapReport,
  Letterhead,
  ListedUser,
  LoginThrottle,
  Me,
  MyReporting,
  Org,
  OrgDetail,
  OrgGroup,
  PlanSummary,
  PlanTask,
  ReportInput,
  ReportRules,
  SearchResults,
  Target,
  TaskDetail,
  TaskPeriods,
  TaskRow,
  User,
} from "./types";

/** One function per server endpoint the web app uses; URLs live only here. */
export const api = {
  login: (username: string, password: string) =>
    request<SessionReply>("POST", "/api/auth/login", { username, password }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  changePassword: (body: PasswordBody) => request<void>("POST", "/api/auth/password", body),
  loginThrottles: () => get<{ throttles: LoginThrottle[] }>("/api/users/throttles").then((r) => r.throttles),
  clearLoginThrottle: (key: string) => request<void>("POST", "/api/users/throttles/clear", { key }),
  search: (q: string) => get<SearchResults>("/api/search", { q }),
  me: () => get<SessionReply>("/api/auth/me"),
  /** The session, or user null when signed out (200 either way). */
  session: () => get<{ user: Me | null; csrfToken: string | null }>("/api/auth/session"),

  orgs: () => get<{ orgs: Org[] }>("/api/orgs").then((r) => r.orgs),
  org: (id: string) => get<{ org: OrgDetail }>(`/api/orgs/${id}`).then((r) => r.org),
  createOrg: (body: NewOrgBody) => request<{ org: Org }>("POST", "/api/orgs", body),
  addAlias: (orgId: string, alias: string) =>
    request<{ alias: OrgAlias }>("POST", `/api/orgs/${orgId}/aliases`, { alias }),
  users: () => get<{ users: ListedUser[] }>("/api/users").then((r) => r.users),
  updateUser: (id: string, body: UserPatchBody) =>
    request<{ user: User }>("PATCH", `/api/users/${encodeURIComponent(id)}`, body),
  importUsers: (file: File, dryRun: boolean) =>
    upload<UsersImportAnswer>("/api/users/import", file, { dryRun: String(dryRun) }),
  usersTemplateUrl: "/api/users/import-template",
  createUser: (body: NewUserBody) => request<{ user: User }>("POST", "/api/users", body),
  audit: (query: AuditFilter & { limit?: number; offset?: number }) =>
    get<{ events: AuditEvent[] }>("/api/audit", query).then((r) => r.events),
  auditVocabulary: () => get<AuditVocabulary>("/api/audit/vocabulary"),
  auditExportUrl: (filter: AuditFilter) => {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
    return `/api/audit/export${q.size ? `?${q}` : ""}`;
  },
  backups: () => get<BackupList>("/api/admin/backups"),
  startBackup: () => request<{ backup: BackupRecord }>("POST", "/api/admin/backups"),
  verifyBackup: (id: string) =>
    request<{ backup: BackupRecord }>("POST", `/api/admin/backups/${encodeURIComponent(id)}/verify`),
  backupUrl: (id: string) => `/api/admin/backups/${encodeURIComponent(id)}/download`,
  bureauProfile: () => get<BureauProfile>("/api/bureau-profile"),
  saveBureauProfile: (body: Letterhead) => request<BureauProfile>("PUT", "/api/bureau-profile", body),

  plans: () => get<{ plans: PlanSummary[] }>("/api/plans").then((r) => r.plans),
  importPlan: (file: File, onProgress: (p: number) => void) =>
    upload<{ plans: ImportedPlan[] }>("/api/plans", file, {}, onProgress),
  plan: (id: string) => get<PlanDetail>(`/api/plans/${id}`),
  planSource: (id: string) => get<PlanSource>(`/api/plans/${id}/source`),
  updateDraftTask: (planId: string, taskId: string, patch: TaskPatchBody) =>
    request<{ task: PlanTask }>("PATCH", `/api/plans/${planId}/tasks/${taskId}`, patch),
  planUnits: (id: string) => get<UnitsReply>(`/api/plans/${id}/units`),
  mapUnits: (id: string, mappings: UnitMappingsBody["mappings"]) =>
    request<UnitsReply>("PUT", `/api/plans/${id}/units`, { mappings }),
  publish: (id: string, acceptGaps = false) =>
    request<PublishReply>("POST", `/api/plans/${id}/publish`, {
      acceptGaps,
    }),
  planGaps: (id: string) => get<GapReport>(`/api/plans/${id}/gaps`),
  assignTasks: (planId: string, body: BatchAssignment) =>
    request<{ tasks: PlanTask[] }>("POST", `/api/plans/${planId}/tasks/assign`, body),
  editIndicators: (planId: string, taskId: string, indicators: (Target & { id?: string })[]) =>
    request<{ task: PlanTask }>("PUT", `/api/plans/${planId}/tasks/${taskId}/indicators`, { indicators }),
  withdrawPlan: (id: string, reason: string) =>
    request<{ plan: PlanSummary }>("POST", `/api/plans/${id}/withdraw`, { reason }),
  archivePlan: (id: string) => request<{ plan: PlanSummary }>("POST", `/api/plans/${id}/archive`, {}),
  updatePlan: (id: string, patch: { reportRules?: ReportRules }) =>
    request<{ plan: PlanSummary }>("PATCH", `/api/plans/${id}`, patch),
  orgGroups: () => get<{ groups: OrgGroup[] }>("/api/org-groups").then((r) => r.groups),
  saveOrgGroup: (body: { name: string; orgIds: string[] }, id?: string) =>
    id
      ? request<{ group: OrgGroup }>("PUT", `/api/org-groups/${id}`, body)
      : request<{ group: OrgGroup }>("POST", "/api/org-groups", body),
  /** The ledger export; `filter` (the ledger page's filters as URL parameters) limits it to the rows shown. */
  exportUrl: (id: string, ext: "xlsx" | "docx", filter?: URLSearchParams) => {
    const qs = filter?.toString();
    return `/api/plans/${id}/export.${ext}${qs ? `?${qs}` : ""}`;
  },

  tasks: (filter: Record<string, string | boolean | undefined>) =>
    get<{ tasks: TaskRow[] }>("/api/tasks", filter).then((r) => r.tasks),
  myTasks: () => get<{ tasks: TaskRow[] }>("/api/tasks/mine").then((r) => r.tasks),
  myReporting: () => get<MyReporting>("/api/tasks/mine/reporting"),
  taskPeriods: (taskId: string) => get<TaskPeriods>(`/api/tasks/${taskId}/periods`),
  task: (id: string) => get<TaskDetail>(`/api/tasks/${id}`),
  correctTask: (id: string, patch: TaskCorrectionBody) =>
    request<{ task: PlanTask }>("PATCH", `/api/tasks/${id}`, patch),
  submitReport: (taskId: string, body: ReportInput) =>
    request<{ report: SavedReport }>("POST", `/api/tasks/${taskId}/reports`, body),
  uploadEvidence: (file: File, onProgress?: (p: number) => void) =>
    upload<{ file: EvidenceFile }>("/api/files", file, {}, onProgress).then((r) => r.file),
  fileUrl: (id: string) => `/api/files/${id}`,
  /** The same file shown in the page (pictures and PDF; the server sends others as downloads). */
  filePreviewUrl: (id: string) => `/api/files/${id}?inline=true`,

  dashboard: (planId?: string) => get<Dashboard>("/api/dashboard", { planId }),
};
