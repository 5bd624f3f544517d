import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, rowCounts, type Session, type TestContext } from "../test/app.js";
import { draftPlan, publishedPlan } from "../test/plans.js";

let t: TestContext;
let admin: Session;
let school: Session;
let plan: { planId: string; taskIds: string[] };
let draft: { planId: string; taskIds: string[] };

beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 64 * 1024 });
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  plan = await publishedPlan(t.db, t.fixture.a.bureauId);
  draft = await draftPlan(t.db, t.fixture.a.bureauId);
}, 120_000);
afterAll(() => t.close());

/** Sends a bad request and asserts a 4xx with the stable code and no row changed anywhere (audit included). */
async function rejects(request: InjectOptions, status: number, code: string) {
  const before = await rowCounts(t.db);
  const res = await t.app.inject(request);
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  expect(await rowCounts(t.db)).toEqual(before);
}

const fileUpload = (session: Session, name: string, bytes: Uint8Array | string, url = "/api/files") => {
  const body = multipart({ name, bytes });
  return { method: "POST" as const, url, headers: { ...session.headers, ...body.headers }, payload: body.payload };
};

describe("bad input changes nothing", () => {
  it("malformed JSON", () =>
    rejects(
      {
        method: "POST",
        url: "/api/orgs",
        headers: { ...admin.headers, "content-type": "application/json" },
        payload: "{ 名称: ",
      },
      400,
      "MALFORMED_JSON",
    ));

  it("wrong types", () =>
    rejects(
      {
        method: "POST",
        url: `/api/tasks/${plan.taskIds[0]}/reports`,
        headers: school.headers,
        payload: { period: "2024-05", status: "done", narrative: "x", percent: "很多" },
      },
      400,
      "VALIDATION_FAILED",
    ));

  it("an unknown enum value", () =>
    rejects(
      {
        method: "POST",
        url: `/api/tasks/${plan.taskIds[0]}/reports`,
        headers: school.headers,
        payload: { period: "2024-05", status: "finished", narrative: "", percent: 10 },
      },
      400,
      "VALIDATION_FAILED",
    ));

  it("a period that does not fit the plan's cadence", () =>
    rejects(
      {
        method: "POST",
        url: `/api/tasks/${plan.taskIds[2]}/reports`,
        headers: school.headers,
        payload: { period: "2024-Q2", status: "done", narrative: "", percent: 100 },
      },
      400,
      "INVALID_PERIOD",
    ));

  const report = (payload: object) => ({
    method: "POST" as const,
    url: `/api/tasks/${plan.taskIds[2]}/reports`,
    headers: school.headers,
    payload: { narrative: "", ...payload },
  });

  it("a period outside the plan's year, or still to come", async () => {
    await rejects(report({ period: "2023-12", status: "in_progress", percent: 10 }), 400, "PERIOD_OUT_OF_PLAN");
    await rejects(report({ period: "2025-01", status: "in_progress", percent: 10 }), 400, "PERIOD_OUT_OF_PLAN");
    // A plan of the current year: next month is refused, this month is accepted.
    await t.db.updateTable("plans").set({ year: 2099 }).where("id", "=", plan.planId).execute();
    try {
      await rejects(report({ period: "2099-12", status: "in_progress", percent: 10 }), 400, "PERIOD_OUT_OF_PLAN");
    } finally {
      await t.db.updateTable("plans").set({ year: 2024 }).where("id", "=", plan.planId).execute();
    }
  });

  it("status and percent that disagree", async () => {
    await rejects(report({ period: "2024-05", status: "done", percent: 0 }), 400, "STATUS_PERCENT_MISMATCH");
    await rejects(report({ period: "2024-05", status: "done", percent: 99 }), 400, "STATUS_PERCENT_MISMATCH");
    await rejects(report({ period: "2024-05", status: "in_progress", percent: 100 }), 400, "STATUS_PERCENT_MISMATCH");
    await rejects(report({ period: "2024-05", status: "blocked", percent: 100 }), 400, "STATUS_PERCENT_MISMATCH");
    await rejects(report({ period: "2024-05", status: "not_started", percent: 20 }), 400, "STATUS_PERCENT_MISMATCH");
    const ok = await t.app.inject(report({ period: "2024-05", status: "done", percent: 100, narrative: "已完成" }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("NUL bytes and invalid UTF-8 are refused with INVALID_TEXT", async () => {
    const orgs = { method: "POST" as const, url: "/api/orgs", headers: admin.headers };
    const valid = { parentId: t.fixture.a.bureauId, kind: "school" };
    await rejects({ ...orgs, payload: { ...valid, name: "学校\u0000" } }, 400, "INVALID_TEXT");
    await rejects({ ...orgs, payload: { ...valid, name: "学校", "k\u0000": 1 } }, 400, "INVALID_TEXT");
    const json = { ...orgs, headers: { ...admin.headers, "content-type": "application/json" } };
    await rejects({ ...json, payload: '{"name":"a\\u0000","kind":"school"}' }, 400, "INVALID_TEXT");
    const latin1 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    await rejects({ ...json, payload: latin1 }, 400, "INVALID_TEXT");
    await rejects({ method: "GET", url: "/api/plans/a%00b", headers: admin.headers }, 400, "INVALID_TEXT");
    await rejects({ method: "GET", url: "/api/plans/%C3%28", headers: admin.headers }, 400, "INVALID_TEXT");
    await rejects({ method: "GET", url: "/api/tasks?q=%00", headers: admin.headers }, 400, "INVALID_TEXT");
    await rejects({ method: "GET", url: "/api/tasks?q=%FF", headers: admin.headers }, 400, "INVALID_TEXT");
    const body = multipart({ name: "plan.txt", bytes: "x" }, { year: "2024\u0000" });
    await rejects(
      { method: "POST", url: "/api/plans", headers: { ...admin.headers, ...body.headers }, payload: body.payload },
      400,
      "INVALID_TEXT",
    );
  });

  it("an escaped backslash before u0000 is text, not a NUL", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: { ...admin.headers, "content-type": "application/json" },
      payload: `{"parentId":"${t.fixture.a.bureauId}","kind":"school","name":"路径\\\\u0000"}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().org.name).toBe("路径\\u0000");
  });

  it("unknown ids", async () => {
    await rejects(
      { method: "GET", url: "/api/plans/00000000-0000-0000-0000-000000000000", headers: admin.headers },
      404,
      "PLAN_NOT_FOUND",
    );
    await rejects(
      {
        method: "POST",
        url: "/api/tasks/nope/reports",
        headers: school.headers,
        payload: { period: "2024-05", status: "done", narrative: "", percent: 1 },
      },
      404,
      "TASK_NOT_FOUND",
    );
    await rejects({ method: "GET", url: "/api/files/nope", headers: admin.headers }, 404, "FILE_NOT_FOUND");
    await rejects({ method: "GET", url: "/api/no-such-route", headers: admin.headers }, 404, "ROUTE_NOT_FOUND");
  });

  it("SQL-looking strings are data, not SQL", async () => {
    await rejects(
      { method: "GET", url: `/api/plans/${encodeURIComponent("x' OR '1'='1")}`, headers: admin.headers },
      404,
      "PLAN_NOT_FOUND",
    );
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin_a'; DROP TABLE users; --", password: "x" },
    });
    expect(res.statusCode).toBe(401);
    expect((await t.db.selectFrom("users").select("id").execute()).length).toBeGreaterThan(0);
  });

  it("oversize uploads", () => rejects(fileUpload(admin, "big.txt", "教".repeat(40 * 1024)), 413, "PAYLOAD_TOO_LARGE"));

  it("mislabelled uploads: a PNG named .pdf", () =>
    rejects(
      fileUpload(admin, "report.pdf", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
      400,
      "FILE_TYPE_NOT_ALLOWED",
    ));

  it("executables are refused", () =>
    rejects(fileUpload(admin, "setup.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])), 400, "FILE_TYPE_NOT_ALLOWED"));

  it("path-traversal file names", async () => {
    await rejects(fileUpload(admin, "../../etc/passwd.txt", "root"), 400, "FILE_NAME_INVALID");
    await rejects(fileUpload(admin, "..\\\\windows\\\\win.ini.txt", "x"), 400, "FILE_NAME_INVALID");
  });

  it("a file that is not a plan", async () => {
    await rejects(
      fileUpload(admin, "通知.txt", "关于召开会议的通知\n请各单位准时参加。\n", "/api/plans"),
      422,
      "PLAN_HAS_NO_TASKS",
    );
    const before = await rowCounts(t.db);
    const res = await t.app.inject(fileUpload(admin, "plan.docx", "this is not a zip", "/api/plans"));
    expect(res.statusCode).toBe(422);
    expect(["CORRUPT_DOCUMENT", "NOT_A_DOCUMENT", "PLAN_HAS_NO_TASKS"]).toContain(res.json().error.code);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("an upload reads only its declared file part", async () => {
    const boundary = "----luoshiparts";
    const part = (name: string, filename?: string, bytes = "x") =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n\r\n${bytes}\r\n`;
    const send = (...parts: string[]) => ({
      method: "POST" as const,
      url: "/api/files",
      headers: { ...admin.headers, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `${parts.join("")}--${boundary}--\r\n`,
    });
    await rejects(send(part("other", "a.txt")), 400, "UNEXPECTED_PART");
    await rejects(send(part("file", "a.txt"), part("file", "b.txt")), 400, "UNEXPECTED_PART");
    await rejects(send(part("note"), part("file", "a.txt")), 400, "UNEXPECTED_PART");
    // The refused part comes first and is big: refused before it is read, not after buffering it.
    await rejects(send(part("junk", "big.bin", "x".repeat(32 * 1024)), part("file", "a.txt")), 400, "UNEXPECTED_PART");
    const ok = await t.app.inject(send(part("file", "纪要.txt", "会议纪要")));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("a JSON body where a file is expected", () =>
    rejects(
      { method: "POST", url: "/api/plans", headers: admin.headers, payload: { file: "x" } },
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ));

  it("reporting on a task not assigned to the unit", () =>
    rejects(
      {
        method: "POST",
        url: `/api/tasks/${plan.taskIds[0]}/reports`,
        headers: school.headers,
        payload: { period: "2024-05", status: "done", narrative: "", percent: 100 },
      },
      403,
      "NOT_ASSIGNED",
    ));

  it("publishing twice", async () => {
    await rejects(
      { method: "POST", url: `/api/plans/${plan.planId}/publish`, headers: admin.headers },
      409,
      "PLAN_NOT_DRAFT",
    );
    await rejects(
      { method: "PATCH", url: `/api/plans/${draft.planId}`, headers: admin.headers, payload: { cadence: "weekly" } },
      400,
      "VALIDATION_FAILED",
    );
  });
});
