import {
  ASSIGNMENT_ROLES,
  BMI_CATEGORIES,
  CADENCES,
  DEADLINE_KINDS,
  DELIVERY_STATUSES,
  ENTITY_KINDS,
  FITNESS_GRADES,
  GLASSES_KINDS,
  INTERVENTION_KINDS,
  LEDGER_ACTIONS,
  LEDGER_METRICS,
  LEDGER_STATES,
  LEDGER_TYPES,
  NOTICE_STATUSES,
  NOTIFICATION_EVENTS,
  ORG_KINDS,
  OUTBREAK_SCOPES,
  PERIOD_KINDS,
  PLAN_STATUSES,
  ROLES,
  ROUND_KINDS,
  SCREENING_IMPORT_MODES,
  SCREENING_SEXES,
  SUPERVISION_STATUSES,
  TARGET_OPS,
  TASK_STATUSES,
  WEBHOOK_KINDS,
} from "@luoshi/contract";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import type { Database } from "./database.js";

/** Every column whose values the database restricts with `CHECK (column IN (...))`, and its list in the contract. */
const VOCABULARY: Record<string, readonly string[]> = {
  "orgs.kind": ORG_KINDS,
  "users.role": ROLES,
  "plans.status": PLAN_STATUSES,
  "plans.cadence": CADENCES,
  "plan_tasks.cadence": CADENCES,
  "assignments.role": ASSIGNMENT_ROLES,
  "milestones.kind": DEADLINE_KINDS,
  "indicators.op": TARGET_OPS,
  "progress_reports.status": TASK_STATUSES,
  "status_snapshots.entity_kind": ENTITY_KINDS,
  "status_snapshots.status": SUPERVISION_STATUSES,
  "supervision_notices.status": NOTICE_STATUSES,
  "notifications.event": NOTIFICATION_EVENTS,
  "webhook_endpoints.kind": WEBHOOK_KINDS,
  "webhook_deliveries.status": DELIVERY_STATUSES,
  "ledger_records.type": LEDGER_TYPES,
  "ledger_records.state": LEDGER_STATES,
  "ledger_history.action": LEDGER_ACTIONS,
  "ledger_rounds.ledger_type": LEDGER_TYPES,
  "ledger_rounds.kind": ROUND_KINDS,
  "ledger_bindings.metric": LEDGER_METRICS,
  "ledger_returns.ledger_type": LEDGER_TYPES,
  "ledger_returns.period_kind": PERIOD_KINDS,
  "screening_students.sex": SCREENING_SEXES,
  "school_age_children.sex": SCREENING_SEXES,
  "screening_imports.mode": SCREENING_IMPORT_MODES,
  "screening_results.glasses": GLASSES_KINDS,
  "screening_results.bmi_category": BMI_CATEGORIES,
  "screening_results.fitness_grade": FITNESS_GRADES,
  "screening_interventions.kind": INTERVENTION_KINDS,
  "outbreak_alerts.scope": OUTBREAK_SCOPES,
};

/** `CHECK ((role = ANY (ARRAY['admin'::text, …])))` → ["role", ["admin", …]]; other checks → null. */
function valueList(definition: string): [string, string[]] | null {
  // A list of one value (a ledger type while there is one) is printed as an equality.
  const single = /^CHECK \(\((\w+) = '((?:[^']|'')*)'::text\)\)$/.exec(definition);
  if (single?.[1] && single[2] !== undefined) return [single[1], [single[2].replaceAll("''", "'")]];
  const match = /^CHECK \(\(?\(?(\w+) = ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)\)\)?$/.exec(definition);
  if (!match?.[1] || match[2] === undefined) return null;
  return [match[1], [...match[2].matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replaceAll("''", "'"))];
}

describe("SQL CHECK lists agree with the contract's vocabulary", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let checks: Map<string, string[]>;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase());
    const { rows } = await sql<{ table: string; definition: string }>`
      SELECT c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'c' AND n.nspname = current_schema()`.execute(db);
    checks = new Map();
    for (const row of rows) {
      const list = valueList(row.definition);
      if (list) checks.set(`${row.table.replace(/^.*\./, "")}.${list[0]}`, list[1]);
    }
  }, 120_000);
  afterAll(() => drop());

  it("finds the value lists in the migrated database", () => {
    expect(checks.size).toBeGreaterThan(10);
    expect(valueList("CHECK ((percent >= 0) AND (percent <= 100))")).toBeNull();
  });

  it("restricts each column to exactly the contract's values", () => {
    for (const [column, values] of Object.entries(VOCABULARY)) {
      expect(checks.get(column), column).toBeDefined();
      expect([...(checks.get(column) ?? [])].sort(), column).toEqual([...values].sort());
    }
  });

  it("has no value list the contract does not name", () => {
    expect([...checks.keys()].filter((column) => !(column in VOCABULARY))).toEqual([]);
  });
});
