import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { PREPARED } from "../db/pg-prepared.js";
import type { ReportStatus } from "../db/schema.js";
import { withLedgerActuals } from "../ledgers/ledger-actuals.js";
import { todayInShanghai } from "../progress/periods.js";
import { addDays } from "./calendar.js";
import type {
  AssignmentFact,
  IndicatorFact,
  MilestoneFact,
  PlanFacts,
  SettledAssignments,
  StatusFacts,
} from "./engine.js";
import { resolveRules } from "./rules.js";

/**
 * SQL of the status engine's facts, set-based, as they stood at the end of a day: each
 * assignment's latest report and each indicator's latest actual among the reports submitted
 * by then (highest period, then latest submission: engine.ts latestReportAsOf).
 */

export interface FactScope {
  /** Regions to read (null: all). */
  regionIds: string[] | null;
  /** Only these tasks (the affected items of a report). */
  taskIds?: string[];
  /**
   * With taskIds: only these units' assignments (the reporting units of a refresh). The other
   * assignments of the tasks are not recomputed: their statuses stored for the day stand in for
   * them where a milestone needs its task's progress (`settled`). Ignored without taskIds.
   */
  orgIds?: string[];
  /** The day (Asia/Shanghai) the facts are taken at. */
  asOf: string;
}

interface PlanRow {
  id: string;
  year: number | null;
  cadence: PlanFacts["cadence"];
  published_at: string | null;
  rules: unknown;
}

/**
 * `AND column = ANY(values)` when values are given (an empty list matches nothing), else nothing.
 * One array parameter, so the statement's text (and its kept plan) is the same for any number of values.
 */
export const inList = (column: string, values: string[] | null | undefined) =>
  values ? sql`AND ${sql.ref(column)} = ANY(${values}::text[])` : sql``;

/**
 * A task refresh's statements (after every report) are kept prepared with one generic plan
 * (db/pg-prepared.ts): each was planned anew per report, on PGlite most of its time. A whole run's
 * are planned each time, as their scopes vary in size.
 */
const hot = (scope: FactScope) => sql.raw(scope.taskIds ? PREPARED : "");

/** The first instant of the next day in Asia/Shanghai: reports submitted before it count. */
const cutoffOf = (asOf: string) => `${addDays(asOf, 1)}T00:00:00+08:00`;

const PUBLISHED_TASK = sql`
    JOIN plan_tasks t ON t.region_id = x.region_id AND t.id = x.task_id AND t.deleted_at IS NULL
    JOIN plans p ON p.region_id = t.region_id AND p.id = t.plan_id AND p.status = 'published' AND p.deleted_at IS NULL`;

async function plans(db: Database, scope: FactScope): Promise<PlanFacts[]> {
  const { rows } = await sql<PlanRow>`${hot(scope)}
    SELECT p.id, p.year, p.cadence, p.published_at, r.rules
    FROM plans p
    LEFT JOIN supervision_rules r ON r.region_id = p.region_id AND r.plan_id = p.id AND r.deleted_at IS NULL
    WHERE p.status = 'published' AND p.deleted_at IS NULL ${inList("p.region_id", scope.regionIds)}
      ${scope.taskIds ? sql`AND p.id IN (SELECT plan_id FROM plan_tasks WHERE id = ANY(${scope.taskIds}::text[]))` : sql``}`.execute(
    db,
  );
  return rows.map((p) => ({
    id: p.id,
    year: p.year,
    cadence: p.cadence,
    publishedOn: p.published_at ? todayInShanghai(new Date(p.published_at)) : null,
    rules: resolveRules(p.rules),
  }));
}

interface AssignmentRow extends Omit<AssignmentFact, "latest"> {
  status: ReportStatus | null;
  percent: number | null;
  period: string | null;
}

/** Live assignments of published plans with each unit's latest report as of the day. */
async function assignments(db: Database, scope: FactScope): Promise<AssignmentFact[]> {
  const { rows } = await sql<AssignmentRow>`${hot(scope)}
    SELECT x.region_id, x.id, x.task_id, x.org_id, t.plan_id, l.status, l.percent, l.period
    FROM assignments x ${PUBLISHED_TASK}
    LEFT JOIN LATERAL (
      SELECT r.status, r.percent, r.period FROM progress_reports r
      WHERE r.region_id = x.region_id AND r.task_id = x.task_id AND r.org_id = x.org_id AND r.deleted_at IS NULL
        AND r.submitted_at < ${cutoffOf(scope.asOf)}::timestamptz
      ORDER BY r.period DESC, r.submitted_at DESC LIMIT 1
    ) l ON true
    WHERE x.deleted_at IS NULL ${inList("x.region_id", scope.regionIds)} ${inList("x.task_id", scope.taskIds)}
      ${inList("x.org_id", narrowed(scope))}`.execute(db);
  return rows.map(({ status, percent, period, ...a }) => ({
    ...a,
    latest: status && period ? { status, percent: percent ?? 0, period } : null,
  }));
}

