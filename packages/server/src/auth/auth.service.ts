import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { recordAudit } from "../audit/audit.repository.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { ancestorIds, subtreeIds } from "../orgs/orgs.repository.js";
import type { Actor } from "./actor.js";
import * as repo from "./auth.repository.js";
import { cachedSession, forgetSession } from "./session-cache.js";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const SESSION_MS = 12 * 60 * 60 * 1000;

export const hashPassword = (password: string) => hash(password);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
}

export async function login(db: Database, username: string, password: string, now = new Date()): Promise<LoginResult> {
  const user = await repo.findUserByUsername(db, username);
  if (!user) {
    dummyHash ??= hash("luoshi-dummy-password");
    await verify(await dummyHash, password).catch(() => false);
    throw new AppError("INVALID_CREDENTIALS", 401);
  }
  if (user.locked_until && new Date(user.locked_until) > now) throw new AppError("ACCOUNT_LOCKED", 423);
  const ok = await verify(user.password_hash, password).catch(() => false);
  if (!ok) {
    const failed = user.failed_attempts + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.transaction().execute(async (trx) => {
      const state = {
        failed_attempts: lock ? 0 : failed,
        locked_until: lock ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null,
      };
      await repo.setLoginState(trx, user, state);
      if (lock) {
        await recordAudit(trx, {
          regionId: user.region_id,
          actorId: null,
          entity: "user",
          entityId: user.id,
          action: "lock",
          after: state,
        });
      }
    });
    throw new AppError(lock ? "ACCOUNT_LOCKED" : "INVALID_CREDENTIALS", lock ? 423 : 401);
  }
  if (user.failed_attempts !== 0 || user.locked_until) {
    await repo.setLoginState(db, user, { failed_attempts: 0, locked_until: null });
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await repo.insertSession(db, {
    region_id: user.region_id,
    token_hash: sha256(token),
    user_id: user.id,
    csrf_token: csrfToken,
    expires_at: new Date(now.getTime() + SESSION_MS).toISOString(),
  });
  return { token, csrfToken, actor: await actorFor(db, user) };
}

export async function actorFor(
  db: Database,
  user: { id: string; username: string; display_name: string; role: Actor["role"]; region_id: string; org_id: string },
): Promise<Actor> {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    regionId: user.region_id,
    orgId: user.org_id,
    visibleOrgIds: await subtreeIds(db, user.org_id),
    ancestorOrgIds: await ancestorIds(db, user.org_id),
  };
}

/**
 * Resolves a session cookie to its actor and CSRF token, or undefined when it is unknown or
 * expired: one query, then reused in process for SESSION_CACHE_MS (see session-cache.ts).
 */
export async function authenticate(
  db: Database,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | undefined> {
  const tokenHash = sha256(token);
  return cachedSession(db, tokenHash, async () => {
    const row = await repo.findSessionActor(db, tokenHash);
    if (!row) return undefined;
    return {
      expiresAt: new Date(row.expires_at).getTime(),
      session: {
        csrfToken: row.csrf_token,
        actor: {
          userId: row.user_id,
          username: row.username,
          displayName: row.display_name,
          role: row.role,
          regionId: row.region_id,
          orgId: row.org_id,
          visibleOrgIds: row.visible_org_ids,
          ancestorOrgIds: row.ancestor_org_ids,
        },
      },
    };
  });
}

export async function logout(db: Database, token: string): Promise<void> {
  const tokenHash = sha256(token);
  await repo.deleteSession(db, tokenHash);
  forgetSession(tokenHash);
}
