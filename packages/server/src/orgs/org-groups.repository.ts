import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

type Db = Kysely<DB>;

/** A region's live groups with their live members' ids, by name. */
export async function groupsOfRegion(db: Db, regionId: string) {
  const rows = await db
    .selectFrom("org_groups as g")
    .leftJoin("org_group_members as m", (j) =>
      j.onRef("m.region_id", "=", "g.region_id").onRef("m.group_id", "=", "g.id").on("m.deleted_at", "is", null),
    )
    .select(["g.id", "g.name", "m.org_id"])
    .where("g.region_id", "=", regionId)
    .where("g.deleted_at", "is", null)
    .orderBy("g.name")
    .execute();
  const groups = new Map<string, { id: string; name: string; orgIds: string[] }>();
  for (const r of rows) {
    const g = groups.get(r.id) ?? { id: r.id, name: r.name, orgIds: [] };
    if (r.org_id) g.orgIds.push(r.org_id);
    groups.set(r.id, g);
  }
  return [...groups.values()];
}

export async function findGroup(db: Db, regionId: string, id: string) {
  return db
    .selectFrom("org_groups")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function groupByName(db: Db, regionId: string, name: string) {
  return db
    .selectFrom("org_groups")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("name", "=", name)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function upsertGroup(db: Db, row: { region_id: string; id: string; name: string }) {
  return db
    .insertInto("org_groups")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["region_id", "id"]).doUpdateSet({ name: row.name, updated_at: new Date().toISOString() }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Members become exactly `orgIds`: others retired, these (re)activated. */
export async function setMembers(db: Db, regionId: string, groupId: string, orgIds: string[]) {
  const now = new Date().toISOString();
  let retire = db
    .updateTable("org_group_members")
    .set({ deleted_at: now })
    .where("region_id", "=", regionId)
    .where("group_id", "=", groupId)
    .where("deleted_at", "is", null);
  if (orgIds.length > 0) retire = retire.where("org_id", "not in", orgIds);
  await retire.execute();
  if (orgIds.length === 0) return;
  await db
    .insertInto("org_group_members")
    .values(orgIds.map((org_id) => ({ region_id: regionId, group_id: groupId, org_id })))
    .onConflict((oc) => oc.columns(["region_id", "group_id", "org_id"]).doUpdateSet({ deleted_at: null }))
    .execute();
}

export async function retireGroup(db: Db, regionId: string, id: string) {
  await db
    .updateTable("org_groups")
    .set({ deleted_at: new Date().toISOString() })
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .execute();
}
