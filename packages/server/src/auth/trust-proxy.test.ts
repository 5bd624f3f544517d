import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../test/app.js";
import { THROTTLE_RULES } from "./login-throttle.js";

/**
 * Behind a reverse proxy every request comes from the proxy's address. With LUOSHI_TRUST_PROXY
 * (here one hop) the client address is read from X-Forwarded-For, so each client has its own
 * sign-in budget; without it the header is ignored (a client cannot spoof its way out of its
 * budget) and all clients behind the proxy share one.
 */
let direct: TestContext;
let proxied: TestContext;
beforeAll(async () => {
  direct = await createTestApp();
  proxied = await createTestApp({ config: { trustProxy: 1 } });
}, 300_000);
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

const PROXY = "10.9.9.9";
let n = 0;
/** A failed sign-in for an unknown name (only the client throttle is in play), through the proxy. */
const attempt = (t: TestContext, client: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: `nobody_${++n}`, password: "wrong-password-1" },
    remoteAddress: PROXY,
    headers: { "x-forwarded-for": client },
  });

async function exhaust(t: TestContext, client: string) {
  for (let i = 0; i < THROTTLE_RULES.client.after; i++) expect((await attempt(t, client)).statusCode).toBe(401);
  expect((await attempt(t, client)).statusCode).toBe(429);
}

describe("client addresses behind a proxy (LUOSHI_TRUST_PROXY)", () => {
  it("trusted: each client behind the proxy has its own budget", async () => {
    await exhaust(proxied, "203.0.113.10");
    expect((await attempt(proxied, "203.0.113.11")).statusCode).toBe(401);
  });

  it("not trusted: X-Forwarded-For is ignored, the proxy's address carries one shared budget", async () => {
    await exhaust(direct, "203.0.113.20");
    // Another client (or a forged header) gets no fresh budget.
    expect((await attempt(direct, "203.0.113.21")).statusCode).toBe(429);
  });
});
