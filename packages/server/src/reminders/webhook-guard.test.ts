import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { actorFor } from "../auth/auth.service.js";
import { loadConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { json, newId } from "../ids.js";
import { runStatusEngine } from "../status/status.service.js";
import { clockAt, type SupervisedPlan, supervisedPlan } from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { createEndpoint, runReminders } from "./reminders.service.js";
import {
  checkWebhookUrl,
  DEFAULT_WEBHOOK_HOSTS,
  isForbiddenAddress,
  robotPoster,
  type WebhookPolicy,
  WebhookUrlRefused,
} from "./webhook-guard.js";

/** Every form of a URL that must never be saved or posted to under the production policy. */
const FORBIDDEN_URLS = [
  "http://127.0.0.1/robot",
  "https://127.0.0.1/robot",
  "https://0x7f000001/robot",
  "https://2130706433/robot",
  "https://0177.0.0.1/robot",
  "https://127.1/robot",
  "https://[::1]/robot",
  "https://[::ffff:127.0.0.1]/robot",
  "https://[::ffff:7f00:1]/robot",
  "https://169.254.169.254/latest/meta-data/",
  "https://10.0.0.8/robot",
  "https://100.64.0.1/robot",
  "https://localhost/robot",
  "https://robot.localhost/robot",
  "https://user:pass@oapi.dingtalk.com/robot/send",
  "https://oapi.dingtalk.com@127.0.0.1/robot/send",
  "https://oapi.dingtalk.com:8443/robot/send",
  "http://oapi.dingtalk.com/robot/send",
  "https://oapi.dingtalk.com.evil.example/robot/send",
  "https://evil.example/robot/send?host=oapi.dingtalk.com",
  "ftp://oapi.dingtalk.com/robot/send",
  "not a url",
];

const production: WebhookPolicy = { hosts: DEFAULT_WEBHOOK_HOSTS };

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan;
let server: Server;
let port: number;
const hits: { path: string; at: number }[] = [];

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    req.resume();
    req.on("end", () => {
      hits.push({ path, at: Date.now() });
      if (path === "/hang") return; // never answers
      if (path === "/redirect") return res.writeHead(302, { location: "/ok" }).end();
      if (path === "/chatty")
        return res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ errcode: 310000, errmsg: `sign not match ${"x".repeat(500)}`, leak: "SECRET-BODY" }));
      res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 180_000);
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await drop?.();
});

const supervisor = async (): Promise<Actor> =>
  actorFor(
    db,
    await db
      .selectFrom("users")
      .selectAll()
      .where("role", "=", "supervisor")
      .where("region_id", "=", ctx.regionId)
      .executeTakeFirstOrThrow(),
  );

describe("robot URLs at save time", () => {
  it("the production default allows the vendors' https hosts only", () => {
    expect(loadConfig({}).webhooks.hosts).toEqual(["oapi.dingtalk.com", "qyapi.weixin.qq.com"]);
    expect(checkWebhookUrl("https://oapi.dingtalk.com/robot/send?access_token=t", production).hostname).toBe(
      "oapi.dingtalk.com",
    );
    expect(checkWebhookUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", production).hostname).toBe(
      "qyapi.weixin.qq.com",
    );
    expect(() => loadConfig({ LUOSHI_WEBHOOK_HOSTS: "127.0.0.1" })).toThrow(/not a host name/);
  });

  it("refuses every forbidden form with a Chinese 400 and a stable code", async () => {
    const actor = await supervisor();
    for (const url of FORBIDDEN_URLS) {
      const error = await createEndpoint(db, actor, { kind: "wecom", name: "群", url, events: ["overdue"] }, production)
        .then(() => undefined)
        .catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).statusCode, url).toBe(400);
      expect((error as AppError).code, url).toBe("WEBHOOK_URL_FORBIDDEN");
      expect((error as AppError).message, url).toMatch(/^机器人地址不被允许：/);
    }
    const saved = await db.selectFrom("webhook_endpoints").select("id").execute();
    expect(saved).toEqual([]);
  });

  it("the recording server itself is refused unless the test policy allows it", () => {
    expect(() => checkWebhookUrl(`http://robot.test:${port}/ok`, production)).toThrow(WebhookUrlRefused);
    expect(() => checkWebhookUrl(`http://127.0.0.1:${port}/ok`, production)).toThrow(WebhookUrlRefused);
  });
});

