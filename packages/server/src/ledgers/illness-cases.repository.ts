import type { Database } from "../db/database.js";

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
