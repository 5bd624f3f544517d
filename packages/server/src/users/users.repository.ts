import { type Insertable, type Kysely, sql, type Updateable } from "kysely";
import type { DB, UsersTable } from "../db/schema.js";

type Db = Kysely<DB>;

const PUBLIC_COLUMNS = ["id", "region_id", "org_id", "username", "display_name", "role", "created_at"] as const;
/** What the admin sees of an account, disabled ones included. */
const ADMIN_COLUMNS = [...PUBLIC_COLUMNS, "deleted_at"] as const;

export async function insertUser(db: Db, row: Insertable<UsersTable>) {
  return db.insertInto("users").values(row).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where(sql`lower(username)`, "=", username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** The accounts of these orgs, disabled ones included (the admin enables them again). */
export async function listUsers(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db.selectFrom("users").select(ADMIN_COLUMNS).where("org_id", "in", orgIds).orderBy("username").execute();
}

/** Any account, disabled (soft-deleted) ones included, so that they can be enabled again. */
export async function findUserForAdmin(db: Db, id: string) {
  return db.selectFrom("users").select(ADMIN_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function updateUser(db: Db, user: { region_id: string; id: string }, set: Updateable<UsersTable>) {
  return db
    .updateTable("users")
    .set({ ...set, updated_at: new Date().toISOString() })
    .where("region_id", "=", user.region_id)
    .where("id", "=", user.id)
    .returning(ADMIN_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Signs the user out everywhere: after a password reset, a role or org change, or disabling. */
export async function endSessions(db: Db, user: { region_id: string; id: string }) {
  await db.deleteFrom("sessions").where("region_id", "=", user.region_id).where("user_id", "=", user.id).execute();
}