describe("the test sink (LUOSHI_WEBHOOK_TEST_SINK)", () => {
  it("is read as a loopback address and port only", () => {
    expect(loadConfig({ LUOSHI_WEBHOOK_TEST_SINK: "127.0.0.1:4567" }).webhooks.sink).toEqual({
      host: "127.0.0.1",
      port: 4567,
    });
    expect(loadConfig({}).webhooks.sink).toBeUndefined();
    for (const bad of ["10.0.0.8:80", "robot.test:80", "127.0.0.1", "http://127.0.0.1:80"])
      expect(() => loadConfig({ LUOSHI_WEBHOOK_TEST_SINK: bad }), bad).toThrow(/LUOSHI_WEBHOOK_TEST_SINK/);
  });

  it("receives only messages whose URL passes the production checks", async () => {
    const post = robotPoster({ ...production, sink: { host: "127.0.0.1", port } });
    for (const url of FORBIDDEN_URLS) await expect(post(url, "{}", 1000), url).rejects.toThrow(WebhookUrlRefused);
    const reply = await post("https://oapi.dingtalk.com/ok?access_token=t", "{}", 2000);
    expect(reply.status).toBe(200);
  });
});

describe("robot URLs at send time", () => {
  const resolvingTo =
    (...addresses: string[]): WebhookPolicy["resolve"] =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  const url = () => `http://robot.test:${port}/ok`;
  const loose = { hosts: ["robot.test"], allowPlainHttp: true, allowPorts: true };

  it("classifies special addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "fd00::1",
      "fe80::1",
      "64:ff9b::7f00:1",
      "2002:7f00:1::",
    ])
      expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of ["203.119.210.1", "59.36.120.1", "2408:8000::1", "::ffff:59.36.120.1"])
      expect(isForbiddenAddress(a), a).toBe(false);
  });

  it("refuses a host that resolves to any private, loopback or link-local address, before connecting", async () => {
    const before = hits.length;
    for (const resolved of [
      ["127.0.0.1"],
      ["10.1.2.3"],
      ["169.254.169.254"],
      ["::1"],
      ["::ffff:127.0.0.1"],
      ["fd00::1"],
      ["100.64.0.1"],
      ["203.119.210.1", "127.0.0.1"],
    ]) {
      const post = robotPoster({ ...loose, resolve: resolvingTo(...resolved) });
      await expect(post(url(), "{}", 1000), resolved.join()).rejects.toThrow(/内网或保留地址/);
    }
    // The production policy refuses the stored forms before resolving anything.
    for (const forbidden of FORBIDDEN_URLS) {
      const post = robotPoster({ ...production, resolve: resolvingTo("127.0.0.1") });
      await expect(post(forbidden, "{}", 1000), forbidden).rejects.toBeInstanceOf(WebhookUrlRefused);
    }
    expect(hits.length).toBe(before);
  });

  it("refuses a forbidden URL saved before the check existed, without retrying, and logs no body", async () => {
    const actor = await supervisor();
    // Written straight to the table: what an old version accepted.
    await db
      .insertInto("webhook_endpoints")
      .values({
        region_id: ctx.regionId,
        id: newId(),
        org_id: actor.orgId,
        name: "旧配置",
        kind: "wecom",
        url: `http://127.0.0.1:${port}/ok`,
        secret: null,
        events: json(["missing_report"]),
        enabled: true,
        created_by: actor.userId,
      })
      .execute();
    const before = hits.length;
    await runStatusEngine(db, { now: clockAt("2024-02-10") });
    const result = await runReminders(db, {
      now: clockAt("2024-02-10"),
      post: robotPoster(production),
      sleep: async () => {},
    });
    expect(result.delivered).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
    expect(hits.length).toBe(before);
    const log = await db.selectFrom("webhook_deliveries").selectAll().execute();
    expect(log.every((d) => d.status === "failed" && d.attempts <= 1 && d.last_http_status === null)).toBe(true);
    expect(log.some((d) => d.attempts === 1 && /^机器人地址/.test(d.last_error ?? ""))).toBe(true);
  });

  it("does not follow redirects and keeps only the status and a bounded vendor error", async () => {
    const test = { ...loose, allowAddresses: ["127.0.0.1"], resolve: resolvingTo("127.0.0.1") };
    const post = robotPoster(test);
    const before = hits.length;
    const redirect = await post(`http://robot.test:${port}/redirect`, "{}", 2000);
    expect(redirect.status).toBe(302);
    expect(hits.slice(before).map((h) => h.path)).toEqual(["/redirect"]);

    const { sendWithRetry } = await import("./webhooks.js");
    const outcome = await sendWithRetry(
      { kind: "wecom", url: `http://robot.test:${port}/chatty`, secret: null },
      { msgtype: "text" },
      { post, now: () => new Date(), sleep: async () => {} },
    );
    expect(outcome).toMatchObject({ ok: false, attempts: 3, httpStatus: 200, errcode: 310000 });
    expect(outcome.error!.length).toBeLessThanOrEqual(120);
    expect(outcome.error).toMatch(/^errcode 310000: sign not match x+$/);
    expect(outcome.error).not.toContain("SECRET-BODY");
  });
});

