import type { Database } from "../db/database.js";
import { HazardFacts } from "./hazard-facts.js";
import * as repo from "./hazard-summary.repository.js";

/** A region's hazards (hazard-facts.ts) and its schools, by their sort order and name. */
export interface HazardIndex {
  facts: HazardFacts;
  schools: { id: string; name: string }[];
}

/**
 * The in-memory hazard index of each region, kept while the region's hazard version (ledger_versions,
 * migration 0024: replaced by every statement that writes a hazard or an organisation, in its own
 * transaction) stays the same. Each use reads the version (one tiny query) first, then the index:
 * a write committed after that reading leaves a newer version, so the next use reloads. Every
 * process keeps its own copy; the version lives in the database, so writes by other processes count.
 * Concurrent uses wait for one load. At most MAX_FACTS hazards are kept in all, the least recently
 * used region going first.
 */

const MAX_FACTS = 2_000_000;

interface Entry {
  version: string | null;
  index: Promise<HazardIndex>;
  size: number;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

export async function hazardIndex(db: Database, regionId: string): Promise<HazardIndex> {
  const cache = caches.get(db) ?? new Map<string, Entry>();
  caches.set(db, cache);
  const version = await repo.hazardVersion(db, regionId);
  const hit = cache.get(regionId);
  if (hit && hit.version === version) {
    cache.delete(regionId); // most recently used last
    cache.set(regionId, hit);
    return hit.index;
  }
  const index = Promise.all([repo.hazardFactRows(db, regionId), repo.schoolsOf(db, regionId)]).then(
    ([rows, schools]) => ({ facts: new HazardFacts(rows), schools }),
  );
  const entry: Entry = { version, index, size: 0 };
  cache.set(regionId, entry);
  try {
    entry.size = (await index).facts.size;
  } catch (e) {
    if (cache.get(regionId) === entry) cache.delete(regionId);
    throw e;
  }
  let total = 0;
  for (const e of cache.values()) total += e.size;
  for (const [key, e] of cache) {
    if (total <= MAX_FACTS || e === entry) break;
    cache.delete(key);
    total -= e.size;
  }
  return index;
}
