import type { Database } from "../db/database.js";
import { addDays } from "../status/calendar.js";
import type { HazardAsOf } from "./hazard-metrics.js";
import { recordsAsOf } from "./ledgers.repository.js";

/** The hazards of a region (or some schools) as they stood at the end of a day (Asia/Shanghai). */
export async function hazardsAsOf(
  db: Database,
  regionId: string,
  asOf: string,
  orgIds?: string[],
): Promise<HazardAsOf[]> {
  const rows = await recordsAsOf(db, {
    regionId,
    type: "campus_hazard",
    cutoff: `${addDays(asOf, 1)}T00:00:00+08:00`,
    fields: ["foundOn", "grade"],
    ...(orgIds ? { orgIds } : {}),
  });
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    foundOn: r.fields.foundOn ?? null,
    grade: r.fields.grade ?? null,
  }));
}
