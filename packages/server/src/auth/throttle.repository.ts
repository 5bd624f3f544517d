import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";
import { THROTTLE_FORGET_MS, type ThrottleRule } from "./login-throttle.js";

type Db = Kysely<DB>;

export interface Claim {
  allowed: boolean;
  failures: number;
  blockedUntil: Date | null;
}

/**
 * Counts one attempt under a key in one statement (the row lock of INSERT … ON CONFLICT DO UPDATE
 * serializes parallel attempts): while the key waits out its backoff the attempt is refused and
 * not counted; otherwise the count goes up and, past the rule's threshold, the next backoff starts
 * (login-throttle.ts backoffSeconds, in SQL).
 * `attempt` is a random id: the row carries it only when this very attempt was let through.
 */
export async function claimAttempt(
  db: Db,
  key: string,
  regionId: string | null,
  rule: ThrottleRule,
  attempt: string,
  now: Date,
): Promise<Claim> {
  const at = now.toISOString();
  const forget = new Date(now.getTime() - THROTTLE_FORGET_MS).toISOString();
  const { rows } = await sql<{ allowed: boolean; failures: number; blocked_until: string | Date | null }>`
    INSERT INTO login_throttles AS t (key, region_id, failures, blocked_until, last_attempt, attempt_id)
    VALUES (${key}, ${regionId}, 1,
      CASE WHEN 1 >= ${rule.after}::int THEN ${at}::timestamptz + make_interval(secs => ${rule.firstWaitSeconds}::int) END,
      ${at}::timestamptz, ${attempt})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE
        WHEN t.blocked_until > ${at}::timestamptz THEN t.failures
        WHEN t.last_attempt < ${forget}::timestamptz THEN 1
        ELSE t.failures + 1 END,
      blocked_until = CASE
        WHEN t.blocked_until > ${at}::timestamptz THEN t.blocked_until
        WHEN t.last_attempt >= ${forget}::timestamptz AND t.failures + 1 >= ${rule.after}::int
          THEN ${at}::timestamptz
            + make_interval(secs => least(
              ${rule.firstWaitSeconds}::int * power(2, t.failures + 1 - ${rule.after}::int), ${rule.capSeconds}::int))
        ELSE NULL END,
      last_attempt = CASE WHEN t.blocked_until > ${at}::timestamptz THEN t.last_attempt ELSE ${at}::timestamptz END,
      attempt_id = CASE WHEN t.blocked_until > ${at}::timestamptz THEN t.attempt_id ELSE ${attempt} END,
      region_id = coalesce(t.region_id, EXCLUDED.region_id)
    RETURNING t.attempt_id = ${attempt} AS allowed, t.failures, t.blocked_until`.execute(db);
  const row = rows[0]!;
  return {
    allowed: row.allowed,
    failures: row.failures,
    blockedUntil: row.blocked_until ? new Date(row.blocked_until) : null,
  };
}

export async function clearThrottles(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom("login_throttles").where("key", "in", keys).execute();
}

/** Keys that have failures on record: the region's accounts and devices, and client addresses. */
export async function listThrottles(db: Db, regionId: string) {
  return db
    .selectFrom("login_throttles")
    .select(["key", "region_id", "failures", "blocked_until", "last_attempt"])
    .where((eb) => eb.or([eb("region_id", "=", regionId), eb("region_id", "is", null)]))
    .orderBy("last_attempt", "desc")
    .limit(500)
    .execute();
}

export async function findThrottle(db: Db, key: string) {
  return db.selectFrom("login_throttles").selectAll().where("key", "=", key).executeTakeFirst();
}

export async function findDevice(db: Db, tokenHash: string) {
  return db.selectFrom("login_devices").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function rememberDevice(
  db: Db,
  row: { token_hash: string; region_id: string; user_id: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto("login_devices")
    .values({ ...row, last_used: now.toISOString() })
    .onConflict((oc) => oc.column("token_hash").doUpdateSet({ last_used: now.toISOString() }))
    .execute();
}
