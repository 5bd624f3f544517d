import { type Kysely, sql } from "kysely";
import type { DB, Role } from "../db/schema.js";

type Db = Kysely<DB>;

/** Usernames are unique regardless of case (users_username_lower_uq): any case signs in. */
export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where(sql`lower(username)`, "=", username.toLowerCase())
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function findUser(db: Db, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
}

export async function setPasswordHash(db: Db, user: { region_id: string; id: string }, passwordHash: string) {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
    .where("region_id", "=", user.region_id)
    .where("id", "=", user.id)
    .execute();
}

/** Ends every session of the user but the one given (the one changing the password). */
export async function endOtherSessions(db: Db, user: { region_id: string; id: string }, keepTokenHash: string) {
  await db
    .deleteFrom("sessions")
    .where("region_id", "=", user.region_id)
    .where("user_id", "=", user.id)
    .where("token_hash", "!=", keepTokenHash)
    .execute();
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

export interface SessionActorRow {
  csrf_token: string;
  expires_at: string | Date;
  user_id: string;
  username: string;
  display_name: string;
  role: Role;
  region_id: string;
  org_id: string;
  visible_org_ids: string[];
  ancestor_org_ids: string[];
}

/**
 * A live session with its live user, the user's org subtree and the org's ancestors
 * (nearest first), in one round trip: sessions_token_idx, users_id_idx, orgs_parent_idx, orgs_id_idx.
 */
export async function findSessionActor(db: Db, tokenHash: string, now = new Date()) {
  const { rows } = await sql<SessionActorRow>`
    WITH RECURSIVE s AS (
      SELECT se.csrf_token, se.expires_at, u.id AS user_id, u.username, u.display_name, u.role, u.region_id, u.org_id
      FROM sessions se
      JOIN users u ON u.id = se.user_id AND u.deleted_at IS NULL
      WHERE se.token_hash = ${tokenHash} AND se.expires_at > ${now.toISOString()}
      LIMIT 1
    ),
    down(id) AS (
      SELECT o.id FROM orgs o JOIN s ON o.id = s.org_id WHERE o.deleted_at IS NULL
      UNION ALL
      SELECT o.id FROM orgs o JOIN down ON o.parent_id = down.id WHERE o.deleted_at IS NULL
    ),
    up(id, parent_id, depth) AS (
      SELECT o.id, o.parent_id, 0 FROM orgs o JOIN s ON o.id = s.org_id
      UNION ALL
      SELECT o.id, o.parent_id, up.depth + 1 FROM orgs o JOIN up ON o.id = up.parent_id
    )
    SELECT s.*,
      COALESCE((SELECT array_agg(down.id::text) FROM down), ARRAY[]::text[]) AS visible_org_ids,
      COALESCE((SELECT array_agg(up.id::text ORDER BY up.depth) FROM up WHERE up.depth > 0), ARRAY[]::text[]) AS ancestor_org_ids
    FROM s`.execute(db);
  return rows[0];
}
