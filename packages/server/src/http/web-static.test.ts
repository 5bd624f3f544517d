import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "./types.js";
import { webStatic } from "./web-static.js";

let app: App;
let dir: string;
const BIG_CSS = Array.from({ length: 400 }, (_, i) => `.ant-btn-${i}{color:#c00;margin:${i}px}`).join("\n");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "luoshi-web-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>落实</title>");
  writeFileSync(join(dir, "assets", "index-abc.js"), "console.log(1)");
  writeFileSync(join(dir, "assets", "big-abc.css"), BIG_CSS);
  writeFileSync(join(tmpdir(), "luoshi-secret.txt"), "secret");
  app = Fastify() as unknown as App;
  webStatic(app, dir);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("web app at /", () => {
  it("serves index.html at / and for the router's paths", async () => {
    for (const url of ["/", "/ledger?planId=x", "/tasks/abc"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain("落实");
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves hashed assets with a long cache and their type", async () => {
    const res = await app.inject({ url: "/assets/index-abc.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/javascript");
    expect(res.headers["cache-control"]).toContain("immutable");
  });

  it("compresses text assets for clients that accept it, brotli first, and leaves small files alone", async () => {
    const br = await app.inject({ url: "/assets/big-abc.css", headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("accept-encoding");
    expect(br.rawPayload.length).toBeLessThan(BIG_CSS.length / 5);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_CSS);
    const gz = await app.inject({ url: "/assets/big-abc.css", headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG_CSS);
    const plain = await app.inject({ url: "/assets/big-abc.css", headers: { "accept-encoding": "br;q=0, identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(BIG_CSS);
    const small = await app.inject({ url: "/assets/index-abc.js", headers: { "accept-encoding": "br" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("a missing asset is a 404, not the page", async () => {
    const res = await app.inject({ url: "/assets/gone.js" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
  });

  it("unknown API paths stay JSON 404s", async () => {
    const res = await app.inject({ url: "/api/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: "ROUTE_NOT_FOUND", message: "请求的接口不存在" });
  });

  it("never serves a file outside the web folder", async () => {
    for (const url of ["/..%2fluoshi-secret.txt", "/assets/..%2f..%2fluoshi-secret.txt", "/%2e%2e/luoshi-secret.txt"]) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain("secret");
    }
  });

  it("without a build, answers a Chinese page that says how to build", async () => {
    const bare = Fastify() as unknown as App;
    webStatic(bare, join(dir, "no-such-dist"));
    const res = await bare.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("npm run build");
    await bare.close();
  });
});
