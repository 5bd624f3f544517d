import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { assertSees, sees } from "../auth/actor.js";
import { hashPassword } from "../auth/auth.service.js";
import { scopeOf } from "../auth/login-throttle.js";
import { assertPasswordAllowed } from "../auth/password-policy.js";
import { forgetUserSessions } from "../auth/session-cache.js";
import * as throttles from "../auth/throttle.repository.js";
import type { Database } from "../db/database.js";
import type { Role } from "../db/schema.js";
import { AppError, conflict, notFound } from "../errors.js";
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
  // Regardless of case: "Admin" is taken when "admin" exists (users_username_lower_uq).
  if (await repo.usernameTaken(db, input.username)) throw conflict("USERNAME_TAKEN");
  // People choosing passwords are held to the policy; seeding and the CLI (no actor) are not.
  if (actor) assertPasswordAllowed(input.password, input.username);
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

export const listVisibleUsers = async (db: Database, actor: Actor) =>
  (await repo.listUsers(db, actor.visibleOrgIds)).map(({ deleted_at, ...u }) => ({
    ...u,
    disabled: deleted_at !== null,
  }));

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
  if (patch.password !== undefined) assertPasswordAllowed(patch.password, user.username);
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

const iso = (t: string | Date) => new Date(t).toISOString();

/** The login throttles an admin may see: the region's accounts and devices, and client addresses. */
export async function listThrottlesFor(db: Database, actor: Actor) {
  return (await throttles.listThrottles(db, actor.regionId)).map((t) => ({
    key: t.key,
    scope: scopeOf(t.key),
    // A device is shown by a short prefix of its cookie's hash, never the whole.
    subject: scopeOf(t.key) === "device" ? `${t.key.slice(7, 15)}…` : t.key.slice(t.key.indexOf(":") + 1),
    failures: t.failures,
    blockedUntil: t.blocked_until ? iso(t.blocked_until) : null,
    lastAttempt: iso(t.last_attempt),
  }));
}

/** Clears one throttle the admin can see (解除), audited under the admin's region. */
export async function clearThrottle(db: Database, actor: Actor, key: string) {
  const row = await throttles.findThrottle(db, key);
  if (!row || (row.region_id !== null && row.region_id !== actor.regionId))
    throw new AppError("THROTTLE_NOT_FOUND", 404);
  await db.transaction().execute(async (trx) => {
    await throttles.clearThrottles(trx, [key]);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "login_throttle",
      entityId: key,
      action: "clear",
      before: { failures: row.failures, blocked_until: row.blocked_until },
    });
  });
}
