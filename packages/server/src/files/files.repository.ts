import type { Insertable, Kysely } from "kysely";
import type { Actor } from "../auth/actor.js";
import type { DB, FilesTable } from "../db/schema.js";

type Db = Kysely<DB>;

export async function insertFile(db: Db, row: Insertable<FilesTable>) {
  return db.insertInto("files").values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Files the actor may read: uploaded by an org in their subtree, or held in a region
 * whose bureau is in their subtree (bureau staff read their schools' evidence).
 */
export async function findVisibleFiles(db: Db, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const reach = actor.visibleOrgIds;
  return db
    .selectFrom("files")
    .selectAll()
    .where("id", "in", ids)
    .where("deleted_at", "is", null)
    .where((eb) => eb.or([eb("org_id", "in", reach), eb("region_id", "in", reach)]))
    .execute();
}

/** A stored file by id within its region, for documents the caller has already checked access to. */
export const fileRow = (db: Db, regionId: string, id: string) =>
  db.selectFrom("files").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
