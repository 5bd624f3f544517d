import { readXlsxTable } from "@luoshi/placement";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";
import { commitRequest, committedPlacement, placementMultipart, rosterCsv, teachersCsv } from "./placement.fixtures.js";
import { countPlacementRuns } from "./placement.repository.js";

let t: TestContext;
let admin: Session;
let supervisor: Session;
let school: Session;
let leaderOther: Session;

beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 2 * 1024 * 1024 });
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  leaderOther = await loginAs(t.app, t.fixture.b.users.leader);
}, 120_000);
afterAll(() => t.close());

/** Business rows, audit events and placement runs: a refused request must change none of them. */
const everything = async (): Promise<Record<string, number>> => ({
  ...(await rowCounts(t.db)),
  placement_runs: await countPlacementRuns(t.db),
});

/** A run made the only way there is: commit, draw, run. */
async function created(fields: Record<string, string> = {}, files?: Parameters<typeof commitRequest>[2]) {
  return (await committedPlacement(t.app, supervisor.headers, fields, files)).placement;
}

const verify = (id: string, session: Session, files: Parameters<typeof placementMultipart>[0] = {}) => {
  const body = placementMultipart(files);
  return t.app.inject({
    method: "POST",
    url: `/api/placements/${id}/verify`,
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
};

describe("a committed run (commit → draw → run)", () => {
  it("a generated roster runs, is stored with its hashes, and its files download and read back", async () => {
    const before = await everything();
    const p = await created(
      { capacities: "12,12,12,12", schoolId: t.fixture.a.middleSchoolId },
      {
        roster: { name: "名单.csv", bytes: rosterCsv(44) },
        teachers: { name: "班主任.csv", bytes: teachersCsv(["张老师", "李老师", "王老师", "赵老师"]) },
      },
    );
    expect(p).toMatchObject({
      classCount: 4,
      capacities: [12, 12, 12, 12],
      studentCount: 44,
      draw: "03 11 25 31 40 + 07",
    });
    expect(p.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(p.statistics).toHaveLength(4);
    expect(p.statistics.map((s: { size: number }) => s.size)).toEqual([11, 11, 11, 11]);
    expect(p.balance.constraints).toMatchObject({ allPlacedOnce: true, groupsTogether: true, apartRespected: true });
    expect(p.classes.every((c: { headTeacher?: string }) => c.headTeacher)).toBe(true);

    const after = await everything();
    expect(after.placement_runs).toBe(before.placement_runs! + 1);
    // commit, draw, run: one audit event each.
    expect(after.audit_events).toBe(before.audit_events! + 3);

    const detail = (await t.app.inject({ url: `/api/placements/${p.id}`, headers: school.headers })).json().placement;
    expect(detail).toMatchObject({ id: p.id, resultHash: p.resultHash, rosterHash: p.rosterHash, seed: p.seed });
    expect(detail.hashLines.join("\n")).toContain(p.seed);
    const list = (await t.app.inject({ url: "/api/placements", headers: school.headers })).json().placements;
    expect(list.map((r: { id: string }) => r.id)).toContain(p.id);

    // The lists are the school's and the bureau's managers'; another school's reporter gets the notice only.
    const file = (kind: string, session = admin) =>
      t.app.inject({ url: `/api/placements/${p.id}/files/${kind}`, headers: session.headers });
    expect((await file("result", school)).statusCode).toBe(404);
    expect((await file("classes", school)).statusCode).toBe(404);
    const result = await file("result");
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-disposition"]).toContain("filename*=UTF-8''");
    const json = JSON.parse(result.body);
    expect(json.inputs.seed).toBe(p.seed);
    expect(json.classes.flatMap((c: { students: unknown[] }) => c.students)).toHaveLength(44);

    const classes = await file("classes");
    expect(classes.statusCode).toBe(200);
    const sheet = await readXlsxTable(classes.rawPayload);
    expect(sheet.rows.length).toBeGreaterThan(4);

    const notice = await file("notice", school);
    expect(notice.statusCode).toBe(200);
    const documentXml = await (await JSZip.loadAsync(notice.rawPayload)).file("word/document.xml")!.async("string");
    expect(documentXml).toContain("城关第一中学");
    expect(documentXml).toContain(p.seed);
  });

  it("the same roster and draw in two ceremonies give different seeds: the commitment is part of the seed", async () => {
    const a = await created();
    const b = await created();
    expect(b.draw).toBe(a.draw);
    expect(b.seed).not.toBe(a.seed);
    expect(b.rosterHash).toBe(a.rosterHash);
  });

  it("row-level problems answer 422 with every row in Chinese and store nothing", async () => {
    const bad = `学号,姓名,性别,语文\nS1,甲,男,90\nS1,乙,女,85\nS3,,未知,很好\n`;
    const before = await everything();
    const res = await t.app.inject(commitRequest(admin.headers, {}, { roster: { name: "名单.csv", bytes: bad } }));
    expect(res.statusCode, res.body).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe("PLACEMENT_INPUT_INVALID");
    expect(error.message).toMatch(/处问题/);
    const codes = error.details.issues.map((i: { code: string }) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(["ID_DUPLICATE", "NAME_MISSING", "GENDER_INVALID", "SCORE_NOT_NUMERIC"]),
    );
    const dup = error.details.issues.find((i: { code: string }) => i.code === "ID_DUPLICATE");
    expect(dup.text).toMatch(/^第 \d 行：/);
    expect(await everything()).toEqual(before);
  });

  it("bad parameters and files answer 4xx with stable codes and store nothing", async () => {
    const before = await everything();
    const cases: [Record<string, string>, Parameters<typeof commitRequest>[2] | undefined, number, string][] = [
      [{ classCount: "0" }, undefined, 422, "PLACEMENT_INPUT_INVALID"],
      [{ capacities: "5,5,5,5" }, undefined, 422, "PLACEMENT_INPUT_INVALID"],
      [{ name: "" }, undefined, 400, "PLACEMENT_NAME_REQUIRED"],
      [{}, { roster: { name: "名单.pdf", bytes: "%PDF-1.4" } }, 422, "PLACEMENT_FILE_TYPE"],
      [{}, { roster: { name: "名单.xlsx", bytes: "not a zip" } }, 422, "PLACEMENT_FILE_UNREADABLE"],
      [{}, {}, 400, "PLACEMENT_FILE_REQUIRED"],
      [{ schoolId: t.fixture.b.middleSchoolId }, undefined, 404, "PLACEMENT_SCHOOL_INVALID"],
    ];
    for (const [fields, files, status, code] of cases) {
      const res = await t.app.inject(commitRequest(admin.headers, fields, files));
      expect(res.statusCode, `${JSON.stringify(fields)} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await everything()).toEqual(before);
  });

  it("a school reporter may not commit", async () => {
    const res = await t.app.inject(commitRequest(school.headers));
    expect(res.statusCode).toBe(403);
  });
});

describe("POST /api/placements/:id/verify", () => {
  it("passes for the stored run, also with the roster and result uploaded", async () => {
    const p = await created();
    const stored = await verify(p.id, school);
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({ ok: true, message: "验证通过", resultHash: p.resultHash });

    const published = (await t.app.inject({ url: `/api/placements/${p.id}/files/result`, headers: admin.headers }))
      .body;
    // The same students in another order and spelling: the canonical roster hash does not change.
    const shuffled = rosterCsv().trim().split("\n");
    const reordered = [shuffled[0]!, ...shuffled.slice(1).reverse()].join("\r\n");
    const uploaded = await verify(p.id, school, {
      roster: { name: "我的名单.csv", bytes: reordered },
      result: { name: "result.json", bytes: published },
    });
    expect(uploaded.json()).toMatchObject({ ok: true, uploaded: { roster: true, result: true } });
  });

  it("fails for a tampered result and names the reason", async () => {
    const p = await created();
    const published = JSON.parse(
      (await t.app.inject({ url: `/api/placements/${p.id}/files/result`, headers: admin.headers })).body,
    );
    // Move one student from class 1 to class 2.
    const moved = published.classes[0].students.shift();
    published.classes[1].students.push(moved);
    const res = await verify(p.id, admin, { result: { name: "result.json", bytes: JSON.stringify(published) } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: false, message: "验证未通过" });
    expect(body.reasons.join("\n")).toContain(moved.id);

    const draw = { ...published, inputs: { ...published.inputs, draw: "99" } };
    const redrawn = await verify(p.id, admin, { result: { name: "result.json", bytes: JSON.stringify(draw) } });
    expect(redrawn.json().ok).toBe(false);
    expect(redrawn.json().reasons.join("\n")).toMatch(/摇号号码不符/);
  });

  it("fails for a changed roster", async () => {
    const p = await created();
    const lines = rosterCsv().trim().split("\n");
    lines[1] = lines[1]!.replace(/,男,|,女,/, (g) => (g === ",男," ? ",女," : ",男,"));
    const res = await verify(p.id, admin, { roster: { name: "名单.csv", bytes: lines.join("\n") } });
    expect(res.json().ok).toBe(false);
    expect(res.json().reasons.join("\n")).toMatch(/名单/);
  });
});

describe("reach", () => {
  it("another region's users neither see nor verify a run", async () => {
    const p = await created();
    expect((await t.app.inject({ url: `/api/placements/${p.id}`, headers: leaderOther.headers })).statusCode).toBe(404);
    expect((await verify(p.id, leaderOther)).statusCode).toBe(404);
    const list = (await t.app.inject({ url: "/api/placements", headers: leaderOther.headers })).json().placements;
    expect(list).toEqual([]);
    const file = await t.app.inject({ url: `/api/placements/${p.id}/files/notice`, headers: leaderOther.headers });
    expect(file.json().error.code).toBe("PLACEMENT_NOT_FOUND");
  });
});
