import type { Insertable, Kysely } from "kysely";
import type { DB, UsersTable } from "../db/schema.js";

type Db = Kysely<DB>;

const PUBLIC_COLUMNS = ["id", "region_id", "org_id", "username", "display_name", "role", "created_at"] as const;

export async function insertUser(db: Db, row: Insertable<UsersTable>) {
  return db.insertInto("users").values(row).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  return row !== undefined;
}

export async function listUsers(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom("users")
    .select(PUBLIC_COLUMNS)
    .where("org_id", "in", orgIds)
    .where("deleted_at", "is", null)
    .orderBy("username")
    .execute();
}
