import { sql } from "kysely";
import type { Database } from "../db/database.js";
import type { HazardDayRow, HazardGroupRow } from "./hazard-summary.js";

/** SQL of the bureau's views of the hazard ledger: one grouped scan of the hazards found in a period. */

const TYPE = "campus_hazard";

const orgFilter = (orgIds: string[] | undefined) =>
  orgIds ? sql`AND org_id IN (${sql.join(orgIds.length ? orgIds : [""])})` : sql``;

/**
 * Hazards found from `from` to `to` (inclusive), grouped three ways in one scan (GROUPING SETS): by
 * school, category, grade and state (with how many are overdue on `today`), by the day found and by
 * the day written off. Dates stay text (no per-row date arithmetic); weeks are made of days in code.
 */
export async function hazardGroups(
  db: Database,
  q: { regionId: string; from: string; to: string; today: string; orgIds?: string[] },
): Promise<{ groups: HazardGroupRow[]; days: HazardDayRow[] }> {
  const { rows } = await sql<HazardGroupRow & { found_on: string | null; closed_on: string | null; set: number }>`
    SELECT org_id, fields ->> 'category' AS category, fields ->> 'grade' AS grade, state,
           fields ->> 'foundOn' AS found_on, fields ->> 'closedOn' AS closed_on,
           GROUPING(fields ->> 'foundOn', fields ->> 'closedOn')::int AS set,
           count(*)::int AS n,
           (count(*) FILTER (WHERE state = 'rectifying' AND fields ->> 'deadline' < ${q.today}))::int AS overdue
      FROM ledger_records
     WHERE region_id = ${q.regionId} AND type = ${TYPE}
       AND fields ->> 'foundOn' BETWEEN ${q.from} AND ${q.to} ${orgFilter(q.orgIds)}
     GROUP BY GROUPING SETS ((org_id, fields ->> 'category', fields ->> 'grade', state),
                             (fields ->> 'foundOn'), (fields ->> 'closedOn'))`.execute(db);
  return {
    groups: rows.filter((r) => r.set === 3),
    days: rows.flatMap((r): HazardDayRow[] => {
      if (r.set === 1 && r.found_on) return [{ day: r.found_on, found: r.n, closed: 0 }];
      if (r.set === 2 && r.closed_on) return [{ day: r.closed_on, found: 0, closed: r.n }];
      return [];
    }),
  };
}

/** Open hazards with an assessed risk level (the risk register), the gravest and oldest first. */
export async function openRisks(db: Database, q: { regionId: string; orgIds?: string[]; limit: number }) {
  const { rows } = await sql<{
    id: string;
    org_id: string;
    org_name: string;
    state: string;
    fields: Record<string, string>;
  }>`
    SELECT r.id, r.org_id, o.name AS org_name, r.state, r.fields
      FROM ledger_records r JOIN orgs o ON o.region_id = r.region_id AND o.id = r.org_id
     WHERE r.region_id = ${q.regionId} AND r.type = ${TYPE} AND r.state IN ('found', 'rectifying', 'reviewing')
       AND r.fields ->> 'riskLevel' IS NOT NULL ${orgFilter(q.orgIds)}
     ORDER BY array_position(ARRAY['major', 'high', 'moderate', 'low'], r.fields ->> 'riskLevel'),
              r.fields ->> 'foundOn', r.id
     LIMIT ${q.limit}`.execute(db);
  return rows;
}

/** Counts of open hazards per risk level. */
export async function openRiskLevels(db: Database, q: { regionId: string; orgIds?: string[] }) {
  const { rows } = await sql<{ risk_level: string; n: number }>`
    SELECT fields ->> 'riskLevel' AS risk_level, count(*)::int AS n
      FROM ledger_records
     WHERE region_id = ${q.regionId} AND type = ${TYPE} AND state IN ('found', 'rectifying', 'reviewing')
       AND fields ->> 'riskLevel' IS NOT NULL ${orgFilter(q.orgIds)}
     GROUP BY 1`.execute(db);
  return rows;
}

/** The schools of a region (or those of `orgIds`), by name. */
export async function schoolsOf(db: Database, regionId: string, orgIds?: string[]) {
  let q = db
    .selectFrom("orgs")
    .select(["id", "name"])
    .where("region_id", "=", regionId)
    .where("kind", "=", "school")
    .where("deleted_at", "is", null);
  if (orgIds) q = q.where("id", "in", orgIds.length ? orgIds : [""]);
  return q.orderBy("sort_order").orderBy("name").execute();
}
