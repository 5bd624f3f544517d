import type { Database } from "../db/database.js";
import { type ChildScope, countByStatus, schoolAgeVersion } from "./school-age.repository.js";

/**
 * The 适龄儿童台账's counts by status (a pass over the county's roster, tens of thousands of children)
 * kept in memory per scope while the region's 'school_age' version (migration 0030: replaced by every
 * statement that writes its children or a 控辍 case, in its own transaction) stays the same, so that
 * paging and filtering the 台账 read one page, not the roster. The version is read first, then the
 * counts: a write committed after that reading leaves a newer version, and the next view recounts.
 * Every process keeps its own copy; the version lives in the database, so other processes' writes
 * count. Concurrent views of one scope wait for one count. At most MAX_SCOPES scopes are kept, the
 * least recently used going first.
 */

const MAX_SCOPES = 1000;

interface Entry {
  version: string | null;
  counts: Promise<Record<string, number>>;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

/** The scope's key: its region, schools and the day's age and roll bounds (the counts depend on nothing else). */
const keyOf = (s: ChildScope) =>
  [s.regionId, s.bornAfter, s.bornBy, s.sinceYear, s.orgIds ? [...s.orgIds].sort().join(",") : "*"].join("\u0000");

export async function schoolAgeCounts(db: Database, scope: ChildScope): Promise<Record<string, number>> {
  const cache = caches.get(db) ?? new Map<string, Entry>();
  caches.set(db, cache);
  const key = keyOf(scope);
  const version = await schoolAgeVersion(db, scope.regionId);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return { ...(await hit.counts) };
  }
  const entry: Entry = { version, counts: countByStatus(db, scope) };
  cache.set(key, entry);
  try {
    await entry.counts;
  } catch (e) {
    if (cache.get(key) === entry) cache.delete(key);
    throw e;
  }
  for (const oldKey of cache.keys()) {
    if (cache.size <= MAX_SCOPES) break;
    cache.delete(oldKey);
  }
  return { ...(await entry.counts) };
}
