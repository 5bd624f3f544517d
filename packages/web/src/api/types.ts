export type {
  Assignee,
  AuditEvent,
  Counts,
  Dashboard,
  Deadline,
  Diagnostic,
  EvidenceFile,
  EvidenceRef,
  Indicator,
  LoginThrottle,
  Me,
  Milestone,
  Org,
  OrgDetail,
  Plan,
  PlanSummary,
  PlanTask,
  Report,
  ReportBody as ReportInput,
  Span,
  Target,
  TaskDetail,
  TaskRow,
  UnitResolution,
  User,
} from "@luoshi/contract";

/** A backup the server made (GET /api/admin/backups). */
export interface BackupRecord {
  id: string;
  kind: "manual" | "scheduled" | "cli";
  status: "running" | "done" | "failed";
  startedAt: string;
  finishedAt: string | null;
  progress: string | null;
  bytes: number | null;
  rows: number | null;
  files: number | null;
  verify: { status: "pending" | "ok" | "failed"; at: string | null; message: string | null };
  error: { code: string; message: string } | null;
}

export interface BackupList {
  backups: BackupRecord[];
  policy: { schedule: string | null; keepDaily: number; keepWeekly: number };
}
