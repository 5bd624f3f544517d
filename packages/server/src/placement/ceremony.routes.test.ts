import { sha256Hex } from "@luoshi/placement";
import JSZip from "jszip";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";
import {
  commitRequest,
  committedPlacement,
  drawRequest,
  placementMultipart,
  rosterCsv,
  runRequest,
  WITNESSES,
} from "./placement.fixtures.js";
import { insertLegacyRun } from "./placement.legacy.fixtures.js";
import { countPlacementRuns } from "./placement.repository.js";

let t: TestContext;
let supervisor: Session;
let school: Session;
let otherAdmin: Session;

beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 2 * 1024 * 1024 });
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  otherAdmin = await loginAs(t.app, t.fixture.b.users.admin);
}, 120_000);
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
/** Business rows, audit events and every placement table: a refused request changes none of them. */
const everything = async () => ({
  ...(await rowCounts(t.db)),
  placement_runs: await countPlacementRuns(t.db),
  placement_commitments: await count("placement_commitments"),
  placement_draws: await count("placement_draws"),
});
const get = (url: string, session = school) => t.app.inject({ url, headers: session.headers });
const commit = async (fields: Record<string, string> = {}, files?: Parameters<typeof commitRequest>[2]) => {
  const res = await t.app.inject(commitRequest(supervisor.headers, fields, files));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().commitment;
};
const verify = (id: string, files: Parameters<typeof placementMultipart>[0] = {}) => {
  const body = placementMultipart(files);
  return t.app.inject({
    method: "POST",
    url: `/api/placements/${id}/verify`,
    headers: { ...school.headers, ...body.headers },
    payload: body.payload,
  });
};
const LATE = "学号,姓名,性别,语文,数学\nL001,晚到甲,男,80,90\nL002,晚到乙,女,85,70\nL003,晚到丙,女,60,75\n";

