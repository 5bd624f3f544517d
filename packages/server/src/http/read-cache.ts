import type { FastifyReply, FastifyRequest } from "fastify";
import { freshnessOf } from "../db/data-version.js";
import type { ReadTargets } from "../db/replica.js";
import { planScope, taskScope } from "../db/write-generation.js";
import { todayInShanghai } from "../progress/periods.js";
import type { App } from "./types.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A read whose answer depends only on the user, the URL, the day and the data: cacheable. */
    cache?: boolean;
  }
  interface FastifyRequest {
    readCache?: Pending;
    /** The scopes (db/write-generation.ts) the answer depends on; unset: anything. */
    readScopes?: string[];
    /**
     * When the answer goes stale with no write (a return not yet due turns missing at its due
     * time): an instant, ms, on the server's clock. Unset: only writes and the day move it.
     */
    readExpires?: number;
  }
}

/**
 * Says which plans a cacheable answer was drawn from, so that a write to another plan leaves it
 * cached. Every plan whose data could change the answer must be named (for a filtered list, the
 * plans it filtered, not only those it kept); an answer that names none depends on anything.
 */
export function dependsOnPlans(request: FastifyRequest, planIds: Iterable<string>): void {
  request.readScopes = [...planIds].map(planScope);
}

/**
 * Says that a cacheable answer was drawn from one task's own data and its plan as a whole (not
 * from the plan's other tasks), so that a report on another task of the plan leaves it cached.
 */
export function dependsOnTask(request: FastifyRequest, planId: string, taskId: string): void {
  dependsOnTasks(request, [{ planId, id: taskId }]);
}

/**
 * Says that a cacheable answer was drawn from these tasks' own data and their plans as wholes,
 * and that which tasks it holds changes only by writes naming no plan (a unit's own list: tasks
 * are assigned by such writes), so that a report on a task it does not hold leaves it cached.
 */
export function dependsOnTasks(request: FastifyRequest, tasks: Iterable<{ planId: string; id: string }>): void {
  request.readScopes = [...tasks].map((t) => taskScope(t.planId, t.id));
}

interface Entry {
  /** The data version read before the answer was computed. */
  version: string;
  scopes: readonly string[] | undefined;
  /** See FastifyRequest.readExpires. */
  expires: number | undefined;
  /** The answer's JSON as UTF-8, encoded once: every hit sends these bytes as they are. */
  payload: Buffer;
}

interface Pending {
  key: string;
  /** The data version read before the answer was computed. */
  version: string;
  /** When the computation began, in the order of arrivals (see `arrivals` below). */
  began: number;
  /**
   * Hands the answer to requests waiting on it, whether or not it was kept (a write during the
   * computation stops it being kept, not being right for those who came before that write), or
   * undefined when there is none (an error, an aborted request).
   */
  settle: (answer: Entry | undefined) => void;
  answer: Promise<Entry | undefined>;
}

export const CACHE_HEADER = "x-luoshi-cache";
/** Answers kept, by total size in bytes: oldest go first. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Serves repeated reads (task lists, plan summaries, task detail, the dashboard) from memory
 * until the data they depend on changes. An answer is kept only if nothing it depends on was
 * written while it was computed, and served only while that still holds (db/data-version.ts:
 * per plan on PGlite, any commit on PostgreSQL; a write that names no plan moves everything).
 * Keys hold the user, the URL and today's date (statuses such as 逾期 change at midnight).
 * Concurrent requests for one answer wait for the first to compute it.
 */
