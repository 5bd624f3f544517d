import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { aCase, aPayment } from "../test/dropout.js";
import { allCounts } from "../test/hazards.js";

let t: TestContext;
let school: Session;
let otherSchool: Session;
const clock = new Date("2024-10-20T02:00:00Z");

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

async function refused(session: Session, url: string, payload: object, status: number, code: string) {
  const before = await allCounts(t.db);
  const res = await send(session, "POST", url, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(await allCounts(t.db)).toEqual(before);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  otherSchool = await loginAs(t.app, t.fixture.b.users.school_reporter);
}, 120_000);
afterAll(() => t.close());

describe("corrections of mistaken 控辍 and 资助 entries", () => {
  it("a case's mistaken entry is corrected as a new history entry with its reason, audited, nothing deleted", async () => {
    const first = aCase();
    const created = (await send(school, "POST", "/api/ledgers/dropout-cases", first)).json().case;
    const url = `/api/ledgers/dropout-cases/${created.id}/corrections`;
    const res = await send(school, "POST", url, {
      fields: { grade: "八年级", riskLevel: "medium" },
      note: "年级登记错误",
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().case;
    expect(c).toMatchObject({ state: "at_risk", version: created.version + 1 });
    expect(c.fields).toMatchObject({ grade: "八年级", riskLevel: "medium" });
    const entry = c.history.at(-1);
    expect(entry).toMatchObject({ action: "correct", note: "年级登记错误" });
    expect(c.history.map((h: { action: string }) => h.action)).toEqual(["record", "correct"]);
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "before"])
      .where("entity_id", "=", created.id)
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "correct"]);
    expect(JSON.stringify(audit)).not.toContain(first.studentNo);

    await refused(school, url, { fields: { grade: "九年级" }, note: "  " }, 400, "NOTE_REQUIRED");
    await refused(school, url, { fields: { grade: "八年级" }, note: "重复" }, 400, "NOTHING_CHANGED");
    await refused(school, url, { fields: { visitCount: 3 }, note: "改次数" }, 400, "VALIDATION_FAILED");
    // Another open case's 学籍号, and a case of another county, are refused.
    const second = (await send(school, "POST", "/api/ledgers/dropout-cases", aCase())).json().case;
    await refused(
      school,
      `/api/ledgers/dropout-cases/${second.id}/corrections`,
      { fields: { studentNo: first.studentNo }, note: "学籍号" },
      409,
      "DROPOUT_CASE_OPEN",
    );
    await refused(otherSchool, url, { fields: { grade: "九年级" }, note: "越权" }, 404, "LEDGER_RECORD_NOT_FOUND");
  });

  it("a payment's wrong amount is corrected; a programme not of the stage is refused", async () => {
    const paid = await send(school, "POST", "/api/ledgers/aid-payments", aPayment());
    expect(paid.statusCode, paid.body).toBe(201);
    const id = paid.json().record.id;
    const url = `/api/ledgers/aid-payments/${id}/corrections`;
    const res = await send(school, "POST", url, { fields: { amount: 750 }, note: "金额按寄宿标准录错" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().record).toMatchObject({ state: "paid", version: 2, fields: { amount: 750 } });
    const history = await t.db
      .selectFrom("ledger_history")
      .select(["action", "note"])
      .where("record_id", "=", id)
      .execute();
    expect(history.map((h) => h.action)).toEqual(["record", "correct"]);
    await refused(school, url, { fields: { programme: "senior_grant" }, note: "项目" }, 400, "AID_STAGE_MISMATCH");
  });
});
