import { HAZARD_CATEGORIES, HAZARD_CATEGORY_LABELS, LEDGER_STATE_LABELS } from "@luoshi/contract";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../status/calendar.js";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { uploadPhoto } from "../test/hazards.js";

let t: TestContext;
let school: Session;
let dept: Session;
let photo: string;
const TODAY = "2024-10-01";
const clock = new Date(`${TODAY}T02:00:00Z`);

const SCHOOLS = ["城关实验小学", "城关第一中学"];
const STATES = ["found", "rectifying", "reviewing", "closed"] as const;

interface Generated {
  school: number;
  category: (typeof HAZARD_CATEGORIES)[number];
  major: boolean;
  state: (typeof STATES)[number];
  foundOn: string;
  deadlineDays: number;
  closedDays: number;
  risk: "major" | "high" | null;
}

const aHazard = fc.record<Generated>({
  school: fc.integer({ min: 0, max: 1 }),
  category: fc.constantFrom(...HAZARD_CATEGORIES),
  major: fc.boolean(),
  state: fc.constantFrom(...STATES),
  foundOn: fc.integer({ min: 0, max: 300 }).map((d) => addDays("2024-01-01", d)),
  deadlineDays: fc.integer({ min: 0, max: 90 }),
  closedDays: fc.integer({ min: 0, max: 30 }),
  risk: fc.constantFrom("major" as const, "high" as const, null),
});

const HEADER = [
  "学校",
  "状态",
  "隐患类别",
  "位置",
  "隐患描述",
  "隐患性质",
  "隐患等级",
  "风险等级",
  "发现日期",
  "整改责任人",
  "整改时限",
  "治理责任（机构和人员）",
  "治理措施",
  "经费和物资落实",
  "治理时限",
  "安全措施和应急预案",
  "整改后照片",
  "整改人",
  "整改完成日期",
  "复查人",
  "销号日期",
];

/** The sheet row of a generated hazard: every field its state needs. */
function rowOf(h: Generated): (string | null)[] {
  const rectified = h.state !== "found";
  const fixed = h.state === "reviewing" || h.state === "closed";
  const deadline = addDays(h.foundOn, h.deadlineDays);
  const plan = rectified && h.major;
  return [
    SCHOOLS[h.school]!,
    LEDGER_STATE_LABELS[h.state],
    HAZARD_CATEGORY_LABELS[h.category],
    "教学楼",
    "隐患",
    "物的危险状态",
    h.major ? "重大隐患" : "一般隐患",
    h.risk === "major" ? "重大风险" : h.risk === "high" ? "较大风险" : null,
    h.foundOn,
    rectified ? "school_reporter_a" : null,
    rectified ? deadline : null,
    plan ? "总务处" : null,
    plan ? "维修" : null,
    plan ? "公用经费" : null,
    plan ? deadline : null,
    plan ? "警示" : null,
    fixed ? photo : null,
    fixed ? "school_reporter_a" : null,
    fixed ? h.foundOn : null,
    h.state === "closed" ? "dept_head_a" : null,
    h.state === "closed" ? addDays(h.foundOn, h.closedDays) : null,
  ];
}

