import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { rowsOfOrgs, type TrendScope } from "./health-day.repository.js";

/** SQL of illness-absence cases beyond the generic ledger queries: counts per school and state. */
export async function illnessCaseCounts(db: Database, regionId: string, orgIds?: string[]) {
  let q = db
    .selectFrom("ledger_records as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "r.region_id").onRef("o.id", "=", "r.org_id"))
    .select(["r.org_id", "o.name as org_name", "r.state"])
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("r.region_id", "=", regionId)
    .where("r.type", "=", "illness_case");
  if (orgIds) q = q.where("r.org_id", "in", orgIds.length ? orgIds : [""]);
  return q.groupBy(["r.org_id", "o.name", "r.state"]).orderBy("o.name").execute();
}

/**
 * Illness-absence cases by onset day, school and diagnosis over [from, to] (cases by disease over
 * time): the diagnosis as now recorded, none yet counted as 'undiagnosed'. Counts only.
 */
export async function illnessByDiagnosis(
  db: Database,
  q: TrendScope,
): Promise<{ period: string; orgId: string; diagnosis: string; n: number }[]> {
  const rows = await sql<{ period: string; org_id: string; diagnosis: string; n: number }>`
    SELECT r.fields->>'onsetOn' AS period, r.org_id,
           COALESCE(NULLIF(r.fields->>'diagnosis', ''), 'undiagnosed') AS diagnosis, count(*)::int AS n
      FROM ledger_records r
     WHERE r.region_id = ${q.regionId} AND r.type = 'illness_case'
       AND r.fields->>'onsetOn' BETWEEN ${q.from} AND ${q.to} ${rowsOfOrgs(q.orgIds)}
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({ period: r.period, orgId: r.org_id, diagnosis: r.diagnosis, n: r.n }));
}
