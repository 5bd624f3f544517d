import type { FastifyReply } from "fastify";
import type { Database } from "../db/database.js";
import { writeGenerationOf } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import type { App } from "./types.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A read whose answer depends only on the user, the URL, the day and the data: cacheable. */
    cache?: boolean;
  }
  interface FastifyRequest {
    readCache?: Pending;
  }
}

interface Pending {
  key: string;
  generation: number;
  /** Hands the answer (or undefined, when it was not a cacheable 200) to requests waiting on it. */
  settle: (payload: string | undefined) => void;
  answer: Promise<string | undefined>;
}

export const CACHE_HEADER = "x-luoshi-cache";
/** Answers kept, by total length (UTF-16 code units, about bytes for this JSON): oldest go first. */
const MAX_CHARS = 64 * 1024 * 1024;

/**
 * Serves repeated reads (task lists, plan summaries, task detail, the dashboard) from memory
 * until the data changes. Each answer is stored with the database's write generation at the
 * start of its computation and served only while no write has committed since; the first
 * write after it empties the cache. Keys hold the user, the URL and today's date (statuses
 * such as 逾期 change at midnight). Only where this process sees every write (embedded PGlite);
 * on PostgreSQL, which other processes may write, it stays off.
 */
export function installReadCache(app: App, db: Database, enabled: boolean): void {
  const generation = writeGenerationOf(db);
  if (!enabled || !generation) return;
  const entries = new Map<string, { generation: number; payload: string }>();
  /** Answers being computed: concurrent requests for one key wait for the first instead of repeating it. */
  const inFlight = new Map<string, Pending>();
  let entriesOf = generation.value;
  let chars = 0;
  const sendCached = (reply: FastifyReply, payload: string) =>
    reply.header(CACHE_HEADER, "hit").type("application/json; charset=utf-8").send(payload);

  app.addHook("preHandler", async (request, reply) => {
    if (request.method !== "GET" || !request.routeOptions.config.cache || !request.actor) return;
    if (entriesOf !== generation.value) {
      entries.clear();
      chars = 0;
      entriesOf = generation.value;
    }
    const key = `${request.actor.userId}\u0000${todayInShanghai()}\u0000${request.url}`;
    const hit = entries.get(key);
    if (hit && hit.generation === generation.value) return sendCached(reply, hit.payload);
    const flight = inFlight.get(key);
    if (flight && flight.generation === generation.value) {
      const payload = await flight.answer;
      if (payload !== undefined) return sendCached(reply, payload);
    }
    let settle!: Pending["settle"];
    const answer = new Promise<string | undefined>((resolve) => {
      settle = resolve;
    });
    const pending = { key, generation: generation.value, settle, answer };
    inFlight.set(key, pending);
    request.readCache = pending;
  });

  const finish = (pending: Pending, payload: string | undefined) => {
    pending.settle(payload);
    if (inFlight.get(pending.key) === pending) inFlight.delete(pending.key);
  };

  app.addHook("onSend", async (request, reply, payload) => {
    const pending = request.readCache;
    if (!pending) return payload;
    request.readCache = undefined;
    const cacheable = reply.statusCode === 200 && typeof payload === "string";
    // Kept only if nothing was written while it was computed.
    const current = cacheable && pending.generation === generation.value;
    if (cacheable) reply.header(CACHE_HEADER, "miss");
    if (current) {
      const previous = entries.get(pending.key);
      if (previous) {
        entries.delete(pending.key);
        chars -= previous.payload.length;
      }
      for (const [key, old] of entries) {
        if (chars + payload.length <= MAX_CHARS) break;
        entries.delete(key);
        chars -= old.payload.length;
      }
      if (payload.length <= MAX_CHARS) {
        entries.set(pending.key, { generation: pending.generation, payload });
        chars += payload.length;
      }
    }
    finish(pending, current ? payload : undefined);
    return payload;
  });

  // A request that ends without a reply (aborted, failed before sending) releases its waiters.
  app.addHook("onResponse", async (request) => {
    if (request.readCache) finish(request.readCache, undefined);
  });
}
