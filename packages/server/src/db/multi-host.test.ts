import { describe, expect, it } from "vitest";
import { within } from "../test/within.js";
import { MultiHostPool, NoUsableHostError, splitHosts } from "./multi-host.js";
import { isDatabaseUnavailable } from "./unavailable.js";

describe("splitHosts", () => {
  it("gives one URL per listed host, keeping credentials, database and other parameters", () => {
    expect(
      splitHosts(
        "postgresql://u:p%40w@10.0.0.1:5433,10.0.0.2:5434/luoshi?target_session_attrs=read-write&sslmode=disable",
      ),
    ).toEqual({
      urls: [
        "postgresql://u:p%40w@10.0.0.1:5433/luoshi?sslmode=disable",
        "postgresql://u:p%40w@10.0.0.2:5434/luoshi?sslmode=disable",
      ],
      attrs: "read-write",
    });
  });

  it("leaves a one-host URL as it was, session attributes any", () => {
    expect(splitHosts("postgres://luoshi@localhost/luoshi")).toEqual({
      urls: ["postgres://luoshi@localhost/luoshi"],
      attrs: "any",
    });
    expect(splitHosts("postgresql://[::1]:5433,[::1]:5434/db").urls).toEqual([
      "postgresql://[::1]:5433/db",
      "postgresql://[::1]:5434/db",
    ]);
  });

  it("refuses session attributes it cannot honour and empty hosts", () => {
    expect(() => splitHosts("postgresql://a,b/db?target_session_attrs=prefer-standby")).toThrow(/target_session_attrs/);
    expect(() => splitHosts("postgresql://a,,b/db")).toThrow(/empty host/);
    expect(() => splitHosts("mysql://a/db")).toThrow();
  });
});

// Against a real server: the one of the PostgreSQL test run, with a port where nothing listens
// (5439, in the range kept for this project's extra clusters) listed first.
const url = process.env.LUOSHI_TEST_PG_URL;
describe.skipIf(!url)("MultiHostPool on PostgreSQL", () => {
  const withDeadHostFirst = (attrs: string) => {
    const u = new URL(url!);
    return `postgresql://${u.username}:${u.password}@127.0.0.1:5439,${u.host}${u.pathname}?target_session_attrs=${attrs}`;
  };
  const noop = () => {};

  it("passes over a host that refuses and connects to the first that fits", async () => {
    for (const attrs of ["any", "read-write", "primary"]) {
      const pool = new MultiHostPool(splitHosts(withDeadHostFirst(attrs)), { max: 2 }, noop);
      const client = await pool.connect();
      const { rows } = await client.query("SELECT pg_is_in_recovery() AS r");
      expect(rows[0].r).toBe(false);
      client.release();
      // The next checkout goes straight to the host that served.
      const again = await pool.connect();
      again.release();
      await pool.end();
    }
  });

  it("survives the server cutting a checked-out connection, and connects anew", async () => {
    const seen: Error[] = [];
    const pool = new MultiHostPool(splitHosts(withDeadHostFirst("read-write")), { max: 2 }, (e) => seen.push(e));
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const admin = await pool.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    admin.release();
    await within(
      50,
      () => new Promise<number>((resolve) => setTimeout(() => resolve(seen.length), 20)),
      (n) => n > 0,
    );
    expect(seen[0]?.message).toMatch(/terminating connection|Connection terminated/);
    const error = await client.query("SELECT 1").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    client.release();
    const fresh = await pool.connect();
    expect((await fresh.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    fresh.release();
    await pool.end();
  });

  it("fails with 08001, a database-unavailable error, when no host has the wanted role", async () => {
    const pool = new MultiHostPool(splitHosts(withDeadHostFirst("standby")), { max: 2 }, noop);
    const error = await pool.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    await pool.end();
    expect(error).toBeInstanceOf(NoUsableHostError);
    expect((error as NoUsableHostError).code).toBe("08001");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});

describe("isDatabaseUnavailable", () => {
  const coded = (code: string) => Object.assign(new Error("x"), { code });
  it("tells a lost or refused connection, a shutdown and a write to a standby from a faulty request", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "08006", "08001", "57P01", "57P02", "57P03", "25006"]) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    for (const code of ["23505", "22P02", "42P01", "FST_ERR_VALIDATION"]) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
