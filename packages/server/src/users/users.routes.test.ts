import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";
import { PASSWORD } from "../test/fixture.js";
import { createUser } from "./users.service.js";

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
}, 120_000);
afterAll(() => t.close());

const patch = (id: string, payload: object) =>
  t.app.inject({ method: "PATCH", url: `/api/users/${id}`, headers: admin.headers, payload });
const login = (username: string, password: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
const me = (s: Session) => t.app.inject({ url: "/api/auth/me", headers: s.headers });

async function newReporter(username: string) {
  return createUser(t.db, null, {
    orgId: t.fixture.a.schoolId,
    username,
    displayName: "填报员",
    password: PASSWORD,
    role: "school_reporter",
  });
}

describe("editing users", () => {
  it("a role and org change signs the user out and is audited", async () => {
    const user = await newReporter("zhang_san");
    const session = await loginAs(t.app, "zhang_san");
    const res = await patch(user.id, { role: "dept_head", orgId: t.fixture.a.deptId, displayName: "张三" });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ role: "dept_head", orgId: t.fixture.a.deptId, disabled: false });
    expect((await me(session)).statusCode).toBe(401);
    const again = await loginAs(t.app, "zhang_san");
    expect((await me(again)).json()).toMatchObject({ user: { role: "dept_head" } });
    const [event] = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", user.id)
      .where("action", "=", "update")
      .execute();
    expect(event).toMatchObject({ before: { role: "school_reporter" }, after: { role: "dept_head" } });
  });

  it("a password reset replaces the password and never writes the hash to the audit", async () => {
    const user = await newReporter("li_si");
    expect((await patch(user.id, { password: "new-password-1" })).statusCode).toBe(200);
    expect((await login("li_si", PASSWORD)).statusCode).toBe(401);
    expect((await login("li_si", "new-password-1")).statusCode).toBe(200);
    const events = await t.db.selectFrom("audit_events").selectAll().where("entity_id", "=", user.id).execute();
    expect(JSON.stringify(events)).not.toContain("argon2");
    expect(events.at(-1)?.after).toMatchObject({ passwordReset: true });
  });

  it("disabling keeps the row and refuses login; enabling lets them back in", async () => {
    const user = await newReporter("wang_wu");
    const disabled = await patch(user.id, { disabled: true });
    expect(disabled.json().user.disabled).toBe(true);
    expect((await login("wang_wu", PASSWORD)).statusCode).toBe(401);
    const listed = (await t.app.inject({ url: "/api/users", headers: admin.headers })).json().users;
    // Still listed for the admin, marked disabled, so it can be enabled again from the list.
    expect(listed.find((u: { id: string }) => u.id === user.id)).toMatchObject({ disabled: true });
    expect((await patch(user.id, { disabled: false })).json().user.disabled).toBe(false);
    expect((await login("wang_wu", PASSWORD)).statusCode).toBe(200);
    const actions = await t.db.selectFrom("audit_events").select("action").where("entity_id", "=", user.id).execute();
    expect(actions.map((a) => a.action)).toEqual(["create", "disable", "enable"]);
  });

  it("an admin cannot disable or demote themselves, nor move a user to another region", async () => {
    const self = await t.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", t.fixture.a.users.admin)
      .executeTakeFirstOrThrow();
    const before = await rowCounts(t.db);
    const disable = await patch(self.id, { disabled: true });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().error.code).toBe("USER_IS_SELF");
    expect((await patch(self.id, { role: "leader" })).json().error.code).toBe("USER_IS_SELF");
    const reporter = await t.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", t.fixture.a.users.school_reporter)
      .executeTakeFirstOrThrow();
    const away = await patch(reporter.id, { orgId: t.fixture.b.schoolId });
    expect(away.statusCode).toBe(400);
    expect(away.json().error.code).toBe("USER_ORG_INVALID");
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await patch(self.id, { displayName: "管理员" })).statusCode).toBe(200);
  });
});
