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
    readCache?: { key: string; generation: number };
  }
}

export const CACHE_HEADER = "x-luoshi-cache";
const MAX_ENTRIES = 2_000;

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
  let entriesOf = generation.value;

  app.addHook("preHandler", async (request, reply) => {
    if (request.method !== "GET" || !request.routeOptions.config.cache || !request.actor) return;
    if (entriesOf !== generation.value) {
      entries.clear();
      entriesOf = generation.value;
    }
    const key = `${request.actor.userId}\u0000${todayInShanghai()}\u0000${request.url}`;
    const hit = entries.get(key);
    if (hit && hit.generation === generation.value) {
      reply.header(CACHE_HEADER, "hit").type("application/json; charset=utf-8");
      return reply.send(hit.payload);
    }
    request.readCache = { key, generation: generation.value };
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const pending = request.readCache;
    if (!pending || reply.statusCode !== 200 || typeof payload !== "string") return payload;
    reply.header(CACHE_HEADER, "miss");
    // Stored only if nothing was written while it was computed.
    if (pending.generation === generation.value) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(pending.key, { generation: pending.generation, payload });
    }
    return payload;
  });
}
