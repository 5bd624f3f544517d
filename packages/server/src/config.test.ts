import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("loadConfig: PostgreSQL URLs", () => {
  it("takes a multi-host DATABASE_URL and a replica", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://u:p@db1:5432,db2:5432/luoshi?target_session_attrs=read-write",
      DATABASE_REPLICA_URL: "postgresql://u:p@db2:5432,db1:5432/luoshi",
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgresql://u:p@db1:5432,db2:5432/luoshi?target_session_attrs=read-write",
    });
    expect(config.replica).toEqual({ kind: "postgres", url: "postgresql://u:p@db2:5432,db1:5432/luoshi" });
    expect(loadConfig({}).replica).toBeUndefined();
  });

  it("lists every problem: a replica without a primary, a bad scheme, unknown session attributes", () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: "postgresql://db2/luoshi" })).toThrow(/needs DATABASE_URL/);
    const error = (() => {
      try {
        loadConfig({
          DATABASE_URL: "postgresql://a,b/luoshi?target_session_attrs=prefer-standby",
          DATABASE_REPLICA_URL: "mysql://db2/luoshi",
        });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/DATABASE_URL: target_session_attrs must be one of/);
    expect(error).toMatch(/DATABASE_REPLICA_URL must start with postgres/);
  });
});

describe("loadConfig: reverse proxy and robot hosts", () => {
  it("reads LUOSHI_TRUST_PROXY as off, a hop count, a list or true, and refuses nonsense", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ LUOSHI_TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ LUOSHI_TRUST_PROXY: "10.0.0.5, 127.0.0.1/32" }).trustProxy).toEqual([
      "10.0.0.5",
      "127.0.0.1/32",
    ]);
    expect(loadConfig({ LUOSHI_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(() => loadConfig({ LUOSHI_TRUST_PROXY: "nginx please" })).toThrow(/LUOSHI_TRUST_PROXY/);
  });

  it("reads LUOSHI_WEBHOOK_HOSTS as lower-case host names", () => {
    expect(loadConfig({ LUOSHI_WEBHOOK_HOSTS: "OAPI.dingtalk.com" }).webhooks.hosts).toEqual(["oapi.dingtalk.com"]);
    expect(() => loadConfig({ LUOSHI_WEBHOOK_HOSTS: "10.0.0.1" })).toThrow(/not a host name/);
  });
});
