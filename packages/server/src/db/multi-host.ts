import pg from "pg";
import { prepareMarked } from "./pg-prepared.js";

/**
 * libpq's multi-host connection strings for node-postgres, which takes one host only:
 * `postgresql://user:pw@h1:5433,h2:5434/db?target_session_attrs=read-write` lists the servers of
 * a primary/standby pair, and a connection goes to the first one that answers and has the wanted role.
 * After a failover (the primary gone, a standby promoted) new connections find the new primary by
 * themselves. Nothing here decides who is primary: PostgreSQL's own state (pg_is_in_recovery) does.
 */
export const SESSION_ATTRS = ["any", "read-write", "primary", "read-only", "standby"] as const;
export type SessionAttrs = (typeof SESSION_ATTRS)[number];

export interface HostList {
  /** One single-host URL per listed host, in the listed order. */
  urls: string[];
  attrs: SessionAttrs;
}

/** Splits a (possibly multi-host) PostgreSQL URL; throws a plain message on a malformed one. */
export function splitHosts(url: string): HostList {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?$/.exec(url);
  if (!m) throw new Error("not a postgres:// or postgresql:// URL");
  const [, scheme, userinfo = "", hostPart = "", path = "", query = ""] = m;
  const params = new URLSearchParams(query);
  const attrs = params.get("target_session_attrs") ?? "any";
  if (!(SESSION_ATTRS as readonly string[]).includes(attrs)) {
    throw new Error(`target_session_attrs must be one of ${SESSION_ATTRS.join(", ")}, got "${attrs}"`);
  }
  params.delete("target_session_attrs");
  const rest = `${path}${params.size > 0 ? `?${params}` : ""}`;
  const hosts = hostPart.split(",");
  if (hosts.length > 1 && hosts.some((h) => h === "")) throw new Error("an empty host in the host list");
  return { urls: hosts.map((host) => `${scheme}${userinfo}${host}${rest}`), attrs: attrs as SessionAttrs };
}

/** The SQLSTATE libpq reports when no listed server could be used (class 08: connection exception). */
export const NO_USABLE_HOST = "08001";

export class NoUsableHostError extends Error {
  readonly code = NO_USABLE_HOST;
  constructor(attrs: SessionAttrs, causes: unknown[]) {
    super(`no server in the host list accepted a ${attrs} session`, { cause: causes.at(-1) });
    this.name = "NoUsableHostError";
  }
}

/** Whether a server fits the wanted session, asked once per new physical connection (as libpq does). */
async function fits(client: pg.PoolClient, attrs: SessionAttrs): Promise<boolean> {
  if (attrs === "any") return true;
  if (attrs === "read-write" || attrs === "read-only") {
    const { rows } = await client.query<{ ro: string }>("SELECT current_setting('transaction_read_only') AS ro");
    return (rows[0]?.ro === "on") === (attrs === "read-only");
  }
  const { rows } = await client.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
  return rows[0]?.r === (attrs === "standby");
}

/**
 * A pool over the listed hosts, shaped as Kysely's PostgresDialect wants (connect, end). Each host
 * has its own pg.Pool, whose new connections are checked for the wanted role (pg-pool's `verify`);
 * a connection that passed stays good, since a server changes role only across a restart or a
 * promotion, and a promotion leaves a primary (what read-write wants). A checkout tries the host
 * that last served first, then the others in the listed order, so a dead host costs one attempt
 * per failover, not one per query. With every host down or of the wrong role it fails with
 * NoUsableHostError (SQLSTATE 08001), which the HTTP layer answers as 503.
 */
const listened = new WeakSet<pg.PoolClient>();

export class MultiHostPool {
  private readonly pools: pg.Pool[];
  private readonly attrs: SessionAttrs;
  /** The host that served last. */
  private current = 0;

  constructor(
    hosts: HostList,
    options: Omit<pg.PoolConfig, "connectionString" | "verify">,
    private readonly onError: (err: Error) => void,
  ) {
    this.pools = hosts.urls.map((connectionString) => {
      const pool = new pg.Pool({
        ...options,
        connectionString,
        verify: (client, done) => {
          fits(client, hosts.attrs).then(
            (ok) => done(ok ? undefined : new Error(`server is not ${hosts.attrs}`)),
            (err: Error) => done(err),
          );
        },
      });
      // A connection cut by the server (a crash, a restart, a failover) must not take the process
      // down: pg emits "error" on the client, which has no listener while it is checked out (pg-pool
      // listens only while it is idle). The failed query rejects on its own; pg-pool drops the
      // client when it comes back unusable.
      pool.on("error", onError);
      pool.on("connect", (client) => client.on("error", onError));
      return pool;
    });
    this.attrs = hosts.attrs;
  }

  async connect(): Promise<pg.PoolClient> {
    const causes: unknown[] = [];
    const order = [this.current, ...this.pools.keys()].filter((i, k, all) => all.indexOf(i) === k);
    for (const i of order) {
      try {
        const client = await this.pools[i]!.connect();
        this.current = i;
        this.listen(client);
        prepareMarked(client);
        return client;
      } catch (err) {
        causes.push(err);
      }
    }
    // One host: its own error says best what happened (refused, wrong password, ...).
    if (this.pools.length === 1 && this.attrs === "any") throw causes[0];
    throw new NoUsableHostError(this.attrs, causes);
  }

  /**
   * pg-pool listens for errors only while a client is idle: one checked out (a transaction between
   * two statements) whose server goes away would emit "error" with no listener and crash the
   * process. The statement that follows fails instead, and the pool drops the broken client.
   */
  private listen(client: pg.PoolClient): void {
    if (listened.has(client)) return;
    listened.add(client);
    client.on("error", this.onError);
  }

  async end(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.end()));
  }
}
