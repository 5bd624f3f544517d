import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { PASSWORD } from "../test/fixture.js";
import { aHazard, aRound, uploadPhoto } from "../test/hazards.js";
import { createUser } from "../users/users.service.js";

/**
 * Photos attached to a ledger record are read by whoever reads the record (ledgers/ledger-access.ts):
 * the owning school, the region's departments (安全稳定股, the re-inspector), supervisors and leaders;
 * no one else — neither another school of the region nor another region.
 */

let t: TestContext;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp();
  const { a, b } = t.fixture;
  for (const role of ["school_reporter", "dept_head", "supervisor", "leader"] as const) {
    s[role] = await loginAs(t.app, a.users[role]);
  }
  await createUser(t.db, null, {
    orgId: a.middleSchoolId,
    username: "middle_school_a",
    displayName: "一中安全员",
    password: PASSWORD,
    role: "school_reporter",
  });
  s.neighbour = await loginAs(t.app, "middle_school_a");
  s.otherDept = await loginAs(t.app, b.users.dept_head);
  s.otherSchool = await loginAs(t.app, b.users.school_reporter);
}, 60_000);
afterAll(() => t.close());

const read = (session: Session, id: string) =>
  t.app.inject({ method: "GET", url: `/api/files/${id}?inline=true`, headers: session.headers });

async function statuses(id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [who, session] of Object.entries(s)) out[who] = (await read(session, id)).statusCode;
  return out;
}

describe("evidence of a ledger record", () => {
  it("a loose upload stays the school's and the bureau's; attached to a hazard the department reads it too", async () => {
    const photo = await uploadPhoto(t, s.school_reporter!, "隐患.png");
    expect(await statuses(photo)).toEqual({
      school_reporter: 200,
      dept_head: 404,
      supervisor: 200,
      leader: 200,
      neighbour: 404,
      otherDept: 404,
      otherSchool: 404,
    });

    const res = await t.app.inject({
      method: "POST",
      url: "/api/ledgers/rounds",
      headers: s.school_reporter!.headers,
      payload: aRound({ heldOn: new Date().toISOString().slice(0, 10), hazards: [aHazard({ beforePhotos: [photo] })] }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await statuses(photo)).toEqual({
      school_reporter: 200,
      dept_head: 200,
      supervisor: 200,
      leader: 200,
      neighbour: 404,
      otherDept: 404,
      otherSchool: 404,
    });
    const body = await read(s.dept_head!, photo);
    expect(body.headers["content-type"]).toBe("image/png");
    expect(body.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it("the after-photo of a fix is read by the re-inspector from the department", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/ledgers/rounds",
      headers: s.school_reporter!.headers,
      payload: aRound({ heldOn: new Date().toISOString().slice(0, 10) }),
    });
    const id = created.json().hazards[0].id as string;
    const step = (session: Session, payload: object) =>
      t.app.inject({ method: "POST", url: `/api/ledgers/hazards/${id}/steps`, headers: session.headers, payload });
    expect((await step(s.dept_head!, { action: "assign", fields: {} })).statusCode).toBe(200);
    const after = await uploadPhoto(t, s.school_reporter!, "整改后.png");
    expect((await read(s.dept_head!, after)).statusCode).toBe(404);
    const fixed = await step(s.school_reporter!, { action: "submit_fix", fields: { afterPhotos: [after] } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await read(s.dept_head!, after)).statusCode).toBe(200);
    expect((await read(s.neighbour!, after)).statusCode).toBe(404);
    expect((await read(s.otherDept!, after)).statusCode).toBe(404);
  });
});
