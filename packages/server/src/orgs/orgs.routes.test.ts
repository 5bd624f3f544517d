import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";
import { createOrg } from "./orgs.service.js";

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
}, 120_000);
afterAll(() => t.close());

const patch = (id: string, payload: object) =>
  t.app.inject({ method: "PATCH", url: `/api/orgs/${id}`, headers: admin.headers, payload });
const del = (url: string) => t.app.inject({ method: "DELETE", url, headers: admin.headers });
const auditOf = (entityId: string) =>
  t.db.selectFrom("audit_events").selectAll().where("entity_id", "=", entityId).orderBy("at").execute();

describe("editing organisations", () => {
  it("renaming a school is audited with before and after", async () => {
    const res = await patch(t.fixture.a.middleSchoolId, { name: "城关第二中学", sortOrder: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json().org).toMatchObject({ name: "城关第二中学", sortOrder: 3 });
    const [event] = (await auditOf(t.fixture.a.middleSchoolId)).filter((e) => e.action === "update");
    expect(event).toMatchObject({ before: { name: "城关第一中学" }, after: { name: "城关第二中学" } });
  });

  it("a school moves under a department of its bureau, never into another region or below itself", async () => {
    const moved = await patch(t.fixture.a.schoolId, { parentId: t.fixture.a.deptId });
    expect(moved.json().org.parentId).toBe(t.fixture.a.deptId);
    await patch(t.fixture.a.schoolId, { parentId: t.fixture.a.bureauId });

    const before = await rowCounts(t.db);
    const otherRegion = await patch(t.fixture.a.schoolId, { parentId: t.fixture.b.bureauId });
    expect(otherRegion.statusCode).toBe(400);
    expect(otherRegion.json().error.code).toBe("ORG_PARENT_INVALID");
    const belowItself = await patch(t.fixture.a.deptId, { parentId: t.fixture.a.deptId });
    expect(belowItself.json().error.code).toBe("ORG_PARENT_INVALID");
    const ownBureau = await patch(t.fixture.a.bureauId, { parentId: t.fixture.provinceId });
    expect(ownBureau.statusCode).toBe(409);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("an org with users or child orgs is not deactivated", async () => {
    const before = await rowCounts(t.db);
    const res = await del(`/api/orgs/${t.fixture.a.schoolId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "ORG_HAS_MEMBERS", details: { users: 1, children: 0 } });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("deactivating keeps the row, hides the org, retires its aliases and is audited", async () => {
    const org = await createOrg(t.db, null, { parentId: t.fixture.a.bureauId, name: "城关二幼", kind: "school" });
    const alias = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${org.id}/aliases`,
      headers: admin.headers,
      payload: { alias: "二幼" },
    });
    expect(alias.statusCode).toBe(201);
    expect((await del(`/api/orgs/${org.id}`)).statusCode).toBe(204);

    const listed = (await t.app.inject({ url: "/api/orgs", headers: admin.headers })).json().orgs;
    expect(listed.map((o: { id: string }) => o.id)).not.toContain(org.id);
    const row = await t.db.selectFrom("orgs").selectAll().where("id", "=", org.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const aliasRow = await t.db
      .selectFrom("org_aliases")
      .selectAll()
      .where("alias", "=", "二幼")
      .executeTakeFirstOrThrow();
    expect(aliasRow.deleted_at).not.toBeNull();
    expect((await auditOf(org.id)).map((e) => e.action)).toEqual(["create", "delete"]);
    expect((await del(`/api/orgs/${org.id}`)).statusCode).toBe(404);
  });
});

describe("deleting an alias", () => {
  it("soft-deletes it, is audited, and frees the name for another org", async () => {
    const dept = t.fixture.a.deptId;
    const detail = (await t.app.inject({ url: `/api/orgs/${dept}`, headers: admin.headers })).json().org;
    const entry = detail.aliasEntries.find((a: { alias: string }) => a.alias === "基教股");
    expect(entry).toBeDefined();

    expect((await del(`/api/orgs/${t.fixture.a.schoolId}/aliases/${entry.id}`)).statusCode).toBe(404);
    expect((await del(`/api/orgs/${dept}/aliases/${entry.id}`)).statusCode).toBe(204);
    expect((await del(`/api/orgs/${dept}/aliases/${entry.id}`)).statusCode).toBe(404);

    const after = (await t.app.inject({ url: `/api/orgs/${dept}`, headers: admin.headers })).json().org;
    expect(after.aliases).not.toContain("基教股");
    expect((await auditOf(entry.id)).map((e) => e.action)).toEqual(["create", "delete"]);
    const reused = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${t.fixture.a.schoolId}/aliases`,
      headers: admin.headers,
      payload: { alias: "基教股" },
    });
    expect(reused.statusCode).toBe(201);
  });

  it("another bureau's alias is out of reach", async () => {
    const other = await t.db
      .selectFrom("org_aliases")
      .selectAll()
      .where("org_id", "=", t.fixture.b.deptId)
      .executeTakeFirstOrThrow();
    expect((await del(`/api/orgs/${t.fixture.b.deptId}/aliases/${other.id}`)).statusCode).toBe(404);
  });
});
