import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { recordAudit } from "../audit/audit.repository.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { ancestorIds, subtreeIds } from "../orgs/orgs.repository.js";
import type { Actor } from "./actor.js";
import * as repo from "./auth.repository.js";
import { ClientTurns } from "./client-turns.js";
import { THROTTLE_RULES, type ThrottleScope, throttleKey } from "./login-throttle.js";
import { assertPasswordAllowed } from "./password-policy.js";
import { cachedSession, forgetSession, forgetUserSessions } from "./session-cache.js";
import * as throttles from "./throttle.repository.js";

export const SESSION_MS = 12 * 60 * 60 * 1000;
/** A remembered browser (the device cookie) stays known for a year after its last sign-in. */
export const DEVICE_MS = 365 * 24 * 60 * 60 * 1000;

export const hashPassword = (password: string) => hash(password);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  csrfToken: string;
  /** The device cookie to set: the browser is remembered for the user. */
  deviceToken: string;
  actor: Actor;
}

export interface LoginClient {
  /** The client address as Fastify sees it (trustProxy decides whether X-Forwarded-For counts). */
  ip: string;
  /** The device cookie the browser sent, if any. */
  deviceToken?: string | undefined;
}

/** Sign-ins from a browser not yet known take turns per client address (client-turns.ts). */
const clientTurns = new ClientTurns();

/** 429 with the wait in seconds (the route sends it as Retry-After). */
export const throttled = (seconds: number) =>
  new AppError("LOGIN_THROTTLED", 429, { retryAfter: seconds }, `登录尝试过于频繁，请${seconds}秒后再试`);

/**
 * Signs in. Known and unknown usernames take the same path (throttle claims, one password hash
 * check, the same 401 or 429), so neither the answer nor its timing tells them apart. Usernames
 * match regardless of case. Attempts from a browser the user signed in from before are counted
 * under its own key; the others are counted under the account and the address, taking turns by
 * address.
 */
export async function login(
  db: Database,
  username: string,
  password: string,
  client: LoginClient,
  now = new Date(),
): Promise<LoginResult> {
  const name = username.toLowerCase();
  const user = await repo.findUserByUsername(db, name);
  const deviceHash = client.deviceToken ? sha256(client.deviceToken) : undefined;
  const device = deviceHash ? await throttles.findDevice(db, deviceHash) : undefined;
  const trusted = !!user && !!device && device.user_id === user.id && device.region_id === user.region_id;
  const scopes: [ThrottleScope, string][] = trusted
    ? [["device", deviceHash!]]
    : [
        ["client", client.ip],
        ["account", name],
      ];
  const check = () => checkPassword(db, user, password, scopes, now);
  const known = trusted ? await check() : await clientTurns.run(client.ip, check);
  const deviceToken = trusted ? client.deviceToken! : randomBytes(32).toString("base64url");
  await throttles.rememberDevice(
    db,
    { token_hash: sha256(deviceToken), region_id: known.region_id, user_id: known.id },
    now,
  );
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await repo.insertSession(db, {
    region_id: known.region_id,
    token_hash: sha256(token),
    user_id: known.id,
    csrf_token: csrfToken,
    expires_at: new Date(now.getTime() + SESSION_MS).toISOString(),
  });
  return { token, csrfToken, deviceToken, actor: await actorFor(db, known) };
}

/**
 * Counts the attempt under each key (atomically, before the check), checks the password against the
 * user's hash or a dummy one, and on success clears the keys. Throws 429 or 401 otherwise.
 */
async function checkPassword<U extends { region_id: string; password_hash: string }>(
  db: Database,
  user: U | undefined,
  password: string,
  scopes: [ThrottleScope, string][],
  now: Date,
): Promise<U> {
  const attempt = randomBytes(12).toString("base64url");
  const keys: string[] = [];
  for (const [scope, value] of scopes) {
    const key = throttleKey(scope, value);
    const claim = await throttles.claimAttempt(
      db,
      key,
      scope === "client" ? null : (user?.region_id ?? null),
      THROTTLE_RULES[scope],
      attempt,
      now,
    );
    if (!claim.allowed)
      throw throttled(Math.max(1, Math.ceil(((claim.blockedUntil?.getTime() ?? 0) - now.getTime()) / 1000)));
    keys.push(key);
  }
  dummyHash ??= hash("luoshi-dummy-password");
  const ok = await verify(user?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!user || !ok) throw new AppError("INVALID_CREDENTIALS", 401);
  await throttles.clearThrottles(db, keys);
  return user;
}

/**
 * Self-service password change: the current password is required, the new one must pass the
 * policy, and every other session of the user ends. Wrong current passwords count against the
 * account's throttle like failed sign-ins.
 */
export async function changePassword(
  db: Database,
  actor: Actor,
  sessionToken: string,
  current: string,
  next: string,
  now = new Date(),
): Promise<void> {
  const user = await repo.findUser(db, actor.userId);
  if (!user) throw new AppError("UNAUTHENTICATED", 401);
  const key = throttleKey("account", user.username.toLowerCase());
  const claim = await throttles.claimAttempt(
    db,
    key,
    user.region_id,
    THROTTLE_RULES.account,
    randomBytes(12).toString("base64url"),
    now,
  );
  if (!claim.allowed)
    throw throttled(Math.max(1, Math.ceil(((claim.blockedUntil?.getTime() ?? 0) - now.getTime()) / 1000)));
  if (!(await verify(user.password_hash, current).catch(() => false)))
    throw new AppError("CURRENT_PASSWORD_WRONG", 400);
  assertPasswordAllowed(next, user.username);
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, user, passwordHash);
    await repo.endOtherSessions(trx, user, sha256(sessionToken));
    await recordAudit(trx, {
      regionId: user.region_id,
      actorId: user.id,
      entity: "user",
      entityId: user.id,
      action: "password_change",
      after: { passwordChanged: true, otherSessionsEnded: true },
    });
  });
  await throttles.clearThrottles(db, [key]);
  forgetUserSessions(user.id);
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
