import type { Cadence, Diagnostic, OrgKind, PlanStatus, Role, Span, TaskStatus } from "@luoshi/contract";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { BureauProfilesTable, DocumentSequencesTable } from "../bureau/bureau.repository.js";
import type {
  LedgerHistoryTable,
  LedgerRecordsTable,
  LedgerReturnsTable,
  LedgerRoundsTable,
  LedgerSettingsTable,
  SchoolClassesTable,
} from "../ledgers/schema.js";
import type { SchoolAgeChildrenTable } from "../ledgers/school-age.repository.js";
import type {
  ScreeningFollowupsTable,
  ScreeningImportsTable,
  ScreeningInterventionsTable,
  ScreeningResultsTable,
  ScreeningStudentsTable,
} from "../ledgers/screening/schema.js";
import type {
  BulletinsTable,
  EvaluationWeightsTable,
  NoticeRepliesTable,
  NoticeSequencesTable,
  NotificationsTable,
  StatusSnapshotsTable,
  SupervisionNoticesTable,
  SupervisionRulesTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from "../supervision/schema.js";

/** Timestamps come back as ISO strings (see type parsers in database.ts). */
type Timestamp = ColumnType<string, string | undefined, string>;
type NullableTimestamp = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export type { Cadence, OrgKind, PlanStatus, Role } from "@luoshi/contract";
/** The status a unit reports (the contract's task status). */
export type ReportStatus = TaskStatus;

interface RegionRow {
  region_id: string;
  id: string;
}

export interface OrgsTable extends RegionRow {
  parent_id: string | null;
  name: string;
  kind: OrgKind;
  school_level: string | null;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface OrgAliasesTable extends RegionRow {
  org_id: string;
  alias: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface UsersTable extends RegionRow {
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  failed_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface LoginThrottlesTable {
  key: string;
  region_id: string | null;
  failures: Generated<number>;
  blocked_until: NullableTimestamp;
  last_attempt: Timestamp;
  attempt_id: string | null;
  created_at: Generated<string | Date>;
}

export interface LoginDevicesTable {
  token_hash: string;
  region_id: string;
  user_id: string;
  created_at: Generated<string | Date>;
  last_used: Generated<string | Date>;
}

export interface SessionsTable {
  region_id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: string;
}

export interface PlansTable extends RegionRow {
  org_id: string;
  title: string;
  year: number | null;
  status: PlanStatus;
  /** Why a plan was withdrawn (撤回) or archived; null otherwise. */
  status_reason: Generated<string | null>;
  /** What a progress report must carry ({} = defaults; progress/report-rules.ts). */
  report_rules: ColumnType<ReportRulesJson, string | undefined, string>;
  cadence: Generated<Cadence>;
  source_filename: string | null;
  source_format: string | null;
  source_text: string;
  diagnostics: Json<Diagnostic[]>;
  created_by: string | null;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface PlanTasksTable extends RegionRow {
  plan_id: string;
  seq: number;
  no: string;
  path: Json<string[]>;
  title: string;
  units: Json<string[]>;
  lead_count: number;
  deadlines: Json<DeadlineJson[]>;
  targets: Json<TargetJson[]>;
  body: string;
  measures: Json<string[]>;
  span: Json<Span | null>;
  /** The parser's confidence in the task (0–1) and its doubts; 1 and [] for tasks added by hand. */
  confidence: Generated<number>;
  reasons: ColumnType<string[], string | undefined, string>;
  /** The task's own reporting cadence; null follows the plan's. */
  cadence: Generated<Cadence | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface DeadlineJson {
  text: string;
  date: string | null;
  kind: "by" | "throughout";
}

export interface TargetJson {
  text: string;
  subject: string;
  op: ">=" | "<=" | "range" | "increase_by" | "decrease_by";
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  baseline?: number | null;
}

export interface UnitMappingsTable extends RegionRow {
  plan_id: string;
  unit_name: string;
  org_id: string | null;
  ignored: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface AssignmentsTable extends RegionRow {
  task_id: string;
  org_id: string;
  role: "lead" | "co";
  unit_name: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface MilestonesTable extends RegionRow {
  task_id: string;
  seq: number;
  text: string;
  due_date: string | null;
  kind: "by" | "throughout";
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface ReportRulesJson {
  narrative?: "always" | "when_blocked";
  evidence?: "never" | "when_done" | "always";
}

export interface OrgGroupsTable extends RegionRow {
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface OrgGroupMembersTable {
  region_id: string;
  group_id: string;
  org_id: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface IndicatorsTable extends RegionRow {
  task_id: string;
  seq: number;
  text: string;
  subject: string;
  op: TargetJson["op"];
  baseline: number | null;
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  unit: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface FilesTable extends RegionRow {
  sha256: string;
  filename: string;
  content_type: string;
  size: number;
  org_id: string;
  uploaded_by: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface ProgressReportsTable extends RegionRow {
  task_id: string;
  org_id: string;
  period: string;
  status: ReportStatus;
  narrative: string;
  percent: number;
  submitted_by: string;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface IndicatorActualsTable extends RegionRow {
  report_id: string;
  indicator_id: string;
  value: number;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface ReportEvidenceTable {
  region_id: string;
  report_id: string;
  file_id: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

/** Read model (migration 0005): each assignee's latest live report on each task, kept by triggers. */
export interface TaskUnitStatusTable {
  region_id: string;
  task_id: string;
  org_id: string;
  report_id: string;
  period: string;
  status: ReportStatus;
  percent: number;
  submitted_at: Timestamp;
}

export interface AuditEventsTable extends RegionRow {
  actor_id: string | null;
  at: Timestamp;
  entity: string;
  entity_id: string;
  action: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  orgs: OrgsTable;
  org_aliases: OrgAliasesTable;
  org_groups: OrgGroupsTable;
  org_group_members: OrgGroupMembersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttles: LoginThrottlesTable;
  login_devices: LoginDevicesTable;
  plans: PlansTable;
  plan_tasks: PlanTasksTable;
  unit_mappings: UnitMappingsTable;
  assignments: AssignmentsTable;
  milestones: MilestonesTable;
  indicators: IndicatorsTable;
  files: FilesTable;
  progress_reports: ProgressReportsTable;
  indicator_actuals: IndicatorActualsTable;
  report_evidence: ReportEvidenceTable;
  task_unit_status: TaskUnitStatusTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
  // Supervision (migrations 0003, 0009, 0017)
  supervision_rules: SupervisionRulesTable;
  status_snapshots: StatusSnapshotsTable;
  notice_sequences: NoticeSequencesTable;
  supervision_notices: SupervisionNoticesTable;
  supervision_notice_replies: NoticeRepliesTable;
  notifications: NotificationsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  bulletins: BulletinsTable;
  evaluation_weights: EvaluationWeightsTable;
  // Bureau profile and document numbers (migration 0011)
  bureau_profiles: BureauProfilesTable;
  document_sequences: DocumentSequencesTable;
  // Ledgers (migrations 0013, 0018)
  ledger_records: LedgerRecordsTable;
  ledger_history: LedgerHistoryTable;
  ledger_rounds: LedgerRoundsTable;
  ledger_settings: LedgerSettingsTable;
  // Periodic returns and school classes (migration 0021)
  ledger_returns: LedgerReturnsTable;
  school_classes: SchoolClassesTable;
  // Student health screening (migration 0022)
  screening_students: ScreeningStudentsTable;
  screening_imports: ScreeningImportsTable;
  screening_results: ScreeningResultsTable;
  screening_followups: ScreeningFollowupsTable;
  screening_interventions: ScreeningInterventionsTable;
  // 适龄儿童台账 (migration 0027)
  school_age_children: SchoolAgeChildrenTable;
}

export type Org = Selectable<OrgsTable>;
export type User = Selectable<UsersTable>;
/** A plan as the app reads it: every column but its source text (plans.repository.ts planSourceOf). */
export type Plan = Omit<Selectable<PlansTable>, "source_text">;
export type PlanTask = Selectable<PlanTasksTable>;
export type NewPlanTask = Insertable<PlanTasksTable>;
export type PlanTaskUpdate = Updateable<PlanTasksTable>;
export type Indicator = Selectable<IndicatorsTable>;
export type ProgressReport = Selectable<ProgressReportsTable>;
