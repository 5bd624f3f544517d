import { type ExpressionBuilder, type Insertable, type Kysely, sql } from "kysely";
import type { Actor } from "../auth/actor.js";
import type { DB, FilesTable } from "../db/schema.js";
import { readableOrgIds } from "../ledgers/ledger-access.js";

type Db = Kysely<DB>;

export async function insertFile(db: Db, row: Insertable<FilesTable>) {
  return db.insertInto("files").values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * The file is evidence of a ledger record the actor may read (ledger-access.ts: the owning school,
 * the region's departments, supervisors and leaders over their subtree): the re-inspector sees the
 * school's after-photo. No wider than the record itself.
 */
function attachedToReadableRecord(eb: ExpressionBuilder<DB, "files">, actor: Actor) {
  const orgIds = readableOrgIds(actor);
  let records = eb
    .selectFrom("ledger_records as lr")
    .select(sql<number>`1`.as("one"))
    .where("lr.region_id", "=", actor.regionId)
    .whereRef("lr.region_id", "=", "files.region_id")
    .where(sql<boolean>`lr.file_ids @> jsonb_build_array(files.id)`);
  if (orgIds) records = records.where("lr.org_id", "in", orgIds.length ? orgIds : [""]);
  return eb.exists(records);
}

/**
 * Files the actor may read: uploaded by an org in their subtree, held in a region whose bureau is
 * in their subtree (bureau staff read their schools' evidence), or evidence of a ledger record the
 * actor may read.
 */
export async function findVisibleFiles(db: Db, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const reach = actor.visibleOrgIds;
  return db
    .selectFrom("files")
    .selectAll()
    .where("id", "in", ids)
    .where("deleted_at", "is", null)
    .where((eb) =>
      eb.or([eb("org_id", "in", reach), eb("region_id", "in", reach), attachedToReadableRecord(eb, actor)]),
    )
    .execute();
}

/** A stored file by id within its region, for documents the caller has already checked access to. */
export const fileRow = (db: Db, regionId: string, id: string) =>
  db.selectFrom("files").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
