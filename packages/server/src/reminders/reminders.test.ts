import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.js";
import { runStatusEngine } from "../status/status.service.js";
import { clockAt, type SupervisedPlan, supervisedPlan } from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { claimDeliveries } from "./reminders.repository.js";
import { createEndpoint, gaveUp, LATE_DELIVERY, retryDeliveries, runReminders } from "./reminders.service.js";
import { robotPoster, type WebhookPolicy } from "./webhook-guard.js";

interface Hit {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
}

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan;
let server: Server;
let base: string;
/** The recording server is allowed explicitly; the production policy refuses it (webhook-guard.test.ts). */
const policy: WebhookPolicy = {
  hosts: ["robot.test"],
  allowPlainHttp: true,
  allowPorts: true,
  allowAddresses: ["127.0.0.1"],
  resolve: async () => [{ address: "127.0.0.1", family: 4 }],
};
const hits: Hit[] = [];
/** Answers 500 to the first two calls of /flaky. */
let flakyFailures = 2;

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      hits.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(data) });
      if (url.pathname === "/flaky" && flakyFailures-- > 0) {
        res.writeHead(500).end("boom");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://robot.test:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  server.close();
  await drop();
});

const supervisorOf = async () => {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("role", "=", "supervisor")
    .where("region_id", "=", ctx.regionId)
    .executeTakeFirstOrThrow();
  const { actorFor } = await import("../auth/auth.service.js");
  return actorFor(db, user);
};

