import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { emptyUnitFacts } from "../bulletins/unit-figures.js";
import type { Database } from "../db/database.js";
import { issueNotice } from "../notices/notices.service.js";
import {
  actorNamed,
  clockAt,
  type ReportSpec,
  report,
  type SupervisedPlan,
  supervisedPlan,
} from "../supervision/test-support.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, seedFixture } from "../test/fixture.js";
import { publishedPlan } from "../test/plans.js";
import { evaluation, evaluationXlsx } from "./evaluation.service.js";
import { DEFAULT_WEIGHTS, scoreUnit } from "./scoring.js";

let db: Database;
let drop: () => Promise<void>;
let ctx: SupervisedPlan<Fixture>;
let supervisor: Actor;
const now = clockAt("2024-04-20");

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  const fixture = await seedFixture(db);
  ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  supervisor = await actorNamed(db, fixture.a.users.supervisor);
  // Everyone but 城关第一中学 reports January to March on the 28th (on time); the department's
  // March report of one task comes on April 10, after the April 5 deadline.
  const silent = fixture.a.middleSchoolId;
  const specs: ReportSpec[] = ["2024-01", "2024-02", "2024-03"].flatMap((period) =>
    ctx.assignments
      .filter((a) => a.org_id !== silent)
      .map((a) => ({ taskId: a.task_id, orgId: a.org_id, period, status: "in_progress", percent: 40 })),
  );
  const deptTask = ctx.assignments.find((a) => a.org_id === fixture.a.deptId)!;
  const lateOne = specs.find(
    (s) => s.period === "2024-03" && s.taskId === deptTask.task_id && s.orgId === deptTask.org_id,
  )!;
  lateOne.submittedAt = "2024-04-10T02:00:00Z";
  await report(db, ctx.regionId, specs);
  for (const day of ["2024-04-11", "2024-04-12"]) {
    await issueNotice(
      db,
      supervisor,
      {
        taskId: deptTask.task_id,
        orgId: deptTask.org_id,
        reason: "进度滞后",
        requirement: "限期整改",
        replyDue: "2024-05-15",
      },
      clockAt(day),
    );
  }
}, 120_000);
afterAll(() => drop());

describe("evaluation", () => {
  it("timeliness comes from deadlines and report dates: a missing report is late, not on time", async () => {
    const e = await evaluation(db, supervisor, 2024, now);
    expect(e.asOf).toBe("2024-04-20");
    const units = e.groups.flatMap((g) => g.units);
    const silent = units.find((u) => u.orgId === ctx.fixture.a.middleSchoolId)!;
    const tasksOf = (orgId: string) => ctx.assignments.filter((a) => a.org_id === orgId).length;
    // Published January 15: January to March are due by April 20, each by day 5 of the next month.
    expect(silent).toMatchObject({ expectedReports: 3 * tasksOf(silent.orgId), onTime: 0, late: 0, timeliness: 0 });
    expect(silent.missing).toBe(silent.expectedReports);
    expect(silent.breakdown.timeliness).toBe(0);

    const dept = units.find((u) => u.orgId === ctx.fixture.a.deptId)!;
    expect(dept).toMatchObject({ expectedReports: 3 * tasksOf(dept.orgId), late: 1, missing: 0, notices: 2 });
    expect(dept.timeliness).toBeCloseTo((dept.expectedReports - 1) / dept.expectedReports, 6);
    expect(dept.breakdown.noticePenalty).toBe(-4);
    const onTimeUnit = units.find((u) => u.late === 0 && u.missing === 0)!;
    expect(onTimeUnit.timeliness).toBe(1);
  });

  it("ranks departments and schools separately, each score the sum of its breakdown", async () => {
    const e = await evaluation(db, supervisor, 2024, now);
    expect(e.groups.map((g) => g.label)).toEqual(["股室", "学校"]);
    const kinds = new Map(
      (await db.selectFrom("orgs").select(["id", "kind"]).execute()).map((o) => [o.id, o.kind as string]),
    );
    for (const g of e.groups) {
      expect(g.units.every((u) => kinds.get(u.orgId) === g.group)).toBe(true);
      expect(g.units[0]!.rank).toBe(1);
      expect([...g.units].sort((a, b) => b.score - a.score).map((u) => u.orgId)).toEqual(g.units.map((u) => u.orgId));
      for (const u of g.units) {
        const b = u.breakdown;
        expect(u.score).toBeCloseTo(b.completion + b.timeliness + b.attainment + b.noticePenalty, 1);
      }
    }
    expect(e.formula).toContain("按时填报率 = 按时报送次数 ÷ 应报次数");
    expect(e.weights).toEqual(DEFAULT_WEIGHTS);
  });

  it("spreads the weight of a component without data over the others", () => {
    const facts = {
      ...emptyUnitFacts({ org_id: "x", org_name: "某股", org_kind: "department", org_sort: 0 }, 1),
      ...{ total: 4, done: 2, normal: 2 },
    };
    const s = scoreUnit(facts, DEFAULT_WEIGHTS);
    expect(s.timeliness).toBeNull();
    expect(s.appliedWeights).toEqual({ completion: 100, timeliness: 0, attainment: 0 });
    expect(s.score).toBe(48);
  });

  it("the workbook shows each ranking with the raw facts, and the formula with the weights", async () => {
    const e = await evaluation(db, supervisor, 2024, now);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await evaluationXlsx(db, supervisor, 2024, now)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["股室考核", "学校考核", "计分说明"]);
    const schools = wb.getWorksheet("学校考核")!;
    expect(String(schools.getCell("A1").value)).toContain("2024年度工作任务落实考核结果（学校，截至2024年4月20日）");
    const header = schools.getRow(2).values as unknown[];
    for (const h of ["应报次数", "按时报送", "逾期报送", "未报送", "按时填报率", "任务数", "已完成"])
      expect(header).toContain(h);
    const silent = e.groups.flatMap((g) => g.units).find((u) => u.orgId === ctx.fixture.a.middleSchoolId)!;
    const row = (schools.getSheetValues() as unknown[][]).find((r) => r?.[2] === "城关第一中学")!;
    expect(row[header.indexOf("总分")]).toBe(silent.score);
    expect(row[header.indexOf("未报送")]).toBe(silent.missing);
    expect(row[header.indexOf("按时填报率")]).toBe("0.0%");
    const notes = (wb.getWorksheet("计分说明")!.getSheetValues() as unknown[][]).filter(Boolean);
    expect(notes.find((r) => r[1] === "计分公式")?.[2]).toBe(e.formula);
    expect(notes.find((r) => r[1] === "及时性权重")?.[2]).toBe(30);
  });
});
