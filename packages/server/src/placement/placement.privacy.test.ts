import { maskIdNumber, maskName } from "@luoshi/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../db/schema.js";
import { idRosterCsv, idStudents, zipText } from "../privacy/privacy.fixtures.js";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";
import { committedPlacement, placementMultipart, rosterCsv } from "./placement.fixtures.js";
import { countPlacementRuns } from "./placement.repository.js";

let t: TestContext;
const sessions = {} as Record<Role, Session>;
/** A run for the school reporter's own school, and one for another school of the same bureau. */
let ownRun: string;
let otherRun: string;
const students = idStudents();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ["admin", "supervisor", "leader", "dept_head", "school_reporter"] as Role[])
    sessions[role] = await loginAs(t.app, t.fixture.a.users[role]);
  const runFor = async (schoolId: string) =>
    (
      await committedPlacement(
        t.app,
        sessions.supervisor.headers,
        { schoolId },
        {
          roster: { name: "名单.csv", bytes: idRosterCsv(students) },
        },
      )
    ).placementId;
  ownRun = await runFor(t.fixture.a.schoolId);
  otherRun = await runFor(t.fixture.a.middleSchoolId);
}, 120_000);
afterAll(() => t.close());

const get = (url: string, role: Role) => t.app.inject({ url, headers: sessions[role].headers });
const reveal = (run: string, role: Role, at = { classNo: 1, seat: 1 }) =>
  t.app.inject({
    method: "POST",
    url: `/api/placements/${run}/students/reveal`,
    headers: sessions[role].headers,
    payload: at,
  });
const clearIds = (body: string) => students.filter((s) => body.includes(s.id)).map((s) => s.id);
const clearNames = (body: string) => students.filter((s) => body.includes(s.name)).map((s) => s.name);

