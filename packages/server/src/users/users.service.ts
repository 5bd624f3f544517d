import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { assertSees, sees } from "../auth/actor.js";
import { hashPassword } from "../auth/auth.service.js";
import { forgetUserSessions } from "../auth/session-cache.js";
import type { Database } from "../db/database.js";
import type { Role } from "../db/schema.js";
import { conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { findOrg } from "../orgs/orgs.repository.js";
import { userError } from "./users.messages.js";
import * as repo from "./users.repository.js";

export interface NewUser {
  orgId: string;
  username: string;
  displayName: string;
  password: string;
  role: Role;
}

/** Creates a user in an org the actor reaches; with no actor (seeding, CLI) no reach check. */
export async function createUser(db: Database, actor: Actor | null, input: NewUser) {
  if (actor) assertSees(actor, input.orgId);
  const org = await findOrg(db, input.orgId);
  if (!org) throw notFound("ORG_NOT_FOUND");
  // Usernames are unique per region by key; login looks them up across regions, so keep them unique overall.
  if (await repo.usernameTaken(db, input.username)) throw conflict("USERNAME_TAKEN");
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await repo.insertUser(trx, {
      region_id: org.region_id,
      id: newId(),
      org_id: org.id,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: input.role,
    });
    await recordAudit(trx, {
      regionId: org.region_id,
      actorId: actor?.userId ?? null,
      entity: "user",
      entityId: user.id,
      action: "create",
      after: user,
    });
    return user;
  });
}

export const listVisibleUsers = (db: Database, actor: Actor) => repo.listUsers(db, actor.visibleOrgIds);

export interface UserPatch {
  displayName?: string;
  role?: Role;
  orgId?: string;
  password?: string;
  /** true disables (soft-deletes) the account, false enables it again. */
  disabled?: boolean;
}

/**
 * Edits an account in the admin's reach. Role, org, password or disabling end the
 * user's sessions, so the change takes effect at once. Admins cannot lock themselves out.
 */
export async function updateUser(db: Database, actor: Actor, id: string, patch: UserPatch) {
  const user = await repo.findUserForAdmin(db, id);
  if (!user || !sees(actor, user.org_id)) throw userError("USER_NOT_FOUND", 404);
  const self = id === actor.userId;
  if (
    self &&
    (patch.disabled === true ||
      (patch.role && patch.role !== user.role) ||
      (patch.orgId && patch.orgId !== user.org_id))
  )
    throw userError("USER_IS_SELF", 409);
  if (patch.orgId !== undefined && patch.orgId !== user.org_id) {
    const org = await findOrg(db, patch.orgId);
    // Keys carry the region: an account moves only within its bureau's tree.
    if (!org || !sees(actor, org.id) || org.region_id !== user.region_id) throw userError("USER_ORG_INVALID", 400);
  }
  const set = {
    ...(patch.displayName !== undefined && { display_name: patch.displayName }),
    ...(patch.role !== undefined && { role: patch.role }),
    ...(patch.orgId !== undefined && { org_id: patch.orgId }),
    ...(patch.password !== undefined && {
      password_hash: await hashPassword(patch.password),
      failed_attempts: 0,
      locked_until: null,
    }),
    ...(patch.disabled !== undefined && { deleted_at: patch.disabled ? new Date().toISOString() : null }),
  };
  const signOut =
    patch.password !== undefined ||
    patch.disabled === true ||
    (patch.role !== undefined && patch.role !== user.role) ||
    (patch.orgId !== undefined && patch.orgId !== user.org_id);
  const result = await db.transaction().execute(async (trx) => {
    const updated = await repo.updateUser(trx, user, set);
    if (signOut) await repo.endSessions(trx, user);
    const action =
      patch.disabled === true ? "disable" : patch.disabled === false && user.deleted_at ? "enable" : "update";
    await recordAudit(trx, {
      regionId: user.region_id,
      actorId: actor.userId,
      entity: "user",
      entityId: id,
      action,
      before: user,
      // Never the hash; only that the password was reset.
      after: { ...updated, ...(patch.password !== undefined && { passwordReset: true }) },
    });
    return { ...updated, disabled: updated.deleted_at !== null };
  });
  // After the commit, so no request can cache the old row again (other processes: within SESSION_CACHE_MS).
  forgetUserSessions(id);
  return result;
}
