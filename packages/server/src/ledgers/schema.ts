import type { ChecklistResult, LedgerAction, LedgerState, LedgerType, PeriodKind, RoundKind } from "@luoshi/contract";
import type { ColumnType } from "kysely";
import type { Changes } from "./fields.js";
import type { Fields } from "./ledger-type.js";

/** Row types of the tables created by migration 0013. */
type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;
type DateColumn = ColumnType<string, string, string>;

export interface LedgerRecordsTable {
  region_id: string;
  id: string;
  type: LedgerType;
  org_id: string;
  state: LedgerState;
  fields: Json<Fields>;
  file_ids: Json<string[]>;
  version: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LedgerHistoryTable {
  region_id: string;
  record_id: string;
  seq: number;
  action: LedgerAction;
  from_state: LedgerState | null;
  to_state: LedgerState;
  changes: Json<Changes>;
  note: string | null;
  actor_id: string;
  at: Timestamp;
}

export type { ChecklistResult };

export interface LedgerRoundsTable {
  region_id: string;
  id: string;
  ledger_type: LedgerType;
  org_id: string;
  kind: RoundKind;
  held_on: DateColumn;
  checklist: Json<ChecklistResult[]>;
  hazard_count: number;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface LedgerSettingsTable {
  region_id: string;
  ledger_type: LedgerType;
  settings: Json<Record<string, unknown>>;
  updated_by: string;
  updated_at: Timestamp;
}

/** Row types of the tables created by migration 0021 (periodic returns, school classes). */
export interface LedgerReturnsTable {
  region_id: string;
  ledger_type: LedgerType;
  unit_id: string;
  org_id: string;
  period_kind: PeriodKind;
  period: DateColumn;
  slot: string;
  zero: boolean;
  payload: Json<Record<string, unknown>>;
  version: number;
  submitted_by: string;
  submitted_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface SchoolClassesTable {
  region_id: string;
  id: string;
  org_id: string;
  name: string;
  grade: string;
  head_teacher_id: string | null;
  enrolled: number;
  roster: Json<string[]>;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: string | null;
}
