import * as XLSX from "@e965/xlsx";
import { findSoffice } from "@luoshi/plan-parser/soffice";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { PLAN_TEXT } from "../test/fixture.js";

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
}, 120_000);
afterAll(() => t.close());

async function upload(text: string | Uint8Array, name = "2024年工作要点.txt") {
  const body = multipart({ name, bytes: text, type: "text/plain" });
  return t.app.inject({
    method: "POST",
    url: "/api/plans",
    headers: { ...admin.headers, ...body.headers },
    payload: body.payload,
  });
}

describe("plans", () => {
  it("an uploaded plan becomes a draft with every task, its span and the source text", async () => {
    const res = await upload(PLAN_TEXT);
    expect(res.statusCode).toBe(201);
    const [plan] = res.json().plans;
    expect(plan.status).toBe("draft");
    expect(plan.taskCount).toBe(3);
    const detail = (await t.app.inject({ url: `/api/plans/${plan.id}`, headers: admin.headers })).json();
    expect(detail.tasks.map((x: { no: string }) => x.no)).toEqual(["1", "2", "3"]);
    expect(detail.tasks[0].span.startLine).toBeGreaterThan(0);
    const source = (await t.app.inject({ url: `/api/plans/${plan.id}/source`, headers: admin.headers })).json();
    const task = detail.tasks[0];
    expect(source.text.slice(task.span.start, task.span.end)).toContain("加快学前教育普及普惠");
  });

  it("stores the parser's confidence and doubts of each task (a run-on line's items are doubtful)", async () => {
    const text = [
      "2025年全县教育工作要点",
      "一、重点工作",
      "1.推进学前教育。新增学位300个。（责任单位：基础教育股）2.加强师资培训。培训教师500人次。（责任单位：人事股）",
      "3.改善办学条件。年底前完成校舍维修。（责任单位：计划财务股）",
    ].join("\n");
    const res = await upload(text, "2025年工作要点.txt");
    expect(res.statusCode).toBe(201);
    const [plan] = res.json().plans;
    const detail = (await t.app.inject({ url: `/api/plans/${plan.id}`, headers: admin.headers })).json();
    const rated = detail.tasks.map((x: { no: string; confidence: number; reasons: string[] }) => [
      x.no,
      x.confidence < 1,
      x.reasons,
    ]);
    expect(rated).toEqual([
      ["1", true, ["INLINE_ITEM"]],
      ["2", true, ["INLINE_ITEM"]],
      ["3", false, []],
    ]);
  });

  it("publish resolves names, aliases and 各… fan-out, refusing while a unit is unresolved", async () => {
    const text = PLAN_TEXT.replace("人事股、各学校", "人事股、宣传股、各学校");
    const [plan] = (await upload(text)).json().plans;
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/publish`,
      headers: admin.headers,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("UNRESOLVED_UNITS");
    expect(refused.json().error.details.unresolved).toEqual(["宣传股"]);

    const units = await t.app.inject({
      method: "PUT",
      url: `/api/plans/${plan.id}/units`,
      headers: admin.headers,
      payload: { mappings: [{ unitName: "宣传股", ignored: true }] },
    });
    expect(units.json().unresolved).toEqual([]);
    const published = await t.app.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/publish`,
      headers: admin.headers,
    });
    expect(published.statusCode).toBe(200);
    // Task 1: 基教股 (alias, lead) + 1 kindergarten; task 2: 3 depts... 基础教育股 + 规划股 + 2 schools; task 3: 人事股 + 3 schools.
    expect(published.json().assignments).toBe(2 + 4 + 4);
    expect(published.json().milestones).toBe(3);
    expect(published.json().indicators).toBe(3);

    const tasks = (await t.app.inject({ url: `/api/tasks?planId=${plan.id}`, headers: admin.headers })).json().tasks;
    const first = tasks.find((x: { no: string }) => x.no === "1");
    expect(first.assignees.find((a: { role: string }) => a.role === "lead").orgId).toBe(t.fixture.a.deptId);
  });

  it("re-importing a revision shows added, removed and changed tasks", async () => {
    const [plan] = (await upload(PLAN_TEXT)).json().plans;
    const revised = PLAN_TEXT.replace("新增学位800个", "新增学位900个").replace(
      /3\.开展教师培训.*\n/,
      "3.深化教育评价改革。（责任单位：基教股）（9月底前）\n",
    );
    const body = multipart({ name: "修订稿.txt", bytes: revised });
    const res = await t.app.inject({
      method: "POST",
      url: `/api/plans/${plan.id}/reimport`,
      headers: { ...admin.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    const diff = res.json();
    expect(diff.changed.map((c: { after: { no: string } }) => c.after.no)).toContain("2");
    expect(diff.unchanged).toBe(1);
    // Task 3 changed title and number match: paired by number, so it shows as changed too.
    expect(diff.changed.length + diff.added.length + diff.removed.length).toBeGreaterThanOrEqual(2);
  });

  it("draft tasks can be edited and the edit is audited", async () => {
    const [plan] = (await upload(PLAN_TEXT)).json().plans;
    const detail = (await t.app.inject({ url: `/api/plans/${plan.id}`, headers: admin.headers })).json();
    const task = detail.tasks[1];
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/plans/${plan.id}/tasks/${task.id}`,
      headers: admin.headers,
      payload: { title: "推进义务教育优质均衡发展", units: ["基础教育股"], leadCount: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().task.title).toBe("推进义务教育优质均衡发展");
    const audit = (
      await t.app.inject({ url: `/api/audit?entity=plan_task&entityId=${task.id}`, headers: admin.headers })
    ).json();
    expect(audit.events[0].before.title).toBe("推进义务教育优质均衡");
    expect(audit.events[0].after.title).toBe("推进义务教育优质均衡发展");
  });

  it("a file with no plan in it is refused with a stable code", async () => {
    const res = await upload("这是一份会议通知，请各位准时参加。\n", "notice.txt");
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("PLAN_HAS_NO_TASKS");
  });

  it("imports a plan saved by Word as RTF under a .doc name, read by its content", async () => {
    // Word and WPS write Chinese as GBK bytes (\'hh) under \ansicpg936.
    const escaped = [...iconv.encode(PLAN_TEXT, "gbk")]
      .map((b) => (b === 0x0a ? "\\par\n" : b < 0x80 ? String.fromCharCode(b) : `\\'${b.toString(16)}`))
      .join("");
    const rtf = `{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}\\f0 ${escaped}}`;
    const res = await upload(Buffer.from(rtf, "latin1"), "2024年工作要点.doc");
    expect(res.statusCode).toBe(201);
    const [plan] = res.json().plans;
    expect(plan).toMatchObject({ taskCount: 3, sourceFormat: "rtf", title: "城关县教育和体育局2024年工作要点" });
  });

  it("refuses a .wps no reader or converter can read with a stable code naming LibreOffice", async () => {
    // A Works-style compound file (a CONTENTS stream, no WordDocument): word-extractor cannot read it.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "/CONTENTS", new Uint8Array(4096).fill(0x41));
    const res = await upload(new Uint8Array(XLSX.CFB.write(cfb, { type: "array" })), "计划.wps");
    expect(res.statusCode).toBe(422);
    const { code, message } = res.json().error;
    expect(code).toBe(findSoffice() ? "CONVERSION_FAILED" : "CONVERTER_MISSING");
    expect(message).toContain("LibreOffice");
  }, 120_000);
});
