import type { Cadence, PlanStatus } from "@luoshi/contract/vocabulary";

export type {
  Assignee,
  AuditEvent,
  AuditFilter,
  AuditVocabulary,
  BackupList,
  BackupRecord,
  BureauProfile,
  Counts,
  Dashboard,
  Deadline,
  Diagnostic,
  EvidenceFile,
  EvidenceRef,
  ImportedAccount,
  ImportRowProblem,
  Indicator,
  Letterhead,
  ListedUser,
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
  SearchResults,
  Span,
  Target,
  TaskDetail,
  TaskRow,
  UnitResolution,
  User,
} from "@luoshi/contract";

// --- safe publishing and honest reports -----------------------------------------------------------

export type { PlanStatus };
export type Gap = "unit" | "deadline" | "indicator";

/** Tasks lacking a unit, a deadline or an indicator (GET /api/plans/:id/gaps). */
export interface GapReport {
  taskCount: number;
  counts: Record<Gap, number>;
  /** Tasks with a unit or deadline gap: publishing with them takes an explicit choice. */
  blocking: number;
  tasks: { taskId: string; no: string; title: string; gaps: Gap[] }[];
}

export interface BatchAssignment {
  taskIds: string[];
  lead?: string[];
  co?: string[];
  dueDate?: string;
  cadence?: Cadence | null;
}

export interface ReportRules {
  narrative: "always" | "when_blocked";
  evidence: "never" | "when_done" | "always";
}

/** The periods a unit may report a task for (GET /api/tasks/:id/periods). */
export interface TaskPeriods {
  cadence: Cadence;
  current: string | null;
  periods: { period: string; label: string; reported: boolean }[];
  rules: ReportRules;
}

/** 本期已报/未报 of my tasks (GET /api/tasks/mine/reporting). */
export interface MyReporting {
  periods: Record<Cadence, string>;
  tasks: {
    taskId: string;
    planId: string;
    cadence: Cadence;
    period: string;
    label: string;
    units: number;
    reportedUnits: number;
    reported: boolean;
  }[];
}

export interface OrgGroup {
  id: string;
  name: string;
  orgIds: string[];
}