export function installReadCache(
  app: App,
  targets: ReadTargets,
  enabled: boolean,
  clock: () => Date = () => new Date(),
): void {
  if (!enabled) return;
  const freshness = freshnessOf(targets.db, targets.replica);
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Pending>();
  let bytes = 0;
  /**
   * Counts arrivals and computations begun, in order: an answer whose computation began after a
   * request arrived read the data after it did, so it answers that request whatever was written
   * meanwhile.
   */
  let arrivals = 0;
  const sendCached = (reply: FastifyReply, payload: Buffer) =>
    reply.header(CACHE_HEADER, "hit").type("application/json; charset=utf-8").send(payload);

  /** Whether an answer still holds at data version `now` (and on the clock). */
  const fresh = (entry: Entry, now: string) =>
    (entry.expires === undefined || clock().getTime() < entry.expires) &&
    freshness.isCurrent(entry.version, entry.scopes, now);

  const drop = (key: string, entry: Entry) => {
    entries.delete(key);
    bytes -= entry.payload.length;
  };

  const keep = (key: string, entry: Entry) => {
    const previous = entries.get(key);
    if (previous) drop(key, previous);
    for (const [oldKey, old] of entries) {
      if (bytes + entry.payload.length <= MAX_BYTES) break;
      drop(oldKey, old);
    }
    if (entry.payload.length > MAX_BYTES) return;
    entries.set(key, entry);
    bytes += entry.payload.length;
  };

  app.addHook("preHandler", async (request, reply) => {
    if (request.method !== "GET" || !request.routeOptions.config.cache || !request.actor) return;
    const arrived = ++arrivals;
    const now = await freshness.now().catch(() => undefined);
    if (now === undefined) return; // the database will answer (or fail) on its own
    const key = `${request.actor.userId}\u0000${todayInShanghai()}\u0000${request.url}`;
    const hit = entries.get(key);
    if (hit) {
      if (fresh(hit, now)) return sendCached(reply, hit.payload);
      drop(key, hit);
    }
    // An answer being computed serves the requests that came meanwhile if nothing it depends on
    // was written between its beginning and their arrival (checked once it says what it depends
    // on), kept or not: each waiter computing anew would queue its own copy of the work on the
    // database, and under a stream of writes most answers are not kept. One that began before a
    // write the request must see hands over to the next, which began after the request came.
    let joined = 0;
    for (let flight = inFlight.get(key); flight && joined < 3; joined++) {
      const done = await flight.answer;
      if (done && (flight.began > arrived || fresh(done, now))) return sendCached(reply, done.payload);
      const next = inFlight.get(key);
      flight = next === flight ? undefined : next;
    }
    let settle!: Pending["settle"];
    const answer = new Promise<Entry | undefined>((resolve) => {
      settle = resolve;
    });
    const pending: Pending = { key, version: now, began: ++arrivals, settle, answer };
    inFlight.set(key, pending);
    if (joined > 0) {
      // A request that waited reads the version again, as its computation begins now (after it
      // took the flight, so that those who waited with it join it rather than compute their own).
      const version = await freshness.now().catch(() => undefined);
      if (version === undefined) return finish(pending, undefined);
      pending.version = version;
    }
    request.readCache = pending;
  });

  const finish = (pending: Pending, answer: Entry | undefined) => {
    pending.settle(answer);
    if (inFlight.get(pending.key) === pending) inFlight.delete(pending.key);
  };

  app.addHook("onSend", async (request, reply, payload) => {
    const pending = request.readCache;
    if (!pending) return payload;
    request.readCache = undefined;
    const cacheable = reply.statusCode === 200 && typeof payload === "string";
    if (!cacheable) {
      finish(pending, undefined);
      return payload;
    }
    reply.header(CACHE_HEADER, "miss");
    // Kept only if nothing it depends on was written while it was computed.
    const now = await freshness.now().catch(() => undefined);
    const scopes = request.readScopes;
    const current = now !== undefined && freshness.isCurrent(pending.version, scopes, now);
    const entry = { version: pending.version, scopes, expires: request.readExpires, payload: Buffer.from(payload) };
    if (current) keep(pending.key, entry);
    finish(pending, entry);
    return entry.payload;
  });

  // A request that ends without a reply (aborted, failed before sending) releases its waiters.
  app.addHook("onResponse", async (request) => {
    if (request.readCache) finish(request.readCache, undefined);
  });
}
