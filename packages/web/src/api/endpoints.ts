import type { TaskStatus } from "../labels";
import { get, request, upload } from "./client";
import type {
  AuditEvent,
  AuditFilter,
  BackupList,
  BackupRecord,
  Dashboard,
  Deadline,
  EvidenceFile,
  ImportedAccount,
  Me,
  Org,
  OrgDetail,
  PlanSummary,
  PlanTask,
  ReportInput,
  SearchResults,
  Target,
  TaskDetail,
  TaskRow,
  UnitResolution,
  User,
} from "./types";

/** One function per server endpoint the web app uses; URLs live only here. */
/** A login throttle the admin may clear (系统管理 › 用户). */
export interface LoginThrottle {
  key: string;
  scope: "account" | "client" | "device";
  subject: string;
  failures: number;
  blockedUntil: string | null;
  lastAttempt: string;
}

export const api = {
  login: (username: string, password: string) =>
    request<{ user: Me; csrfToken: string }>("POST", "/api/auth/login", { username, password }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request<void>("POST", "/api/auth/password", body),
  loginThrottles: () => get<{ throttles: LoginThrottle[] }>("/api/users/throttles").then((r) => r.throttles),
  clearLoginThrottle: (key: string) => request<void>("POST", "/api/users/throttles/clear", { key }),
  search: (q: string) => get<SearchResults>("/api/search", { q }),
  me: () => get<{ user: Me; csrfToken: string }>("/api/auth/me"),
  /** The session, or user null when signed out (200 either way). */
  session: () => get<{ user: Me | null; csrfToken: string | null }>("/api/auth/session"),

  orgs: () => get<{ orgs: Org[] }>("/api/orgs").then((r) => r.orgs),
  org: (id: string) => get<{ org: OrgDetail }>(`/api/orgs/${id}`).then((r) => r.org),
  createOrg: (body: { parentId: string; name: string; kind: "department" | "school" | "other" }) =>
    request<{ org: Org }>("POST", "/api/orgs", body),
  addAlias: (orgId: string, alias: string) => request<unknown>("POST", `/api/orgs/${orgId}/aliases`, { alias }),
  users: () => get<{ users: User[] }>("/api/users").then((r) => r.users),
  updateUser: (
    id: string,
    body: { displayName?: string; role?: string; orgId?: string; password?: string; disabled?: boolean },
  ) => request<{ user: User }>("PATCH", `/api/users/${encodeURIComponent(id)}`, body),
  importUsers: (file: File, dryRun: boolean) =>
    upload<{ dryRun: boolean; accounts: ImportedAccount[] }>("/api/users/import", file, { dryRun: String(dryRun) }),
  usersTemplateUrl: "/api/users/import-template",
  createUser: (body: { orgId: string; username: string; displayName: string; password: string; role: string }) =>
    request<{ user: User }>("POST", "/api/users", body),
  audit: (query: AuditFilter & { limit?: number; offset?: number }) =>
    get<{ events: AuditEvent[] }>("/api/audit", query).then((r) => r.events),
  auditVocabulary: () =>
    get<{ entities: { code: string; label: string }[]; actions: { code: string; label: string }[] }>(
      "/api/audit/vocabulary",
    ),
  auditExportUrl: (filter: AuditFilter) => {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
    return `/api/audit/export${q.size ? `?${q}` : ""}`;
  },
  backups: () => get<BackupList>("/api/admin/backups"),
  startBackup: () => request<{ backup: BackupRecord }>("POST", "/api/admin/backups"),
  backupUrl: (id: string) => `/api/admin/backups/${encodeURIComponent(id)}/download`,

  plans: () => get<{ plans: PlanSummary[] }>("/api/plans").then((r) => r.plans),
  importPlan: (file: File, onProgress: (p: number) => void) =>
    upload<{ plans: PlanSummary[] }>("/api/plans", file, {}, onProgress),
  plan: (id: string) => get<{ plan: PlanSummary; tasks: PlanTask[] }>(`/api/plans/${id}`),
  planSource: (id: string) => get<{ text: string; filename: string | null }>(`/api/plans/${id}/source`),
  updateDraftTask: (
    planId: string,
    taskId: string,
    patch: Partial<{
      title: string;
      units: string[];
      leadCount: number;
      deadlines: Deadline[];
      targets: Target[];
      body: string;
    }>,
  ) => request<{ task: PlanTask }>("PATCH", `/api/plans/${planId}/tasks/${taskId}`, patch),
  planUnits: (id: string) => get<{ units: UnitResolution[]; unresolved: string[] }>(`/api/plans/${id}/units`),
  mapUnits: (id: string, mappings: { unitName: string; orgId?: string | null; ignored?: boolean }[]) =>
    request<{ units: UnitResolution[]; unresolved: string[] }>("PUT", `/api/plans/${id}/units`, { mappings }),
  publish: (id: string) => request<unknown>("POST", `/api/plans/${id}/publish`),
  exportUrl: (id: string, ext: "xlsx" | "docx") => `/api/plans/${id}/export.${ext}`,

  tasks: (filter: Record<string, string | boolean | undefined>) =>
    get<{ tasks: TaskRow[] }>("/api/tasks", filter).then((r) => r.tasks),
  myTasks: () => get<{ tasks: TaskRow[] }>("/api/tasks/mine").then((r) => r.tasks),
  task: (id: string) => get<TaskDetail>(`/api/tasks/${id}`),
  correctTask: (id: string, patch: { title?: string; body?: string }) =>
    request<{ task: PlanTask }>("PATCH", `/api/tasks/${id}`, patch),
  submitReport: (taskId: string, body: ReportInput) =>
    request<{ report: { id: string; status: TaskStatus } }>("POST", `/api/tasks/${taskId}/reports`, body),
  uploadEvidence: (file: File, onProgress?: (p: number) => void) =>
    upload<{ file: EvidenceFile }>("/api/files", file, {}, onProgress).then((r) => r.file),
  fileUrl: (id: string) => `/api/files/${id}`,

  dashboard: (planId?: string) => get<Dashboard>("/api/dashboard", { planId }),
};
