import type { Database } from "../db/database.js";

/** SQL of the evaluation weights (migration 0003): one live row per region and year. */

export async function storedWeights(db: Database, regionId: string, year: number) {
  const row = await db
    .selectFrom("evaluation_weights")
    .select("weights")
    .where("region_id", "=", regionId)
    .where("year", "=", year)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row?.weights;
}

export const saveWeights = (db: Database, w: { regionId: string; year: number; weights: string; userId: string }) =>
  db
    .insertInto("evaluation_weights")
    .values({ region_id: w.regionId, year: w.year, weights: w.weights, updated_by: w.userId })
    .onConflict((oc) =>
      oc.columns(["region_id", "year"]).doUpdateSet({ weights: w.weights, updated_by: w.userId, deleted_at: null }),
    )
    .execute();
