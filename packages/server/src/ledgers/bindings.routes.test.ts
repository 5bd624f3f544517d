import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorsAt } from "../bulletins/records.repository.js";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { aHazard, aRound, uploadPhoto } from "../test/hazards.js";
import { publishedPlan } from "../test/plans.js";
import { suggestMetric } from "./binding-suggestions.js";

const SAFETY_PLAN = `城关县教育和体育局2024年工作要点
一、守住校园安全底线
1.开展校园安全隐患排查整治。隐患整改率达到100%。（责任单位：基教股、各中小学）（年底前）
二、加强教师队伍建设
2.开展教师培训。培训教师不少于500人次。（责任单位：人事股、各学校）（贯穿全年）
`;

let t: TestContext;
let supervisor: Session;
let school: Session;
let dept: Session;
let planId: string;
let taskIds: string[];
let officerId: string;
const clock = new Date("2024-05-20T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  ({ planId, taskIds } = await publishedPlan(t.db, t.fixture.a.bureauId, SAFETY_PLAN));
  await t.db.updateTable("plans").set({ published_at: "2024-01-15T02:00:00Z" }).where("id", "=", planId).execute();
  officerId = (
    await t.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", t.fixture.a.users.school_reporter)
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(() => t.close());

const get = (session: Session, url: string) => t.app.inject({ method: "GET", url, headers: session.headers });
const post = (session: Session, url: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: session.headers, payload });

/** The bound indicator as the plan's indicator table, the warnings board and the bulletins see it. */
async function everywhere(indicatorId: string) {
  const table = (await get(supervisor, `/api/plans/${planId}/indicators`))
    .json()
    .indicators.find((i: { id: string }) => i.id === indicatorId);
  const board = (await get(supervisor, `/api/supervision/status?planId=${planId}&kind=indicator`))
    .json()
    .items.find((i: { entityId: string }) => i.entityId === indicatorId);
  const [bulletin] = (await indicatorsAt(t.db, t.fixture.a.bureauId, [planId], "2024-05-21T00:00:00+08:00")).filter(
    (i) => i.id === indicatorId,
  );
  return { table: table.actual, attained: table.attained, board: board?.status, bulletin: bulletin?.actual };
}

describe("binding plan indicators to ledger metrics", () => {
  it("offers a binding by the target's subject; a person confirms; every view then shows the computed value", async () => {
    const offered = (await get(supervisor, `/api/plans/${planId}/ledger-bindings`)).json();
    expect(offered.bindings).toEqual([]);
    expect(offered.suggestions).toHaveLength(1);
    const [suggestion] = offered.suggestions;
    expect(suggestion).toMatchObject({ metric: "hazard_fix_rate", matched: "隐患整改率", taskId: taskIds[0] });
    const indicatorId = suggestion.indicatorId as string;

    // Two hazards found in May; before binding the indicator has no actual.
    const round = await post(
      school,
      "/api/ledgers/rounds",
      aRound({ hazards: [aHazard(), aHazard({ location: "食堂" })] }),
    );
    const [first, second] = round.json().hazards.map((h: { id: string }) => h.id) as [string, string];
    expect((await everywhere(indicatorId)).table).toBeNull();

    expect(
      (
        await t.app.inject({
          method: "PUT",
          url: `/api/indicators/${indicatorId}/ledger-binding`,
          headers: school.headers,
          payload: { metric: "hazard_fix_rate" },
        })
      ).statusCode,
    ).toBe(403);
    const bound = await t.app.inject({
      method: "PUT",
      url: `/api/indicators/${indicatorId}/ledger-binding`,
      headers: supervisor.headers,
      payload: { metric: "hazard_fix_rate" },
    });
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json().binding).toMatchObject({ indicatorId, metric: "hazard_fix_rate" });
    const after = (await get(supervisor, `/api/plans/${planId}/ledger-bindings`)).json();
    expect(after.bindings.map((b: { indicatorId: string }) => b.indicatorId)).toEqual([indicatorId]);
    expect(after.suggestions).toEqual([]);
    expect(await everywhere(indicatorId)).toMatchObject({ table: 0, bulletin: 0, attained: false });

    // One hazard rectified, re-inspected by someone else and written off: 50 %, everywhere.
    const photo = await uploadPhoto(t, school);
    const close = async (id: string) => {
      await post(dept, `/api/ledgers/hazards/${id}/steps`, { action: "assign", fields: { responsibleId: officerId } });
      await post(school, `/api/ledgers/hazards/${id}/steps`, {
        action: "submit_fix",
        fields: { afterPhotos: [photo] },
      });
      const res = await post(dept, `/api/ledgers/hazards/${id}/steps`, { action: "pass_review", fields: {} });
      expect(res.json().hazard.state).toBe("closed");
    };
    await close(first);
    const half = await everywhere(indicatorId);
    expect(half).toMatchObject({ table: 50, bulletin: 50, attained: false });
    expect(half.board).not.toBe("done");
    await close(second);
    expect(await everywhere(indicatorId)).toMatchObject({ table: 100, bulletin: 100, attained: true, board: "done" });

    // Unbinding: the reported value again (none), and the binding offered again.
    const unbound = await t.app.inject({
      method: "DELETE",
      url: `/api/indicators/${indicatorId}/ledger-binding`,
      headers: supervisor.headers,
    });
    expect(unbound.statusCode, unbound.body).toBe(200);
    expect((await everywhere(indicatorId)).table).toBeNull();
    expect((await get(supervisor, `/api/plans/${planId}/ledger-bindings`)).json().suggestions).toHaveLength(1);
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity", "=", "ledger_binding")
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["bind", "unbind"]);
  });

  it("suggests by the longest synonym", () => {
    expect(suggestMetric({ subject: "重大隐患整改率", text: "" })).toEqual({
      metric: "hazard_fix_rate",
      matched: "隐患整改率",
    });
    expect(suggestMetric({ subject: "", text: "重大事故隐患动态清零" })).toEqual({
      metric: "major_hazards_open",
      matched: "重大事故隐患",
    });
    expect(suggestMetric({ subject: "毛入园率", text: "毛入园率达到95%" })).toBeNull();
  });
});
