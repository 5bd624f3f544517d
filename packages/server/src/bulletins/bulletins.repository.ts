import type { Insertable } from "kysely";
import type { Database } from "../db/database.js";
import type { BulletinsTable } from "../supervision/schema.js";

/** SQL of the stored bulletins (migration 0003): one live bulletin per region and period. */

/** Marks the period's live bulletins replaced; answers their ids. */
export const retireBulletins = (db: Database, regionId: string, period: string, at: string) =>
  db
    .updateTable("bulletins")
    .set({ deleted_at: at })
    .where("region_id", "=", regionId)
    .where("period", "=", period)
    .where("deleted_at", "is", null)
    .returning("id")
    .execute();

export const insertBulletin = (db: Database, row: Insertable<BulletinsTable>) =>
  db.insertInto("bulletins").values(row).returningAll().executeTakeFirstOrThrow();

/** The live bulletins of the given regions, newest period first. */
export const bulletinsOf = (db: Database, regionIds: string[]) =>
  db
    .selectFrom("bulletins")
    .selectAll()
    .where("region_id", "in", regionIds)
    .where("deleted_at", "is", null)
    .orderBy("period", "desc")
    .execute();

export const bulletinById = (db: Database, id: string) =>
  db.selectFrom("bulletins").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