describe("reminders", () => {
  const day = "2024-02-10";
  const delays: number[] = [];
  const deps = () => ({
    now: clockAt(day),
    post: robotPoster(policy),
    sleep: async (ms: number) => {
      delays.push(ms);
    },
  });

  it("sends WeCom and signed DingTalk messages in their formats, retrying 500s with backoff", async () => {
    const actor = await supervisorOf();
    await createEndpoint(
      db,
      actor,
      {
        kind: "wecom",
        name: "企业微信群",
        url: `${base}/wecom?key=k1`,
        events: ["missing_report"],
      },
      policy,
    );
    await createEndpoint(
      db,
      actor,
      {
        kind: "dingtalk",
        name: "钉钉群",
        url: `${base}/flaky?access_token=t1`,
        secret: "SECabc",
        events: ["missing_report"],
      },
      policy,
    );
    await runStatusEngine(db, { now: clockAt(day) });
    const result = await runReminders(db, deps());

    const orgs = new Set(ctx.assignments.map((a) => a.org_id));
    expect(result.notifications).toBe(ctx.assignments.length);
    expect(result.delivered).toBe(orgs.size * 2);
    expect(result.failed).toBe(0);
    // Stamped by the app's clock (a fixed day here), not the database's: the 消息中心 shows it.
    const stamped = await db
      .selectFrom("notifications")
      .select("created_at")
      .where("region_id", "=", ctx.regionId)
      .where("event", "=", "missing_report")
      .execute();
    expect(stamped.length).toBe(ctx.assignments.length);
    for (const n of stamped) expect(new Date(n.created_at).toISOString()).toBe(clockAt(day)().toISOString());

    const wecom = hits.filter((h) => h.path === "/wecom");
    expect(wecom).toHaveLength(orgs.size);
    expect(wecom[0]!.body.msgtype).toBe("markdown");
    expect(wecom[0]!.body.markdown.content).toContain("未按时填报");
    expect(wecom[0]!.query.get("key")).toBe("k1");

    const ding = hits.filter((h) => h.path === "/flaky");
    expect(ding).toHaveLength(orgs.size + 2);
    for (const h of ding) {
      expect(h.body.markdown.title).toContain("未按时填报");
      expect(h.body.markdown.text).toContain("2024-01期未填报");
      const timestamp = h.query.get("timestamp")!;
      const expected = createHmac("sha256", "SECabc").update(`${timestamp}\nSECabc`).digest("base64");
      expect(h.query.get("sign")).toBe(expected);
      expect(h.query.get("access_token")).toBe("t1");
    }
    // Two 500s: one message retried twice (0.5 s, 1 s) or, sent concurrently, two retried once.
    expect([
      [500, 1000],
      [500, 500],
    ]).toContainEqual(delays);

    const log = await db.selectFrom("webhook_deliveries").selectAll().execute();
    expect(log.every((d) => d.status === "delivered")).toBe(true);
    expect(log.reduce((sum, d) => sum + d.attempts, 0)).toBe(log.length + 2);
  });

  it("re-running the same day delivers nothing twice", async () => {
    const before = hits.length;
    const again = await runReminders(db, deps());
    expect(again).toEqual({ notifications: 0, delivered: 0, failed: 0 });
    expect(hits.length).toBe(before);
  });

  it("gives up after three attempts and logs the last error", async () => {
    const actor = await supervisorOf();
    flakyFailures = 100;
    await createEndpoint(
      db,
      actor,
      {
        kind: "dingtalk",
        name: "坏地址",
        url: `${base}/flaky`,
        events: ["missing_report"],
      },
      policy,
    );
    const result = await runReminders(db, deps());
    expect(result.failed).toBeGreaterThan(0);
    const failed = await db.selectFrom("webhook_deliveries").selectAll().where("status", "=", "failed").execute();
    expect(failed[0]).toMatchObject({ attempts: 3, last_error: "HTTP 500", last_http_status: 500, last_errcode: null });
  });

  it("sends failed messages late once the robot answers again, and stops after three days", async () => {
    const failedIds = async () =>
      (await db.selectFrom("webhook_deliveries").select("id").where("status", "=", "failed").execute()).map(
        (d) => d.id,
      );
    const ids = await failedIds();
    expect(ids.length).toBeGreaterThan(0);
    // Still down an hour later: a second round of three attempts is used and logged.
    const stillDown = await retryDeliveries(db, { ...deps(), now: () => new Date(Date.parse(`${day}T03:00:00Z`)) });
    expect(stillDown).toEqual({ delivered: 0, failed: ids.length });
    flakyFailures = 0;
    const before = hits.length;
    const late = await retryDeliveries(db, { ...deps(), now: () => new Date(Date.parse(`${day}T04:00:00Z`)) });
    expect(late).toEqual({ delivered: ids.length, failed: 0 });
    expect(hits.length - before).toBe(ids.length);
    expect(await failedIds()).toEqual([]);
    const sent = await db.selectFrom("webhook_deliveries").selectAll().where("id", "in", ids).execute();
    expect(sent.map((d) => [d.status, d.attempts])).toEqual(ids.map(() => ["delivered", 7]));
    // Delivered messages are never sent again.
    expect(await retryDeliveries(db, deps())).toEqual({ delivered: 0, failed: 0 });
  });

  it("retries every hour for the whole 72-hour window with a fixed clock, then gives up", async () => {
    const actor = await supervisorOf();
    flakyFailures = 1_000_000;
    // A robot down for good: one message, first due at 2024-03-01 10:00 (Shanghai).
    const start = Date.parse("2024-03-01T02:00:00Z");
    const at = (hours: number) => () => new Date(start + hours * 3_600_000);
    await createEndpoint(
      db,
      actor,
      { kind: "wecom", name: "一直坏的群", url: `${base}/flaky?key=down`, events: ["overdue"] },
      policy,
    );
    await db.updateTable("webhook_deliveries").set({ status: "delivered" }).execute();
    const endpoint = await db
      .selectFrom("webhook_endpoints")
      .select(["region_id", "id"])
      .where("name", "=", "一直坏的群")
      .executeTakeFirstOrThrow();
    const [claimed] = await claimDeliveries(db, [
      {
        region_id: endpoint.region_id,
        endpoint_id: endpoint.id,
        delivery_key: "overdue:org:window-test:2024-03-01",
        event: "overdue",
        entity_id: "window-test",
        payload: { msgtype: "markdown", markdown: { content: "x" } },
        created_at: at(0)().toISOString(),
      },
    ]);
    const attemptsAt: number[] = [];
    for (let hour = 1; hour <= LATE_DELIVERY.hours + 3; hour++) {
      const round = await retryDeliveries(db, { ...deps(), now: at(hour) });
      if (round.failed > 0) attemptsAt.push(hour);
    }
    // Every hour from the first to the 72nd, never after.
    expect(attemptsAt).toEqual(Array.from({ length: LATE_DELIVERY.hours }, (_, i) => i + 1));
    const row = await db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("id", "=", claimed!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: LATE_DELIVERY.hours * 3, last_http_status: 500 });
    expect(gaveUp(row, at(LATE_DELIVERY.hours)())).toBe(false);
    expect(gaveUp(row, at(LATE_DELIVERY.hours + 1)())).toBe(true);
  });
});
