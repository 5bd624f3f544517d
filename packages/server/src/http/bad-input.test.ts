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
async function rejects(request: Parameters<TestContext["app"]["inject"]>[0], status: number, code: string) {
  const before = await rowCounts(t.db);
  const res = await t.app.inject(request as never);
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
        payload: { period: "2024-Q2", status: "done", narrative: "", percent: 10 },
      },
      400,
      "INVALID_PERIOD",
    ));

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
