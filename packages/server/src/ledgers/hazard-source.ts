import type { Database } from "../db/database.js";
import { dropoutReturnSource } from "./dropout-source.js";
import type { ReturnSource } from "./return-sources.js";
import type { ReturnSchedule } from "./returns.js";
import { lockReturn, writeReturn } from "./returns.repository.js";

/**
 * The daily inspection round (日排查, ../shared/reference/campus-safety-hazards.md) as a periodic
 * return: every school, every school day, by 18:00 (weekends closed; a region changes the time and
 * lists its holidays in the ledger settings). A daily round with no hazard is the zero return; a
 * school that ran none shows as missing on the completeness view and is chased like the others.
 */
export const DEFAULT_HAZARD_ROUND_SCHEDULE: ReturnSchedule = {
  periodKind: "day",
  slots: [{ slot: "", time: "18:00", afterEnd: 0 }],
  closedWeekdays: [6, 7],
  closedDays: [],
  openDays: [],
};

/** Every school owes the daily round, as every school owes the monthly 控辍保学 return. */
export const hazardReturnSource: ReturnSource = {
  type: "campus_hazard",
  defaultSchedule: DEFAULT_HAZARD_ROUND_SCHEDULE,
  units: (db, regionId, orgIds) => dropoutReturnSource.units(db, regionId, orgIds),
};

/**
 * A daily round recorded at a school (in the round's transaction): the school's return for that day,
 * first submitted by the first round, listing every round of the day and the hazards they found.
 */
export async function recordDailyRoundReturn(
  trx: Database,
  q: {
    regionId: string;
    orgId: string;
    heldOn: string;
    roundId: string;
    hazardCount: number;
    actorId: string;
    at: string;
  },
): Promise<void> {
  const key = { regionId: q.regionId, type: "campus_hazard" as const, unitId: q.orgId, period: q.heldOn, slot: "" };
  const previous = await lockReturn(trx, key);
  const before = (previous?.payload ?? {}) as { roundIds?: string[]; hazardCount?: number };
  const hazardCount = (before.hazardCount ?? 0) + q.hazardCount;
  const payload = { roundIds: [...(before.roundIds ?? []), q.roundId], hazardCount };
  const row = { orgId: q.orgId, periodKind: "day" as const, zero: hazardCount === 0, payload };
  await writeReturn(trx, key, row, previous, q.actorId, q.at);
}
