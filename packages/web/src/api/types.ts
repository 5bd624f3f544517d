import type { Cadence, Role, SupervisionStatus, TargetOp, TaskStatus } from "../labels";

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  regionId: string;
}

export interface Org {
  id: string;
  region_id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  school_level: string | null;
}

export interface OrgDetail extends Org {
  aliases?: string[];
}

export interface User {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  role: Role;
  created_at: string;
  disabled: boolean;
}

/** An account created by a batch import (POST /api/users/import). */
export interface ImportedAccount {
  row: number;
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  role: Role;
  generatedPassword: string | null;
}

/** A row of an import sheet that keeps the whole import out. */
export interface ImportRowProblem {
  row: number;
  code: string;
  message: string;
  value?: string;
}

export interface Deadline {
  text: string;
  date: string | null;
  kind: "by" | "throughout";
}

export interface Target {
  text: string;
  subject: string;
  op: TargetOp;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  baseline?: number | null;
}

export interface Span {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
}

export interface Diagnostic {
  code: string;
  severity: "warning" | "info";
  message: string;
  span?: Span;
}

export interface PlanSummary {
  id: string;
  org_id: string;
  title: string;
  year: number | null;
  status: "draft" | "published";
  cadence: Cadence;
  source_filename: string | null;
  published_at: string | null;
  created_at: string;
  diagnostics?: Diagnostic[];
}

/** A task row of a plan, as the plan detail answers it. */
export interface PlanTask {
  id: string;
  plan_id: string;
  seq: number;
  no: string;
  path: string[];
  title: string;
  units: string[];
  lead_count: number;
  deadlines: Deadline[];
  targets: Target[];
  body: string;
  measures: string[];
  span: Span | null;
  /** The parser's confidence (0–1) and its doubts (codes, see TASK_DOUBT). */
  confidence?: number;
  reasons?: string[];
}

export interface Assignee {
  orgId: string;
  orgName: string;
  role: "lead" | "co";
  status: TaskStatus;
  percent: number;
  period: string | null;
}

export interface Milestone {
  task_id?: string;
  seq: number;
  text: string;
  due_date: string | null;
  kind: "by" | "throughout";
}

/** A published task in the ledger (GET /api/tasks). */
export interface TaskRow {
  id: string;
  planId: string;
  planTitle: string;
  no: string;
  title: string;
  section: string | null;
  path: string[];
  units: string[];
  assignees: Assignee[];
  milestones: Milestone[];
  status: TaskStatus;
  /** The status engine's verdict on the task (null before it ran). */
  supervision: SupervisionStatus | null;
  nextDue: string | null;
  overdue: boolean;
}

export interface Indicator {
  id: string;
  taskId: string;
  taskNo: string | null;
  subject: string;
  text: string;
  op: TargetOp;
  baseline: number | null;
  targetValue: number | null;
  targetMin: number | null;
  targetMax: number | null;
  unit: string;
  actual: number | null;
  period: string | null;
  attained: boolean | null;
}

export interface EvidenceFile {
  id: string;
  filename: string;
  content_type: string;
  size: number;
}

export interface Report {
  id: string;
  org_id: string;
  org_name: string;
  period: string;
  status: TaskStatus;
  narrative: string;
  percent: number;
  submitted_at: string;
  actuals: { indicatorId: string; value: number }[];
  evidence: EvidenceFile[];
}

export interface TaskDetail {
  task: {
    id: string;
    planId: string;
    no: string;
    title: string;
    path: string[];
    units: string[];
    deadlines: Deadline[];
    targets: Target[];
    body: string;
    measures: string[];
    status: TaskStatus;
    nextDue: string | null;
    overdue: boolean;
  };
  plan: { id: string; title: string; year: number | null; status: string; cadence: Cadence };
  assignees: Assignee[];
  milestones: Milestone[];
  indicators: Indicator[];
  reports: Report[];
}

export interface UnitResolution {
  unitName: string;
  status: string;
  orgIds?: string[];
}

export interface Counts {
  total: number;
  done: number;
  inProgress: number;
  blocked: number;
  notStarted: number;
  overdue: number;
}

export interface Dashboard {
  plans: { id: string; title: string; year: number | null }[];
  plan: { id: string; title: string; year: number | null } | null;
  today: string;
  totals?: Counts;
  bySection?: (Counts & { section: string })[];
  byUnit?: { orgId: string; orgName: string; total: number; done: number; completionRate: number; overdue: number }[];
  warnings?: { green: number; yellow: number; red: number };
  overdue?: { id: string; no: string; title: string; section: string | null; dueDates: string[]; units: string[] }[];
  indicators?: { attained: number; missed: number; unknown: number; items: Indicator[] };
  trend?: { month: string; reports: number; completionRate: number }[];
}

/** One line of the audit trail, in Chinese (GET /api/audit). */
export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  objectTitle: string | null;
  action: string;
  actionLabel: string;
  before: unknown;
  after: unknown;
}

export type AuditFilter = {
  entity?: string;
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
};

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

export interface ReportInput {
  orgId?: string;
  period: string;
  status: TaskStatus;
  narrative: string;
  percent: number;
  actuals?: { indicatorId: string; value: number }[];
  fileIds?: string[];
}

/** GET /api/search: hits of each kind within what the user may see. */
export interface SearchResults {
  tasks: { id: string; planId: string; no: string | null; title: string; planTitle: string }[];
  plans: { id: string; title: string; year: number | null; status: string }[];
  orgs: { id: string; name: string; kind: string }[];
  notices: { id: string; docNo: string; status: string; taskId: string; taskTitle: string; orgName: string }[];
}