async function importRows(rows: Generated[]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  sheet.addRow(HEADER);
  for (const h of rows) sheet.addRow(rowOf(h));
  const body = multipart({ name: "台账.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, { mode: "all" });
  const res = await t.app.inject({
    method: "POST",
    url: "/api/ledgers/hazard-import",
    headers: { ...dept.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const count = (rows: Generated[]) => {
  const closed = rows.filter((h) => h.state === "closed").length;
  return {
    found: rows.length,
    closed,
    open: rows.length - closed,
    overdue: rows.filter((h) => h.state === "rectifying" && addDays(h.foundOn, h.deadlineDays) < TODAY).length,
    major: rows.filter((h) => h.major).length,
    majorOpen: rows.filter((h) => h.major && h.state !== "closed").length,
    fixRate: rows.length === 0 ? null : Math.round((closed / rows.length) * 10_000) / 100,
  };
};

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  photo = await uploadPhoto(t, school);
}, 120_000);
afterAll(() => t.close());

describe("the bureau's views of the hazard ledger", () => {
  const all: Generated[] = [];

  it("the summary equals a count from scratch over the hazards, for any period", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(aHazard, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 200 }),
        async (batch, start, length) => {
          await importRows(batch);
          all.push(...batch);
          const from = addDays("2024-01-01", start);
          const to = addDays(from, length);
          const res = await t.app.inject({
            method: "GET",
            url: `/api/ledgers/hazard-summary?from=${from}&to=${to}`,
            headers: dept.headers,
          });
          expect(res.statusCode, res.body).toBe(200);
          const summary = res.json();
          const inPeriod = all.filter((h) => h.foundOn >= from && h.foundOn <= to);
          expect(summary.totals).toEqual(count(inPeriod));
          for (const [i, name] of SCHOOLS.entries()) {
            expect(summary.bySchool.find((s: { orgName: string }) => s.orgName === name)).toMatchObject(
              count(inPeriod.filter((h) => h.school === i)),
            );
          }
          for (const c of summary.byCategory)
            expect(c).toMatchObject(count(inPeriod.filter((h) => h.category === c.category)));
          expect(summary.byGrade.find((g: { grade: string }) => g.grade === "major").found).toBe(
            inPeriod.filter((h) => h.major).length,
          );
          expect(summary.byState.map((s: { count: number }) => s.count)).toEqual(
            STATES.map((s) => inPeriod.filter((h) => h.state === s).length),
          );
          const trend = summary.trend as { found: number; closed: number }[];
          expect(trend.reduce((n, w) => n + w.found, 0)).toBe(inPeriod.length);
          expect(trend.reduce((n, w) => n + w.closed, 0)).toBe(inPeriod.filter((h) => h.state === "closed").length);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("a step on one hazard moves the summary at once (the in-memory index is reloaded), a refused step does not", async () => {
    const summary = async () =>
      (
        await t.app.inject({
          method: "GET",
          url: "/api/ledgers/hazard-summary?from=2024-01-01&to=2024-12-31",
          headers: dept.headers,
        })
      ).json();
    const states = (s: { byState: { state: string; count: number }[] }) =>
      Object.fromEntries(s.byState.map((x) => [x.state, x.count]));
    const mine: Generated = { ...all[0]!, school: 0, major: false, state: "found", foundOn: "2024-03-04" };
    await importRows([mine]);
    all.push(mine);
    const before = await summary();
    const found = (await t.app.inject({ method: "GET", url: "/api/ledgers/hazards", headers: dept.headers }))
      .json()
      .hazards.find(
        (h: { state: string; orgId: string; fields: { foundOn: string; grade: string } }) =>
          h.state === "found" &&
          h.orgId === t.fixture.a.schoolId &&
          h.fields.grade === "general" &&
          h.fields.foundOn <= TODAY,
      );
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/ledgers/hazards/${found.id}/steps`,
      headers: school.headers,
      payload: { action: "assign", fields: {} },
    });
    expect(refused.statusCode).toBe(403);
    expect(await summary()).toEqual(before);
    const assigned = await t.app.inject({
      method: "POST",
      url: `/api/ledgers/hazards/${found.id}/steps`,
      headers: dept.headers,
      payload: { action: "assign", fields: {} },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const after = await summary();
    expect(states(after)).toEqual({
      ...states(before),
      found: states(before).found! - 1,
      rectifying: states(before).rectifying! + 1,
    });
    expect(after.totals.found).toBe(before.totals.found);
  });

  it("a school sees only its own school in the summary", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/ledgers/hazard-summary?from=2024-01-01&to=2024-12-31",
      headers: school.headers,
    });
    expect(res.json().bySchool.map((s: { orgName: string }) => s.orgName)).toEqual(["城关实验小学"]);
    expect(res.json().totals.found).toBe(all.filter((h) => h.school === 0).length);
  });

  it("the risk register lists open assessed hazards, gravest first; the quarterly table prints", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/ledgers/hazard-risks", headers: dept.headers });
    expect(res.statusCode, res.body).toBe(200);
    const { risks, levels } = res.json();
    const open = all.filter((h) => h.risk && h.state !== "closed");
    expect(risks).toHaveLength(open.length);
    expect(levels.find((l: { riskLevel: string }) => l.riskLevel === "major").count).toBe(
      open.filter((h) => h.risk === "major").length,
    );
    const ranks = risks.map((r: { riskLevel: string }) => (r.riskLevel === "major" ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort());

    const file = await t.app.inject({
      method: "GET",
      url: "/api/ledgers/hazard-quarterly?year=2024&quarter=2",
      headers: dept.headers,
    });
    expect(file.statusCode, file.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["分学校统计", "分类别统计", "风险清单"]);
    const bySchool = book.worksheets[0]!;
    expect(bySchool.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, printTitlesRow: "1:3" });
    const last = bySchool.getRow(bySchool.rowCount).values as unknown[];
    const quarter = all.filter((h) => h.foundOn >= "2024-04-01" && h.foundOn <= "2024-06-30");
    expect(last.slice(2, 5)).toEqual(["合计", quarter.length, quarter.filter((h) => h.major).length]);
  });
});