async function milestones(db: Database, scope: FactScope): Promise<MilestoneFact[]> {
  const { rows } = await sql<MilestoneFact>`${hot(scope)}
    SELECT x.region_id, x.id, x.task_id, t.plan_id, x.due_date
    FROM milestones x ${PUBLISHED_TASK}
    WHERE x.deleted_at IS NULL ${inList("x.region_id", scope.regionIds)} ${inList("x.task_id", scope.taskIds)}`.execute(
    db,
  );
  return rows;
}

/** Indicators with the value of the latest report, as of the day, that carried an actual. */
async function indicators(db: Database, scope: FactScope): Promise<IndicatorFact[]> {
  const { rows } = await sql<IndicatorFact>`${hot(scope)}
    SELECT x.region_id, x.id, x.task_id, t.plan_id, x.op, x.baseline, x.target_value, x.target_min, x.target_max,
           l.value AS actual
    FROM indicators x ${PUBLISHED_TASK}
    LEFT JOIN LATERAL (
      SELECT ia.value FROM indicator_actuals ia
      JOIN progress_reports r ON r.region_id = ia.region_id AND r.id = ia.report_id AND r.deleted_at IS NULL
      WHERE ia.region_id = x.region_id AND ia.indicator_id = x.id AND ia.deleted_at IS NULL
        AND r.submitted_at < ${cutoffOf(scope.asOf)}::timestamptz
      ORDER BY r.period DESC, r.submitted_at DESC LIMIT 1
    ) l ON true
    WHERE x.deleted_at IS NULL ${inList("x.region_id", scope.regionIds)} ${inList("x.task_id", scope.taskIds)}`.execute(
    db,
  );
  // Indicators bound to a ledger metric take its value as of the day instead (ledgers/ledger-actuals.ts).
  return withLedgerActuals(db, rows, scope.asOf);
}

/** The units a scope narrows assignments to (only with tasks), or undefined for all. */
const narrowed = (scope: FactScope) => (scope.taskIds ? scope.orgIds : undefined);

interface SettledRow extends SettledAssignments {
  /** How many of them have a status stored for the day. */
  stored: number;
}

/**
 * Per task of a narrowed scope: its live assignments outside the scope's units, summed from
 * their statuses stored for the day (one row per task).
 */
async function settled(db: Database, scope: FactScope, orgIds: string[]): Promise<SettledRow[]> {
  const { rows } = await sql<SettledRow>`${hot(scope)}
    SELECT x.task_id, count(*)::int AS n, count(s.entity_id)::int AS stored,
           coalesce(sum(s.progress), 0)::float8 AS sum, coalesce(bool_and(s.status = 'done'), true) AS done
    FROM assignments x ${PUBLISHED_TASK}
    LEFT JOIN status_snapshots s ON s.region_id = x.region_id AND s.entity_kind = 'assignment'
      AND s.entity_id = x.id AND s.day = ${scope.asOf}
    WHERE x.deleted_at IS NULL ${inList("x.region_id", scope.regionIds)} ${inList("x.task_id", scope.taskIds)}
      AND NOT (x.org_id = ANY(${orgIds}::text[]))
    GROUP BY x.task_id`.execute(db);
  return rows;
}

/**
 * Everything the engine needs for the scope, as of its day. A scope narrowed to some units reads
 * the others' stored statuses of the day; if any of them has none (an assignment added since),
 * it reads every assignment of its tasks instead.
 */
export async function loadStatusFacts(db: Database, scope: FactScope): Promise<StatusFacts> {
  const orgIds = narrowed(scope);
  const [p, a, m, i, rest] = await Promise.all([
    plans(db, scope),
    assignments(db, scope),
    milestones(db, scope),
    indicators(db, scope),
    orgIds ? settled(db, scope, orgIds) : undefined,
  ]);
  if (rest?.some((r) => r.stored < r.n)) return loadStatusFacts(db, { ...scope, orgIds: undefined });
  const facts: StatusFacts = { plans: p, assignments: a, milestones: m, indicators: i };
  if (rest) facts.settled = rest.map(({ task_id, n, sum, done }) => ({ task_id, n, sum, done }));
  return facts;
}