describe("delivery time budget", () => {
  it("one hanging robot does not delay the others beyond the budget", async () => {
    await db.deleteFrom("webhook_deliveries").execute();
    await db.deleteFrom("webhook_endpoints").execute();
    const actor = await supervisor();
    const test: WebhookPolicy = {
      hosts: ["robot.test"],
      allowPlainHttp: true,
      allowPorts: true,
      allowAddresses: ["127.0.0.1"],
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    };
    const endpoint = (name: string, path: string) =>
      createEndpoint(
        db,
        actor,
        { kind: "wecom", name, url: `http://robot.test:${port}${path}`, events: ["overdue", "missing_report"] },
        test,
      );
    await endpoint("挂起的机器人", "/hang");
    for (const n of [1, 2, 3]) await endpoint(`正常机器人${n}`, "/ok");
    const limits = { attempts: 3, baseDelayMs: 50, timeoutMs: 400, concurrency: 4, budgetMs: 1500 };
    const before = hits.length;
    const started = Date.now();
    const result = await runReminders(db, {
      now: clockAt("2024-02-10"),
      post: robotPoster(test),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      limits,
    });
    const elapsed = Date.now() - started;
    const ok = hits.slice(before).filter((h) => h.path === "/ok");
    const hung = hits.slice(before).filter((h) => h.path === "/hang");
    const messagesPerRobot = ok.length / 3;
    expect(messagesPerRobot).toBeGreaterThan(1);
    // Every good robot got every message, within the budget from the start of the run.
    expect(result.delivered).toBe(ok.length);
    for (const h of ok) expect(h.at - started).toBeLessThan(limits.budgetMs);
    // The hanging robot was tried for one message (three tries), its other messages wait.
    expect(hung.length).toBe(3);
    expect(result.failed).toBe(messagesPerRobot);
    // Sequential 4 × 10 s tries per message would take minutes; the run ends near the budget
    // (the slack covers this machine's database writes).
    console.log(`delivery budget: ${elapsed} ms for ${ok.length + hung.length} requests, budget ${limits.budgetMs}`);
    expect(elapsed).toBeLessThan(limits.budgetMs + 2000);
  }, 30_000);
});
