import { sql } from "kysely";
import type { Database } from "../db/database.js";
import type { OutbreakHit, OutbreakRule, RuleOverride } from "./outbreak-rules.js";

/**
 * SQL of outbreak rules' regional overrides and of the alerts they opened (migration 0026): both
 * append-only. An alert keeps the rule's version and values it was opened under.
 */

export async function listOverrides(
  db: Database,
  regionId: string,
): Promise<(RuleOverride & { createdAt: string; createdBy: string; note: string })[]> {
  const rows = await sql<{
    rule_id: string;
    version: number;
    reset: boolean;
    window_days: number;
    threshold: number;
    due_hours: number;
    note: string;
    created_by: string;
    created_at: string;
  }>`SELECT * FROM outbreak_rule_overrides WHERE region_id = ${regionId} ORDER BY rule_id, version`.execute(db);
  return rows.rows.map((r) => ({
    ruleId: r.rule_id,
    version: r.version,
    reset: r.reset,
    windowDays: r.window_days,
    threshold: r.threshold,
    dueHours: r.due_hours,
    note: r.note,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A new version of a region's override of a rule (the next number); returns it. */
export async function insertOverride(
  db: Database,
  row: Omit<RuleOverride, "version"> & { regionId: string; note: string; actorId: string; at: string },
): Promise<number> {
  const result = await sql<{ version: number }>`
    INSERT INTO outbreak_rule_overrides (region_id, rule_id, version, reset, window_days, threshold, due_hours, note,
                                         created_by, created_at)
    SELECT ${row.regionId}, ${row.ruleId}, COALESCE(max(version), 0) + 1, ${row.reset}, ${row.windowDays},
           ${row.threshold}, ${row.dueHours}, ${row.note}, ${row.actorId}, ${row.at}::timestamptz
      FROM outbreak_rule_overrides WHERE region_id = ${row.regionId} AND rule_id = ${row.ruleId}
    RETURNING version`.execute(db);
  return result.rows[0]!.version;
}

/** Stores newly opened alerts, each with its rule's values; an alert stored already stays as it was. */
export async function insertAlerts(
  db: Database,
  regionId: string,
  hits: readonly { hit: OutbreakHit; rule: OutbreakRule }[],
  openedAt: string,
): Promise<number> {
  if (hits.length === 0) return 0;
  const values = hits.map(
    ({ hit: h, rule: r }) =>
      sql`(${regionId}, ${h.id}, ${h.ruleId}, ${h.version}, ${h.label}, ${h.scope}, ${h.unitId}, ${h.orgId},
           ${r.windowDays}, ${r.threshold}, ${h.windowFrom}::date, ${h.windowTo}::date, ${h.count},
           ${h.detectedAt}::timestamptz, ${h.dueAt}::timestamptz, ${openedAt}::timestamptz)`,
  );
  const result = await sql`
    INSERT INTO outbreak_alerts (region_id, id, rule_id, version, label, scope, unit_id, org_id, window_days, threshold,
                                 window_from, window_to, count, detected_at, due_at, opened_at)
    VALUES ${sql.join(values)}
    ON CONFLICT DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface StoredAlert extends OutbreakHit {
  windowDays: number;
  threshold: number;
}

/** A region's alerts (of some schools) whose window ends within [from, to]. */
export async function listAlerts(
  db: Database,
  q: { regionId: string; orgIds?: string[]; from: string; to: string },
): Promise<StoredAlert[]> {
  const orgs = q.orgIds ? sql`AND org_id = ANY(${sql.val(q.orgIds.length ? q.orgIds : [""])}::text[])` : sql``;
  const rows = await sql<Record<string, string | number>>`
    SELECT id, rule_id, version, label, scope, unit_id, org_id, window_days, threshold,
           to_char(window_from, 'YYYY-MM-DD') AS window_from, to_char(window_to, 'YYYY-MM-DD') AS window_to,
           count, detected_at, due_at
      FROM outbreak_alerts
     WHERE region_id = ${q.regionId} AND window_to BETWEEN ${q.from}::date AND ${q.to}::date ${orgs}
     ORDER BY detected_at DESC, id`.execute(db);
  return rows.rows.map((r) => ({
    id: String(r.id),
    ruleId: String(r.rule_id),
    version: String(r.version),
    label: String(r.label),
    scope: r.scope as "class" | "school",
    unitId: String(r.unit_id),
    orgId: String(r.org_id),
    windowDays: Number(r.window_days),
    threshold: Number(r.threshold),
    windowFrom: String(r.window_from),
    windowTo: String(r.window_to),
    count: Number(r.count),
    detectedAt: new Date(r.detected_at as string).toISOString(),
    dueAt: new Date(r.due_at as string).toISOString(),
  }));
}
