import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { ACTION_LABELS, ENTITY_LABELS } from "./audit-labels.js";

let t: TestContext;
let admin: Session;
let adminB: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  adminB = await loginAs(t.app, t.fixture.b.users.admin);
}, 120_000);
afterAll(() => t.close());

const get = (url: string, s = admin) => t.app.inject({ url, headers: s.headers });

interface Entry {
  actorName: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  objectTitle: string | null;
  action: string;
  actionLabel: string;
  at: string;
}

async function renameUser(name: string): Promise<string> {
  const users = (await get("/api/users")).json().users as { id: string; username: string }[];
  const reporter = users.find((u) => u.username === t.fixture.a.users.school_reporter)!;
  const res = await t.app.inject({
    method: "PATCH",
    url: `/api/users/${reporter.id}`,
    headers: admin.headers,
    payload: { displayName: name },
  });
  expect(res.statusCode).toBe(200);
  return reporter.id;
}

describe("the audit trail in Chinese", () => {
  it("names the actor, the action and the object by title, not by codes", async () => {
    const id = await renameUser("王老师");
    const events = (await get(`/api/audit?entity=user&entityId=${id}`)).json().events as Entry[];
    expect(events[0]).toMatchObject({
      actorName: t.fixture.a.users.admin,
      entityLabel: "用户",
      objectTitle: "王老师",
      action: "update",
      actionLabel: "修改",
    });
    // Events without an actor (seeding) are the system's.
    const seeded = (await get("/api/audit?entity=org&limit=500")).json().events as Entry[];
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every((e) => e.actorName === "系统" && e.entityLabel === "组织机构" && e.objectTitle)).toBe(true);
  });

  it("filters by action, actor and date (Asia/Shanghai days); another bureau's admin sees none of it", async () => {
    await renameUser("李老师");
    const me = { id: ((await get("/api/auth/me")).json().user as { userId: string }).userId };
    const mine = (await get(`/api/audit?actorId=${me.id}&action=update`)).json().events as Entry[];
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((e) => e.action === "update" && e.actorName === t.fixture.a.users.admin)).toBe(true);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(((await get(`/api/audit?from=${today}&to=${today}`)).json().events as Entry[]).length).toBeGreaterThan(0);
    expect((await get("/api/audit?to=2000-01-01")).json().events).toEqual([]);
    expect((await get("/api/audit?from=2026-13-45x")).statusCode).toBe(400);
    const other = (await get(`/api/audit?actorId=${me.id}`, adminB)).json().events as Entry[];
    expect(other).toEqual([]);
  });

  it("exports the filtered trail as a workbook with the same rows", async () => {
    await renameUser("赵老师");
    const query = "entity=user&action=update";
    const shown = (await get(`/api/audit?${query}&limit=500`)).json().events as Entry[];
    const res = await get(`/api/audit/export?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).values).toContain("操作人");
    const rows = sheet.getRows(3, sheet.rowCount - 2) ?? [];
    expect(rows.length).toBe(shown.length);
    expect(rows.map((r) => r.getCell(6).value)).toEqual(shown.map((e) => e.objectTitle ?? ""));
    expect(rows.every((r) => r.getCell(4).value === "修改")).toBe(true);
  });

  it("offers the codes it can filter by, each with its Chinese label", async () => {
    const v = (await get("/api/audit/vocabulary")).json() as { entities: { code: string; label: string }[] };
    expect(v.entities).toContainEqual({ code: "plan_task", label: "任务" });
  });
});

/** Every entity and action code the server writes has a Chinese label. */
describe("audit labels", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const path = join(dir, d.name);
      if (d.isDirectory()) return d.name === "test" ? [] : sources(path);
      return d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") ? [path] : [];
    });
  const text = sources(join(import.meta.dirname, "..")).map((f) => readFileSync(f, "utf8"));
  const codes = (re: RegExp) => new Set(text.flatMap((s) => [...s.matchAll(re)].map((m) => m[1]!)));

  it("covers every entity", () => {
    const entities = new Set([...codes(/\bentity: "([a-z_]+)"/g), ...codes(/auditorFor\("([a-z_]+)"\)/g)]);
    expect(entities.size).toBeGreaterThan(10);
    expect([...entities].filter((e) => !ENTITY_LABELS[e])).toEqual([]);
  });

  it("covers every action", () => {
    const inAuditCalls = new Set(
      text.flatMap((s) =>
        [...s.matchAll(/\baudit\w*\([^)]*\)/g)].flatMap((m) => [...m[0].matchAll(/"([a-z_]+)"/g)].map((x) => x[1]!)),
      ),
    );
    const actions = new Set([...codes(/\baction: "([a-z_]+)"/g), ...inAuditCalls]);
    for (const entity of Object.keys(ENTITY_LABELS)) actions.delete(entity);
    expect(actions.size).toBeGreaterThan(10);
    expect([...actions].filter((a) => !ACTION_LABELS[a])).toEqual([]);
  });
});
