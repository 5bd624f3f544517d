import { type Insertable, type Kysely, sql, type Updateable } from "kysely";
import type { DB, OrgKind, OrgsTable } from "../db/schema.js";

type Db = Kysely<DB>;

export async function findOrg(db: Db, id: string) {
  return db.selectFrom("orgs").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
}

export async function insertOrg(db: Db, row: Insertable<OrgsTable>) {
  return db.insertInto("orgs").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The org and all its live descendants. */
export async function subtreeIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await db
    .withRecursive("tree(id)", (qb) =>
      qb
        .selectFrom("orgs")
        .select("id")
        .where("id", "=", rootId)
        .where("deleted_at", "is", null)
        .unionAll((u) =>
          u
            .selectFrom("orgs")
            .innerJoin("tree", "tree.id", "orgs.parent_id")
            .select("orgs.id")
            .where("orgs.deleted_at", "is", null),
        ),
    )
    .selectFrom("tree")
    .select("id")
    .execute();
  return rows.map((r) => r.id);
}

/** The org's ancestors, nearest first. */
export async function ancestorIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .withRecursive("up(id, parent_id, depth)", (qb) =>
      qb
        .selectFrom("orgs")
        .select(["id", "parent_id", sql<number>`0`.as("depth")])
        .where("id", "=", orgId)
        .unionAll((u) =>
          u
            .selectFrom("orgs")
            .innerJoin("up", "up.parent_id", "orgs.id")
            .select(["orgs.id", "orgs.parent_id", sql<number>`up.depth + 1`.as("depth")]),
        ),
    )
    .selectFrom("up")
    .select(["id", "depth"])
    .where("depth", ">", 0)
    .orderBy("depth")
    .execute();
  return rows.map((r) => r.id);
}

export async function listOrgs(db: Db, ids: string[], kind?: OrgKind) {
  if (ids.length === 0) return [];
  let q = db.selectFrom("orgs").selectAll().where("id", "in", ids).where("deleted_at", "is", null);
  if (kind) q = q.where("kind", "=", kind);
  return q.orderBy("kind").orderBy("sort_order").orderBy("name").execute();
}

export async function listAliases(db: Db, regionId: string) {
  return db
    .selectFrom("org_aliases")
    .select(["id", "org_id", "alias"])
    .where("region_id", "=", regionId)
    .where("deleted_at", "is", null)
    .execute();
}

export async function insertAlias(db: Db, row: { region_id: string; id: string; org_id: string; alias: string }) {
  return db.insertInto("org_aliases").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function aliasExists(db: Db, regionId: string, alias: string): Promise<boolean> {
  const row = await db
    .selectFrom("org_aliases")
    .select("id")
    .where("region_id", "=", regionId)
    .where("alias", "=", alias)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateOrg(db: Db, org: { region_id: string; id: string }, set: Updateable<OrgsTable>) {
  return db
    .updateTable("orgs")
    .set({ ...set, updated_at: new Date().toISOString() })
    .where("region_id", "=", org.region_id)
    .where("id", "=", org.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Live child orgs and live users of an org: what keeps it from being deactivated. */
export async function membersOf(db: Db, org: { id: string }) {
  const children = await db
    .selectFrom("orgs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("parent_id", "=", org.id)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", org.id)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return { children: Number(children.n), users: Number(users.n) };
}

export async function findAlias(db: Db, id: string) {
  return db
    .selectFrom("org_aliases")
    .selectAll()
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function retireAlias(db: Db, alias: { region_id: string; id: string }) {
  return db
    .updateTable("org_aliases")
    .set({ deleted_at: new Date().toISOString() })
    .where("region_id", "=", alias.region_id)
    .where("id", "=", alias.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every region that holds an organisation. */
export async function allRegionIds(db: Db): Promise<string[]> {
  return (await db.selectFrom("orgs").select("region_id").distinct().execute()).map((r) => r.region_id);
}

/** Whether any organisation lies in a region outside the given ones. */
export async function anyRegionOutside(db: Db, regionIds: string[]): Promise<boolean> {
  const rows = await db
    .selectFrom("orgs")
    .select("region_id")
    .where("region_id", "not in", regionIds)
    .limit(1)
    .execute();
  return rows.length > 0;
}
