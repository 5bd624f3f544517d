import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { draftPlan, publishedPlan } from "../test/plans.js";

let t: TestContext;
let sessions: Record<"supervisor" | "school" | "otherAdmin", Session>;
let published: { planId: string; taskIds: string[] };
let draft: { planId: string; taskIds: string[] };
let docNo: string;

const DRAFT_TEXT = `城关县教育和体育局2024年体育工作要点（征求意见稿）
一、加强学校体育
1.推进校园足球特色学校建设。新创建特色学校3所。（责任单位：基教股）（年底前）
`;

beforeAll(async () => {
  t = await createTestApp();
  published = await publishedPlan(t.db, t.fixture.a.bureauId);
  draft = await draftPlan(t.db, t.fixture.a.bureauId, DRAFT_TEXT);
  await publishedPlan(t.db, t.fixture.b.bureauId);
  sessions = {
    supervisor: await loginAs(t.app, t.fixture.a.users.supervisor),
    school: await loginAs(t.app, t.fixture.a.users.school_reporter),
    otherAdmin: await loginAs(t.app, t.fixture.b.users.admin),
  };
  const issued = await t.app.inject({
    method: "POST",
    url: "/api/supervision/notices",
    headers: sessions.supervisor.headers,
    payload: {
      taskId: published.taskIds[1],
      orgId: t.fixture.a.schoolId,
      reason: "学位建设进度滞后",
      requirement: "限期整改",
      replyDue: "2099-12-31",
    },
  });
  expect(issued.statusCode).toBe(201);
  docNo = issued.json().notice.doc_no ?? issued.json().notice.docNo;
}, 120_000);
afterAll(() => t.close());

const find = async (who: keyof typeof sessions, q: string) => {
  const res = await t.app.inject({ url: `/api/search?q=${encodeURIComponent(q)}`, headers: sessions[who].headers });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    tasks: { id: string; title: string; planId: string }[];
    plans: { id: string }[];
    orgs: { id: string; name: string }[];
    notices: { id: string; docNo: string }[];
  };
};

describe("global search", () => {
  it("finds tasks by title and by the units they name, plans by title, units by alias, notices by number", async () => {
    const byTitle = await find("supervisor", "义务教育");
    expect(byTitle.tasks.map((x) => x.id)).toEqual([published.taskIds[1]]);
    const byUnit = await find("supervisor", "人事股");
    expect(byUnit.tasks.map((x) => x.id)).toContain(published.taskIds[2]);
    expect(byUnit.orgs.map((o) => o.name)).toEqual(["人事股"]);
    expect((await find("supervisor", "基教股")).orgs.map((o) => o.id)).toEqual([t.fixture.a.deptId]);
    expect((await find("supervisor", "工作要点")).plans.map((p) => p.id)).toEqual(
      expect.arrayContaining([published.planId, draft.planId]),
    );
    expect((await find("supervisor", docNo)).notices).toHaveLength(1);
    expect((await find("supervisor", "学位建设")).notices).toHaveLength(1);
  });

  it("shows a draft to its makers only, and nothing of another bureau", async () => {
    expect((await find("supervisor", "学校体育")).tasks.map((x) => x.id)).toEqual([draft.taskIds[0]]);
    const school = await find("school", "学校体育");
    expect(school.tasks).toEqual([]);
    expect((await find("supervisor", "体育工作要点")).plans.map((p) => p.id)).toEqual([draft.planId]);
    expect((await find("school", "体育工作要点")).plans).toEqual([]);
    // Bureau b has the same plan text: its admin finds only b's own rows.
    const other = await find("otherAdmin", "义务教育");
    expect(other.tasks).toHaveLength(1);
    expect(other.tasks[0]!.id).not.toBe(published.taskIds[1]);
    expect((await find("otherAdmin", docNo)).notices).toEqual([]);
    const mine = JSON.stringify(await find("otherAdmin", "城关"));
    for (const id of [published.planId, ...published.taskIds, draft.planId, t.fixture.a.schoolId]) {
      expect(mine).not.toContain(id);
    }
  });

  it("a school sees its own notices and units, not other schools'", async () => {
    expect((await find("school", docNo)).notices).toHaveLength(1);
    expect((await find("school", "城关第一中学")).orgs).toEqual([]);
  });

  it("refuses an empty or over-long query", async () => {
    const empty = await t.app.inject({ url: "/api/search?q=", headers: sessions.supervisor.headers });
    expect(empty.statusCode).toBe(400);
    const long = await t.app.inject({ url: `/api/search?q=${"字".repeat(51)}`, headers: sessions.supervisor.headers });
    expect(long.statusCode).toBe(400);
  });
});
