import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";

let t: TestContext;
let session: Session;
let planId: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ planId } = await publishedPlan(t.db, t.fixture.a.bureauId));
  session = await loginAs(t.app, t.fixture.a.users.supervisor);
}, 60_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url, headers: session.headers });

async function sheetOf(url: string) {
  const res = await get(url);
  expect(res.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const titles: string[] = [];
  for (let r = 3; r <= sheet.rowCount; r++) titles.push(String(sheet.getRow(r).getCell(3).value));
  return { title: String(sheet.getCell("A1").value), titles };
}

describe("ledger exports follow the ledger page's filters", () => {
  it("without filters: every task; with a unit filter: exactly the tasks the page lists, and the title says so", async () => {
    const all = (await get(`/api/tasks?planId=${planId}`)).json().tasks as { title: string }[];
    const whole = await sheetOf(`/api/plans/${planId}/export.xlsx`);
    expect(whole.titles).toHaveLength(all.length);
    expect(whole.title).not.toContain("筛选");

    const orgId = t.fixture.a.schoolId;
    const shown = (await get(`/api/tasks?planId=${planId}&orgId=${orgId}`)).json().tasks as { title: string }[];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all.length);
    const filtered = await sheetOf(`/api/plans/${planId}/export.xlsx?orgId=${orgId}`);
    expect(filtered.titles.sort()).toEqual(shown.map((s) => s.title).sort());
    expect(filtered.title).toContain(`（筛选结果，共${shown.length}项）`);

    const docx = await get(`/api/plans/${planId}/export.docx?orgId=${orgId}`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    for (const task of all) {
      if (shown.some((s) => s.title === task.title)) expect(text).toContain(task.title);
      else expect(text).not.toContain(task.title);
    }
  });

  it("a filter that matches nothing exports an empty table; a bad filter is refused in Chinese", async () => {
    const none = await sheetOf(`/api/plans/${planId}/export.xlsx?dueFrom=2099-01-01`);
    expect(none.titles).toEqual([]);
    const bad = await get(`/api/plans/${planId}/export.xlsx?status=whatever`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
