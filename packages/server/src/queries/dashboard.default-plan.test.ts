import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInShanghai } from "../progress/periods.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { PLAN_TEXT } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";

let t: TestContext;
let session: Session;

beforeAll(async () => {
  t = await createTestApp();
  session = await loginAs(t.app, t.fixture.a.users.supervisor);
}, 120_000);
afterAll(() => t.close());

describe("the dashboard's default plan", () => {
  it("is this year's plan, even when an older year's plan was imported after it", async () => {
    const year = Number(todayInShanghai().slice(0, 4));
    const current = await publishedPlan(t.db, t.fixture.a.bureauId, PLAN_TEXT.replace("2024年", `${year}年`));
    await publishedPlan(t.db, t.fixture.a.bureauId, PLAN_TEXT.replace("2024年", `${year - 1}年`));
    const res = await t.app.inject({ url: "/api/dashboard", headers: session.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().plan.id).toBe(current.planId);
    expect(res.json().plans).toHaveLength(2);
  });
});