describe("class lists by role", () => {
  it("the school's own staff see names and masked ids, and reveal one student, audited", async () => {
    const res = await get(`/api/placements/${ownRun}/students`, "school_reporter");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.access).toBe("clear");
    expect(body.students).toHaveLength(students.length);
    expect(clearIds(res.body)).toEqual([]);
    expect(clearNames(res.body)).toHaveLength(students.length);
    const first = body.students[0];
    expect(first.id).toMatch(/^4301\*{10}[0-9X]{4}$/);

    const before = await rowCounts(t.db);
    const shown = await reveal(ownRun, "school_reporter", { classNo: first.classNo, seat: first.seat });
    expect(shown.statusCode, shown.body).toBe(200);
    const student = shown.json().student;
    expect(maskIdNumber(student.id)).toBe(first.id);
    expect(students.map((s) => s.id)).toContain(student.id);
    expect((await rowCounts(t.db)).audit_events).toBe(before.audit_events! + 1);
    const event = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", ownRun)
      .where("action", "=", "reveal")
      .orderBy("at", "desc")
      .executeTakeFirstOrThrow();
    expect(event.actor_id).not.toBeNull();
    expect(event.after).toMatchObject({ classNo: first.classNo, seat: first.seat });
    // The trail says who saw whom, without holding the data itself.
    expect(JSON.stringify(event.after)).not.toContain(student.id);
    expect(JSON.stringify(event.after)).not.toContain(student.name);
  });

  it("the bureau's placement managers see clear too; the full lists are audited downloads", async () => {
    for (const role of ["admin", "supervisor"] as Role[]) {
      expect((await reveal(otherRun, role)).statusCode).toBe(200);
      const before = await rowCounts(t.db);
      const classes = await get(`/api/placements/${otherRun}/files/classes`, role);
      expect(classes.statusCode).toBe(200);
      expect(await zipText(classes.rawPayload)).toContain(students[0]!.id);
      expect((await rowCounts(t.db)).audit_events).toBe(before.audit_events! + 1);
    }
  });

  it("leaders and department heads see masked names and ids and cannot reveal or download the lists", async () => {
    for (const role of ["leader", "dept_head"] as Role[]) {
      const res = await get(`/api/placements/${ownRun}/students`, role);
      expect(res.statusCode).toBe(200);
      expect(res.json().access).toBe("masked");
      expect(clearIds(res.body)).toEqual([]);
      expect(clearNames(res.body)).toEqual([]);
      expect(res.json().students.map((s: { name: string }) => s.name)).toContain(maskName(students[0]!.name));
      expect((await reveal(ownRun, role)).statusCode).toBe(403);
      for (const kind of ["classes", "result"])
        expect((await get(`/api/placements/${ownRun}/files/${kind}`, role)).statusCode).toBe(403);
    }
  });

  it("another school's reporter gets no list, no reveal and no full file; the public notice has masked ids", async () => {
    const before = await rowCounts(t.db);
    expect((await get(`/api/placements/${otherRun}/students`, "school_reporter")).statusCode).toBe(404);
    expect((await reveal(otherRun, "school_reporter")).statusCode).toBe(404);
    for (const kind of ["classes", "result"]) {
      const res = await get(`/api/placements/${otherRun}/files/${kind}`, "school_reporter");
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("PLACEMENT_NOT_FOUND");
    }
    expect((await rowCounts(t.db)).audit_events).toBe(before.audit_events);
    const detail = (await get(`/api/placements/${otherRun}`, "school_reporter")).json().placement;
    expect(detail.personalAccess).toBe("none");
    const notice = await get(`/api/placements/${otherRun}/files/notice`, "school_reporter");
    expect(notice.statusCode).toBe(200);
    const xml = await zipText(notice.rawPayload);
    expect(clearIds(xml)).toEqual([]);
    expect(xml).toContain(`${students[0]!.name}（${maskIdNumber(students[0]!.id)}）`);
  });

  it("a failed verification names students by masked id unless the caller sees the lists in clear", async () => {
    const published = JSON.parse((await get(`/api/placements/${ownRun}/files/result`, "admin")).body);
    const moved = published.classes[0].students.shift();
    published.classes[1].students.push(moved);
    const verify = async (role: Role) => {
      const body = placementMultipart({ result: { name: "result.json", bytes: JSON.stringify(published) } });
      const res = await t.app.inject({
        method: "POST",
        url: `/api/placements/${ownRun}/verify`,
        headers: { ...sessions[role].headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.json().ok).toBe(false);
      return res.json().reasons.join("\n") as string;
    };
    expect(await verify("admin")).toContain(moved.id);
    const masked = await verify("leader");
    expect(clearIds(masked)).toEqual([]);
    expect(masked).toContain(maskIdNumber(moved.id));
  });
});

describe("uploads read only the declared parts", () => {
  const send = async (files: Parameters<typeof placementMultipart>[0], fields: Record<string, string> = {}) => {
    const before = { ...(await rowCounts(t.db)), runs: await countPlacementRuns(t.db) };
    const body = placementMultipart(files, { name: "编班", classCount: "4", ...fields });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/placements/commitments",
      headers: { ...sessions.supervisor.headers, ...body.headers },
      payload: body.payload,
    });
    expect({ ...(await rowCounts(t.db)), runs: await countPlacementRuns(t.db) }).toEqual(before);
    return res;
  };
  const refused = (res: { statusCode: number; json(): { error: { code: string } } }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("UNEXPECTED_PART");
  };
  const roster = { name: "名单.csv", bytes: rosterCsv() };

  it("an undeclared file, a repeated file or an undeclared field is refused with UNEXPECTED_PART", async () => {
    refused(await send({ roster, photo: { name: "a.png", bytes: "x" } }));
    refused(await send({ roster, result: { name: "result.json", bytes: "{}" } }));
    refused(await send({ roster }, { note: "备注" }));
  });

  it("a part larger than the upload limit is refused by its name, not read", async () => {
    const junk = { name: "big.bin", bytes: new Uint8Array(t.config.maxUploadBytes + 1024) };
    refused(await send({ junk, roster }));
  });
});
