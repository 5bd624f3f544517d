import { sql } from "kysely";
import type { Database } from "../db/database.js";
import type { HazardFactRow } from "./hazard-facts.js";

/** SQL of the bureau's views of the hazard ledger. */

const TYPE = "campus_hazard";

const orgFilter = (orgIds: string[] | undefined) =>
  orgIds ? sql`AND org_id IN (${sql.join(orgIds.length ? orgIds : [""])})` : sql``;

/** The token that changes whenever a region's hazards change (migration 0024); null: none ever written. */
export async function hazardVersion(db: Database, regionId: string): Promise<string | null> {
  const { rows } = await sql<{ version: string }>`
    SELECT version FROM ledger_versions WHERE region_id = ${regionId} AND type = ${TYPE}`.execute(db);
  return rows[0]?.version ?? null;
}

/** Every hazard of a region, with the fields the summary counts by (hazard-facts.ts). */
export async function hazardFactRows(db: Database, regionId: string): Promise<HazardFactRow[]> {
  const { rows } = await sql<HazardFactRow>`
    SELECT org_id, state, fields ->> 'category' AS category, fields ->> 'grade' AS grade,
           fields ->> 'foundOn' AS found_on, fields ->> 'closedOn' AS closed_on, fields ->> 'deadline' AS deadline
      FROM ledger_records
     WHERE region_id = ${regionId} AND type = ${TYPE}
     ORDER BY fields ->> 'foundOn'`.execute(db);
  return rows;
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
