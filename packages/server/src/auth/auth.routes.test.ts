import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type TestContext } from "../test/app.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

const login = (username: string, password: string, remoteAddress = "127.0.0.1", cookie?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress,
    ...(cookie ? { headers: { cookie } } : {}),
  });

describe("login", () => {
  it("sets an httpOnly session cookie and returns a CSRF token", async () => {
    const res = await login(t.fixture.a.users.leader, "password123");
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies[0]!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    expect(res.json().csrfToken).toMatch(/.{20,}/);
  });

  it("a wrong password and an unknown user give the same answer", async () => {
    const wrong = await login(t.fixture.a.users.leader, "nope");
    const unknown = await login("nobody", "nope");
    expect(wrong.json()).toEqual({ error: { code: "INVALID_CREDENTIALS", message: "用户名或密码错误" } });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("logout ends the session", async () => {
    const s = await loginAs(t.app, t.fixture.a.users.admin);
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: s.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: "/api/auth/me", headers: s.headers })).statusCode).toBe(401);
  });

  it("a user sees only their org's subtree", async () => {
    const dept = await loginAs(t.app, t.fixture.a.users.dept_head);
    const orgs = (await t.app.inject({ url: "/api/orgs", headers: dept.headers })).json().orgs;
    expect(orgs.map((o: { id: string }) => o.id)).toEqual([t.fixture.a.deptId]);
    const admin = await loginAs(t.app, t.fixture.a.users.admin);
    const all = (await t.app.inject({ url: "/api/orgs", headers: admin.headers })).json().orgs;
    expect(all.some((o: { id: string }) => o.id === t.fixture.b.bureauId)).toBe(false);
    expect(all.length).toBe(7);
  });
});

describe("session cache", () => {
  const me = (s: { headers: Record<string, string> }) => t.app.inject({ url: "/api/auth/me", headers: s.headers });
  const patchUser = (admin: { headers: Record<string, string> }, id: string, payload: object) =>
    t.app.inject({ method: "PATCH", url: `/api/users/${id}`, headers: admin.headers, payload });
  const userId = async (username: string) =>
    (await t.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;

  it("a cached session ends at logout: the next request is 401", async () => {
    const s = await loginAs(t.app, t.fixture.a.users.leader);
    expect((await me(s)).statusCode).toBe(200); // now cached
    expect((await me(s)).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: s.headers })).statusCode).toBe(204);
    expect((await me(s)).statusCode).toBe(401);
  });

  it("a role change drops the cached session (401); a name change shows on the next request", async () => {
    const admin = await loginAs(t.app, t.fixture.a.users.admin);
    const username = t.fixture.a.users.school_reporter;
    const id = await userId(username);
    const s = await loginAs(t.app, username);
    expect((await me(s)).json().user).toMatchObject({ role: "school_reporter" });
    expect((await patchUser(admin, id, { displayName: "新名字" })).statusCode).toBe(200);
    expect((await me(s)).json().user).toMatchObject({ displayName: "新名字", role: "school_reporter" });
    expect((await patchUser(admin, id, { role: "dept_head" })).statusCode).toBe(200);
    expect((await me(s)).statusCode).toBe(401);
    const again = await loginAs(t.app, username);
    expect((await me(again)).json().user).toMatchObject({ role: "dept_head" });
    expect((await patchUser(admin, id, { role: "school_reporter" })).statusCode).toBe(200);
  });
});

describe("login rate limit", () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await createTestApp({ loginAttemptsPerMinute: 3 });
  }, 120_000);
  afterAll(() => limited.close());

  it("refuses a client's attempts beyond the limit per minute with RATE_LIMITED", async () => {
    const attempt = () =>
      limited.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "nobody", password: "x" } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const res = await attempt();
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe("RATE_LIMITED");
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
