import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../test/app.js";

const apps: TestContext[] = [];
const fresh = async () => {
  const t = await createTestApp();
  apps.push(t);
  return t.app;
};
afterAll(async () => {
  for (const t of apps) await t.close();
});

describe("route schemas compiled on first use", () => {
  it("every route's request and answer schemas compile", async () => {
    const app = await fresh();
    const compiled = app.compileAllSchemas();
    // Some 300 routes, each with its request parts and several answers.
    expect(compiled).toBeGreaterThan(app.luoshiRoutes.length);
    expect(app.compileAllSchemas()).toBe(0);
  });

  it("a route's schemas are compiled when it is first asked, not at start", async () => {
    const untouched = await fresh();
    const asked = await fresh();
    const res = await asked.inject({ method: "GET", url: "/api/health" });
    expect(res.json()).toEqual({ ok: true });
    expect(asked.compileAllSchemas()).toBeLessThan(untouched.compileAllSchemas());
  });

  it("a request that fails validation is refused with its details, as with schemas compiled at start", async () => {
    const app = await fresh();
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "a" } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; details: { message: string }[] } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details[0]?.message).toMatch(/password/);
    // The same validator, now compiled, still reports the next failure's own errors.
    const again = await app.inject({ method: "POST", url: "/api/auth/login", payload: { password: "x" } });
    expect((again.json() as typeof body).error.details[0]?.message).toMatch(/username/);
  });
});
