import type { Database } from "../db/database.js";
import { endOfDay, type RecordsAsOf, startOfDay } from "./as-of.js";
import * as repo from "./records.repository.js";

/**
 * The records of a region's plans in force for `year` as they stood at the end of `asOf`
 * (Asia/Shanghai), with the notices issued from `from` on.
 */
export async function recordsAsOf(
  db: Database,
  input: { regionId: string; year: number; asOf: string; from: string },
): Promise<RecordsAsOf> {
  const { regionId, year, asOf } = input;
  const cutoff = endOfDay(asOf);
  const plans = await repo.plansInForce(db, regionId, year, cutoff);
  const ids = plans.map((p) => p.id);
  const [assignments, milestones, reports, indicators, notices] = await Promise.all([
    repo.assignmentsAt(db, regionId, ids, cutoff),
    repo.milestonesAt(db, regionId, ids, cutoff),
    repo.reportsAt(db, regionId, ids, cutoff),
    repo.indicatorsAt(db, regionId, ids, cutoff),
    repo.noticesAt(db, regionId, startOfDay(input.from), cutoff),
  ]);
  return { asOf, year, plans, assignments, milestones, reports, indicators, notices };
}
