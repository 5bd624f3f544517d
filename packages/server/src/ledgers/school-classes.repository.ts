import type { Database } from "../db/database.js";
import { json } from "../ids.js";

/** SQL of school classes (migration 0021): the returning units of the daily class check. */

export interface ClassRow {
  region_id: string;
  id: string;
  org_id: string;
  org_name: string;
  name: string;
  grade: string;
  head_teacher_id: string | null;
  head_teacher_name: string | null;
  enrolled: number;
  roster: string[];
  sort_order: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const classes = (db: Database, regionId: string) =>
  db
    .selectFrom("school_classes as c")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "c.region_id").onRef("o.id", "=", "c.org_id"))
    .leftJoin("users as u", (j) => j.onRef("u.region_id", "=", "c.region_id").onRef("u.id", "=", "c.head_teacher_id"))
    .selectAll("c")
    .select(["o.name as org_name", "u.display_name as head_teacher_name"])
    .where("c.region_id", "=", regionId);

/** A region's classes (removed ones too when `withRemoved`), of some schools or head teacher only. */
export async function listClasses(
  db: Database,
  q: { regionId: string; orgIds?: string[]; headTeacherId?: string; ids?: string[]; withRemoved?: boolean },
): Promise<ClassRow[]> {
  let query = classes(db, q.regionId);
  if (!q.withRemoved) query = query.where("c.deleted_at", "is", null);
  if (q.orgIds) query = query.where("c.org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  if (q.ids) query = query.where("c.id", "in", q.ids.length ? q.ids : [""]);
  if (q.headTeacherId) query = query.where("c.head_teacher_id", "=", q.headTeacherId);
  return (await query
    .orderBy("o.sort_order")
    .orderBy("c.org_id")
    .orderBy("c.sort_order")
    .orderBy("c.name")
    .execute()) as ClassRow[];
}

export async function findClass(db: Database, regionId: string, id: string): Promise<ClassRow | undefined> {
  return (await classes(db, regionId).where("c.id", "=", id).where("c.deleted_at", "is", null).executeTakeFirst()) as
    | ClassRow
    | undefined;
}

/** Whether the user heads any class (a 班主任 sees their own classes only). */
export async function headsClasses(db: Database, regionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("school_classes")
    .select("id")
    .where("region_id", "=", regionId)
    .where("head_teacher_id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertClass(
  db: Database,
  row: {
    regionId: string;
    id: string;
    orgId: string;
    name: string;
    grade: string;
    headTeacherId: string | null;
    enrolled: number;
    roster: string[];
    sortOrder: number;
    at: string;
  },
) {
  await db
    .insertInto("school_classes")
    .values({
      region_id: row.regionId,
      id: row.id,
      org_id: row.orgId,
      name: row.name,
      grade: row.grade,
      head_teacher_id: row.headTeacherId,
      enrolled: row.enrolled,
      roster: json(row.roster),
      sort_order: row.sortOrder,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

/** The class's remembered roster (names seen in its checks). */
export async function saveRoster(db: Database, regionId: string, id: string, roster: string[], at: string) {
  await db
    .updateTable("school_classes")
    .set({ roster: json(roster), updated_at: at })
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .execute();
}

/** A user of the region belonging to the organisation (a class's 班主任 must be the school's). */
export async function userOfOrg(db: Database, regionId: string, orgId: string, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("region_id", "=", regionId)
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** The region's bureau organisations (the escalation of an unreported outbreak alert goes there). */
export async function bureauOrgs(db: Database, regionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("orgs")
    .select("id")
    .where("region_id", "=", regionId)
    .where("kind", "=", "bureau")
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}