describe("the ceremony: commit → draw → run → verify", () => {
  it("freezes the roster, prints the notice, takes the draw once after it, runs once, and verifies", async () => {
    const c = await commit({
      drawPlan: "2025年8月20日上午9时在学校报告厅由5名家长代表各写一个两位数",
      schoolId: t.fixture.a.middleSchoolId,
    });
    expect(c).toMatchObject({ status: "committed", studentCount: 40, classCount: 4, draw: null, runId: null });
    expect(c.commitmentHash).toMatch(/^[0-9a-f]{64}$/);

    const notice = await get(`/api/placements/commitments/${c.id}/files/notice`);
    expect(notice.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(notice.rawPayload)).file("word/document.xml")!.async("string");
    for (const s of [c.commitmentHash, c.rosterHash, "承诺时间（北京时间）", "如何验证", "5名家长代表", "城关第一中学"])
      expect(xml).toContain(s);
    const published = await get(`/api/placements/commitments/${c.id}/files/commitment`);
    expect(sha256Hex(published.body)).toBe(c.commitmentHash);

    expect((await t.app.inject(runRequest(supervisor.headers, c.id))).json().error.code).toBe("PLACEMENT_NOT_DRAWN");
    const drawn = await t.app.inject(
      drawRequest(supervisor.headers, c.id, { draw: "07 19 23", source: "家长代表现场书写", witnesses: WITNESSES }),
    );
    expect(drawn.statusCode, drawn.body).toBe(201);
    const d = drawn.json().commitment;
    expect(d).toMatchObject({
      status: "drawn",
      draw: { draw: "07 19 23", source: "家长代表现场书写", witnesses: WITNESSES },
    });
    expect(Date.parse(d.draw.drawnAt)).toBeGreaterThan(Date.parse(c.committedAt));
    const again = await t.app.inject(drawRequest(supervisor.headers, c.id, { draw: "99", witnesses: WITNESSES }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("PLACEMENT_ALREADY_DRAWN");

    const run = await t.app.inject(runRequest(supervisor.headers, c.id));
    expect(run.statusCode, run.body).toBe(201);
    const p = run.json().placement;
    expect(p).toMatchObject({ commitmentId: c.id, legacy: false, draw: "07 19 23", rosterHash: c.rosterHash });
    expect(p.hashLines.join("\n")).toContain(c.commitmentHash);
    const rerun = await t.app.inject(runRequest(supervisor.headers, c.id));
    expect(rerun.json().error.code).toBe("PLACEMENT_ALREADY_RUN");

    const ok = (await verify(p.id)).json();
    expect(ok).toMatchObject({ ok: true, legacy: false, resultHash: p.resultHash });
    expect(ok.checks.map((x: { key: string }) => x.key)).toEqual([
      "commitment",
      "roster",
      "params",
      "draw",
      "order",
      "result",
      "result",
    ]);
    const done = (await get(`/api/placements/commitments/${c.id}`)).json().commitment;
    expect(done).toMatchObject({ status: "done", runId: p.id, resultHash: p.resultHash });
    const list = (await get("/api/placements/commitments")).json().commitments;
    expect(list.find((x: { id: string }) => x.id === c.id)).toMatchObject({ status: "done", statusText: "已完成" });

    // The witness's own copy of a changed roster does not verify, and says why.
    const changed = rosterCsv().replace("学生1,", "学生一,");
    const bad = (await verify(p.id, { roster: { name: "名单.csv", bytes: changed } })).json();
    expect(bad.ok).toBe(false);
    expect(bad.reasons.join("\n")).toContain("名单在承诺后被改动");
  });

  it("refuses an empty or unwitnessed draw and stores nothing", async () => {
    const c = await commit();
    const before = await everything();
    for (const [body, code] of [
      [{ draw: "  ", witnesses: WITNESSES }, "DRAW_EMPTY"],
      [{ draw: "1 2 3", witnesses: [] }, "WITNESS_MISSING"],
      [{ draw: "1 2 3", witnesses: [{ name: " ", role: "家长代表" }] }, "WITNESS_MISSING"],
    ] as const) {
      const res = await t.app.inject(
        drawRequest(supervisor.headers, c.id, { ...body, witnesses: [...body.witnesses] }),
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe(code);
    }
    expect(await everything()).toEqual(before);
    expect((await t.app.inject(drawRequest(school.headers, c.id))).statusCode).toBe(403);
  });

  it("the database itself keeps commitments and draws frozen and a draw after its commitment", async () => {
    const { commitmentId } = await committedPlacement(t.app, supervisor.headers);
    const refused = async (statement: ReturnType<typeof sql>) => {
      await expect(statement.execute(t.db)).rejects.toThrow(/frozen|never deleted|after its commitment/);
    };
    await refused(sql`UPDATE placement_commitments SET roster_hash = 'x' WHERE id = ${commitmentId}`);
    await refused(sql`DELETE FROM placement_commitments WHERE id = ${commitmentId}`);
    await refused(sql`UPDATE placement_draws SET draw = '1' WHERE commitment_id = ${commitmentId}`);
    const c = await commit();
    await refused(sql`INSERT INTO placement_draws (region_id, commitment_id, draw_hash, record, draw, source, witnesses, drawn_by, drawn_at)
      SELECT region_id, id, 'h', '{}', '1', '', '[]', committed_by, committed_at - interval '1 second'
      FROM placement_commitments WHERE id = ${c.id}`);
  });

  it("another bureau neither sees nor draws on a commitment", async () => {
    const c = await commit();
    expect((await get(`/api/placements/commitments/${c.id}`, otherAdmin)).statusCode).toBe(404);
    expect((await t.app.inject(drawRequest(otherAdmin.headers, c.id))).statusCode).toBe(404);
    expect((await get("/api/placements/commitments", otherAdmin)).json().commitments).toEqual([]);
  });
});

describe("no single-step runs", () => {
  it("POST /api/placements answers 410 with the three steps named, and stores nothing", async () => {
    const before = await everything();
    const res = await t.app.inject({ method: "POST", url: "/api/placements", headers: supervisor.headers });
    expect(res.statusCode).toBe(410);
    expect(res.json().error).toMatchObject({
      code: "PLACEMENT_SINGLE_STEP_RETIRED",
      message: expect.stringContaining("承诺"),
    });
    expect(await everything()).toEqual(before);
  });

  it("an old single-step run stays readable and verifies, marked 旧版/未承诺", async () => {
    const org = await t.db
      .selectFrom("orgs")
      .select(["region_id", "id"])
      .where("id", "=", t.fixture.a.middleSchoolId)
      .executeTakeFirstOrThrow();
    const user = await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", t.fixture.a.users.admin)
      .executeTakeFirstOrThrow();
    const legacy = await insertLegacyRun(t.db, t.files, { regionId: org.region_id, orgId: org.id, userId: user.id });
    const detail = (await get(`/api/placements/${legacy.id}`)).json().placement;
    expect(detail).toMatchObject({ legacy: true, commitmentId: null });
    expect((await get(`/api/placements/${legacy.id}/files/notice`)).statusCode).toBe(200);
    const answer = (await verify(legacy.id)).json();
    expect(answer).toMatchObject({ ok: true, legacy: true });
    expect(answer.message).toContain("旧版/未承诺");
  });
});

describe("补录: a documented second round against the first", () => {
  it("places only the late students into the seats left and verifies against the first round", async () => {
    const first = await committedPlacement(t.app, supervisor.headers, { capacities: "11,11,11,11" });
    const early = await commit({ name: "补录（过早）" }, { roster: { name: "补录.csv", bytes: LATE } });
    expect(early.supplementOf).toBeNull();

    const late = await commit(
      { name: "2025级七年级补录", baseCommitmentId: first.commitmentId },
      { roster: { name: "补录.csv", bytes: LATE } },
    );
    expect(late).toMatchObject({ baseCommitmentId: first.commitmentId, studentCount: 3, capacities: [1, 1, 1, 1] });
    expect(late.supplementOf.baseResultHash).toBe(first.placement.resultHash);
    await t.app.inject(drawRequest(supervisor.headers, late.id));
    const run = await t.app.inject(runRequest(supervisor.headers, late.id));
    expect(run.statusCode, run.body).toBe(201);
    const p = run.json().placement;
    expect(p.statistics.map((s: { size: number }) => s.size).reduce((a: number, b: number) => a + b)).toBe(3);
    const answer = (await verify(p.id)).json();
    expect(answer.ok).toBe(true);
    expect(answer.checks.find((x: { key: string }) => x.key === "supplement").text).toContain("首次编班结果");
    // The first round is untouched.
    expect((await get(`/api/placements/${first.placementId}`)).json().placement.resultHash).toBe(
      first.placement.resultHash,
    );

    const second = await t.app.inject(
      commitRequest(
        supervisor.headers,
        { baseCommitmentId: first.commitmentId },
        { roster: { name: "补录.csv", bytes: LATE.replaceAll("L00", "M00") } },
      ),
    );
    expect(second.json().error.code).toBe("PLACEMENT_BASE_HAS_SUPPLEMENT");
  });

  it("refuses a late student already placed, a base not yet run, and teachers", async () => {
    const first = await committedPlacement(t.app, supervisor.headers, { capacities: "12,12,12,12" });
    const before = await everything();
    const placed = `学号,姓名,性别\n${rosterCsv().split("\n")[1]!.split(",").slice(1, 4).join(",")}\n`;
    const cases: [Record<string, string>, Parameters<typeof commitRequest>[2], number, string][] = [
      [
        { baseCommitmentId: first.commitmentId },
        { roster: { name: "补录.csv", bytes: placed } },
        422,
        "SUPPLEMENT_ALREADY_PLACED",
      ],
      [
        { baseCommitmentId: (await commit()).id },
        { roster: { name: "补录.csv", bytes: LATE } },
        409,
        "PLACEMENT_BASE_NOT_RUN",
      ],
      [
        { baseCommitmentId: first.commitmentId },
        { roster: { name: "补录.csv", bytes: LATE }, teachers: { name: "t.csv", bytes: "姓名\n王老师\n" } },
        422,
        "PLACEMENT_SUPPLEMENT_TEACHERS",
      ],
    ];
    const afterSetup = await everything();
    for (const [fields, files, status, code] of cases) {
      const res = await t.app.inject(commitRequest(supervisor.headers, fields, files));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await everything()).toEqual(afterSetup);
    expect(afterSetup.placement_runs).toBe(before.placement_runs);
  });
});
