import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

type Db = Kysely<DB>;

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", username)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function findUser(db: Db, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
}

export async function setLoginState(
  db: Db,
  user: { region_id: string; id: string },
  state: { failed_attempts: number; locked_until: string | null },
) {
  await db.updateTable("users").set(state).where("region_id", "=", user.region_id).where("id", "=", user.id).execute();
}

export async function insertSession(
  db: Db,
  row: { region_id: string; token_hash: string; user_id: string; csrf_token: string; expires_at: string },
) {
  await db.insertInto("sessions").values(row).execute();
}

export async function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("expires_at", ">", new Date().toISOString())
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}
