import type {
  BulletinSummary,
  DeliveryStatus,
  EntityKind,
  NoticeStatus,
  NotificationEvent,
  ReminderEvent,
  SupervisionStatus,
  WebhookKind,
} from "@luoshi/contract";
import type { ColumnType } from "kysely";

/** Row types of the tables created by migration 0003 (the shared schema.ts stays untouched). */
type Timestamp = ColumnType<string, string | undefined, string>;
type NullableTimestamp = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export type {
  EntityKind,
  NoticeStatus,
  NotificationEvent,
  ReminderEvent,
  SupervisionStatus,
  WebhookKind,
} from "@luoshi/contract";
/** What a robot message in the delivery log is: a subscribed event, or a test message. */
export type DeliveryEvent = ReminderEvent | "test";

export interface SupervisionRulesTable {
  region_id: string;
  plan_id: string;
  rules: Json<Record<string, unknown>>;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface StatusSnapshotsTable {
  region_id: string;
  entity_kind: EntityKind;
  entity_id: string;
  day: string;
  plan_id: string;
  task_id: string;
  org_id: string | null;
  status: SupervisionStatus;
  reasons: Json<string[]>;
  due_date: string | null;
  progress: number | null;
  computed_at: string;
}

export interface NoticeSequencesTable {
  region_id: string;
  year: number;
  last_no: number;
}

export interface SupervisionNoticesTable {
  region_id: string;
  id: string;
  /** The task's plan; null for a notice about a hazard. */
  plan_id: string | null;
  /** The task the notice is about, or null when it is about a ledger record (migration 0019). */
  task_id: string | null;
  ledger_record_id: ColumnType<string | null, string | null | undefined, string | null>;
  org_id: string;
  year: number;
  seq: number;
  doc_no: string;
  reason: string;
  requirement: string;
  reply_due: string;
  status: NoticeStatus;
  level: ColumnType<number, number | undefined, number>;
  issued_by: string;
  issued_at: string;
  closed_by: string | null;
  closed_at: string | null;
  close_note: string | null;
  escalation_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface NoticeRepliesTable {
  region_id: string;
  id: string;
  notice_id: string;
  org_id: string;
  text: string;
  file_ids: Json<string[]>;
  replied_by: string;
  replied_at: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface NotificationsTable {
  region_id: string;
  id: string;
  org_id: string;
  /** Set when addressed to one person rather than to the whole unit. */
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  event: NotificationEvent;
  entity_kind: string;
  entity_id: string;
  title: string;
  body: string;
  delivery_key: string;
  read_at: string | null;
  read_by: string | null;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface WebhookEndpointsTable {
  region_id: string;
  id: string;
  org_id: string;
  name: string;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  events: Json<ReminderEvent[]>;
  enabled: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface WebhookDeliveriesTable {
  region_id: string;
  id: string;
  endpoint_id: string;
  delivery_key: string;
  event: DeliveryEvent;
  entity_id: string;
  payload: Json<unknown>;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  last_http_status: number | null;
  last_errcode: number | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: Timestamp;
}

export interface BulletinsTable {
  region_id: string;
  id: string;
  org_id: string;
  period: string;
  title: string;
  /** 发文字号 (migration 0011); null on bulletins generated before it. */
  doc_no: ColumnType<string | null, string | null | undefined, string | null>;
  docx_file_id: string;
  xlsx_file_id: string;
  summary: Json<BulletinSummary>;
  generated_by: string | null;
  generated_at: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface EvaluationWeightsTable {
  region_id: string;
  year: number;
  weights: Json<Record<string, number>>;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}
