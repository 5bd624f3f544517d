import type { Database } from "../db/database.js";
import type { Actor } from "./actor.js";

/**
 * How long a resolved session (actor and CSRF token) is reused without asking the
 * database. This process drops an entry at once on logout and when the user is edited
 * (role, org, password, disabling: see users.service.ts); another process serving the
 * same database learns of it only when its own entry expires. So in a multi-process
 * deployment a logout or a revoked role takes effect everywhere within SESSION_CACHE_MS:
 * keep it short. An org created, moved or deactivated empties this process's cache
 * (orgs.service.ts), since anyone's subtree may have changed; other processes catch up
 * within the same bound.
 */
export const SESSION_CACHE_MS = 30_000;
const MAX_ENTRIES = 10_000;

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

interface Entry {
  /** Token hashes are random, so one map serves every database; the entry still names its own. */
  db: Database;
  /** In flight or settled: concurrent first requests on one token share one query. */
  value: Promise<ResolvedSession | undefined>;
  userId?: string;
  /** Date.now() after which the entry is stale (the cache TTL or the session's own expiry). */
  staleAt: number;
}

const cache = new Map<string, Entry>();

/**
 * The session for a token hash, from the cache while fresh, otherwise from `load`
 * (which returns the session's expiry too). Unknown sessions are not cached.
 */
export async function cachedSession(
  db: Database,
  tokenHash: string,
  load: () => Promise<{ session: ResolvedSession; expiresAt: number } | undefined>,
  now = Date.now(),
): Promise<ResolvedSession | undefined> {
  const hit = cache.get(tokenHash);
  if (hit && hit.db === db && hit.staleAt > now) return hit.value;
  const entry: Entry = { db, staleAt: now + SESSION_CACHE_MS, value: Promise.resolve(undefined) };
  const drop = () => {
    if (cache.get(tokenHash) === entry) cache.delete(tokenHash);
  };
  entry.value = load().then(
    (found) => {
      if (!found) {
        drop();
        return undefined;
      }
      entry.userId = found.session.actor.userId;
      entry.staleAt = Math.min(entry.staleAt, found.expiresAt);
      return found.session;
    },
    (error) => {
      drop();
      throw error;
    },
  );
  cache.delete(tokenHash);
  if (cache.size >= MAX_ENTRIES) {
    // Oldest insertion first: a Map iterates in insertion order.
    for (const key of cache.keys()) {
      cache.delete(key);
      if (cache.size < MAX_ENTRIES * 0.9) break;
    }
  }
  cache.set(tokenHash, entry);
  return entry.value;
}

/** Forget one session (logout). */
export function forgetSession(tokenHash: string): void {
  cache.delete(tokenHash);
}

/** Forget every session of a user (role, org, password, name changes, disabling). */
export function forgetUserSessions(userId: string): void {
  for (const [key, entry] of cache) {
    // An entry still loading has no user yet; drop it too, it may have read the old row.
    if (entry.userId === userId || entry.userId === undefined) cache.delete(key);
  }
}

/** Forget every session: the org tree changed, so any actor's subtree or ancestors may have. */
export function forgetAllSessions(): void {
  cache.clear();
}
