import type { ColumnType } from "kysely";
import type { FitnessItem } from "./fitness.js";

/** Row types of the screening tables (migration 0022). */
type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;
type Numeric = number | null;

export interface ScreeningStudentsTable {
  region_id: string;
  id: string;
  student_no: string | null;
  id_number: string | null;
  name: string | null;
  sex: "male" | "female";
  birth_date: ColumnType<string, string, string>;
  created_by: string;
  created_at: Timestamp;
}

export interface ScreeningImportsTable {
  region_id: string;
  id: string;
  org_id: string;
  year: number;
  file_name: string;
  mode: "all" | "valid_only";
  row_count: number;
  written: number;
  rejected: number;
  problems: Json<unknown[]>;
  actor_id: string;
  at: string;
}

export interface ScreeningResultsTable {
  region_id: string;
  id: string;
  student_id: string;
  org_id: string;
  year: number;
  grade: number;
  class_name: string | null;
  measured_on: ColumnType<string, string, string>;
  age_months: number;
  height_cm: Numeric;
  weight_kg: Numeric;
  va_left: Numeric;
  va_right: Numeric;
  se_left: Numeric;
  se_right: Numeric;
  glasses: "none" | "frame" | "contact" | "ortho_k";
  item_scores: Json<Partial<Record<FitnessItem, number>>>;
  bonus: Numeric;
  total_in: Numeric;
  raw: Json<Record<string, string>>;
  myopic: boolean | null;
  bmi: Numeric;
  bmi_category: "normal" | "overweight" | "obese" | null;
  fitness_grade: "excellent" | "good" | "pass" | "fail" | null;
  fitness_total: Numeric;
  explanations: Json<Record<string, string | null>>;
  rules: Json<Record<string, string | null>>;
  import_id: string;
  created_by: string;
  created_at: string;
  superseded_at: string | null;
  superseded_by: string | null;
}

export interface ScreeningFollowupsTable {
  region_id: string;
  id: string;
  student_id: string;
  org_id: string;
  year: number;
  result_id: string;
  reasons: Json<string[]>;
  retest_due: ColumnType<string | null, string | null, string | null>;
  retested_on: ColumnType<string | null, string | null, string | null>;
  retest_note: string | null;
  created_at: string;
}

export interface ScreeningInterventionsTable {
  region_id: string;
  id: string;
  followup_id: string;
  kind: "parent_notice" | "referral" | "exercise" | "diet";
  done_on: ColumnType<string, string, string>;
  note: string | null;
  actor_id: string;
  at: string;
}
