import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_HEADER } from "../http/read-cache.js";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { aCase } from "../test/dropout.js";
import { allCounts } from "../test/hazards.js";
import { within } from "../test/within.js";

let t: TestContext;
let school: Session;
let dept: Session;
const clock = new Date("2024-10-20T02:00:00Z");

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

async function ok(session: Session, method: InjectOptions["method"], url: string, payload?: object) {
  const res = await send(session, method, url, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

const visit = (visitOn: string) => ({
  action: "persuade",
  fields: { visitOn, visitMethod: "home_visit", visitPeople: "李老师、村干部", visitResult: "家长同意返校" },
});

/** Cases in every state of both 台账: at risk, cleared, dropped out, persuading, returned, placed (one escalated). */
async function seedCases() {
  const make = async (over: object = {}) =>
    (await ok(school, "POST", "/api/ledgers/dropout-cases", { ...aCase(), guardianPhone: "13812345678", ...over })).case
      .id as string;
  const step = (id: string, body: object) => ok(school, "POST", `/api/ledgers/dropout-cases/${id}/steps`, body);
  const atRisk = await make({ specialGroup: "left_behind" });
  const cleared = await make();
  await step(cleared, {
    action: "clear_risk",
    fields: { returnedOn: "2024-09-05", attendanceDays: 12 },
    note: "家访后按时到校",
  });
  const [dropped, persuading, returned] = [await make(), await make(), await make()];
  for (const id of [dropped, persuading, returned])
    await step(id, { action: "confirm_dropout", fields: { droppedOn: "2024-09-03" } });
  await step(dropped, { action: "escalate", fields: { escalationNote: "家长拒不配合" } });
  await step(persuading, visit("2024-09-04"));
  await step(returned, visit("2024-09-04"));
  await step(returned, visit("2024-09-06"));
  await step(returned, {
    action: "confirm_return",
    fields: { returnedOn: "2024-09-09", returnSchool: "城关中学", attendanceDays: 15 },
  });
  return { atRisk, cleared, dropped, persuading, returned };
}

async function exportSheet(session: Session, kind: string, query = "") {
  const res = await send(session, "GET", `/api/ledgers/dropout-ledgers/${kind}/export${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}

/** The header and data rows of an exported sheet as text (the header is row 3). */
function tableOf(book: ExcelJS.Workbook): string[][] {
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((r, n) => {
    if (n >= 3)
      rows.push(
        (r.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v))),
      );
  });
  return rows;
}

async function upload(session: Session, kind: string, book: ExcelJS.Workbook, mode: string) {
  const body = multipart({ name: "台账.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, { mode });
  return t.app.inject({
    method: "POST",
    url: `/api/ledgers/dropout-ledgers/${kind}/import`,
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
}

function bookOf(rows: (string | number | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  for (const r of rows) sheet.addRow(r);
  return book;
}

/** Every case as stored: id → state and fields. */
const storedCases = async () =>
  Object.fromEntries(
    (
      await t.db
        .selectFrom("ledger_records")
        .select(["id", "state", "fields", "version"])
        .where("type", "=", "dropout_case")
        .execute()
    ).map((r) => [r.id, r]),
  );

let ids: Awaited<ReturnType<typeof seedCases>>;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  ids = await seedCases();
}, 120_000);
afterAll(() => t.close());

describe("the 控辍保学 台账 (疑似辍学学生台账, 辍学学生台账)", () => {
  it("views hold the cases of each 台账: the school its own, the bureau only the escalated", async () => {
    const suspected = await ok(school, "GET", "/api/ledgers/dropout-ledgers/suspected?limit=50");
    expect(suspected.title).toBe("疑似辍学学生台账");
    expect(suspected.total).toBe(2);
    expect(suspected.cases.map((c: { id: string }) => c.id).sort()).toEqual([ids.atRisk, ids.cleared].sort());
    expect(suspected.columns.map((c: { label: string }) => c.label)).toEqual(
      expect.arrayContaining(["姓名", "学籍号", "特殊群体标签", "辍学原因", "来源", "首次发现日期", "责任人"]),
    );
    const dropped = await ok(school, "GET", "/api/ledgers/dropout-ledgers/dropped?limit=2");
    expect(dropped.total).toBe(3);
    expect(dropped.cases).toHaveLength(2);
    expect(JSON.stringify(dropped)).not.toContain("13812345678");
    const bureau = await ok(dept, "GET", "/api/ledgers/dropout-ledgers/dropped");
    expect(bureau.cases.map((c: { id: string }) => c.id)).toEqual([ids.dropped]);
    expect((await ok(dept, "GET", "/api/ledgers/dropout-ledgers/suspected")).total).toBe(0);
    expect((await send(school, "GET", "/api/ledgers/dropout-ledgers/nothing")).statusCode).toBe(400);
  });

  it("exports each 台账 in the national layout and re-imports it unchanged (round trip)", async () => {
    const before = await storedCases();
    for (const kind of ["suspected", "dropped"]) {
      const book = await exportSheet(school, kind, "?reveal=true");
      const table = tableOf(book);
      expect(table[0]!.slice(0, 6)).toEqual(["序号", "编号", "学校", "状态", "姓名", "学籍号"]);
      expect(
        table
          .slice(1)
          .map((r) => r[1])
          .sort(),
      ).toEqual(
        (kind === "suspected" ? [ids.atRisk, ids.cleared] : [ids.dropped, ids.persuading, ids.returned]).sort(),
      );
      expect(table.flat()).toEqual(
        expect.arrayContaining(kind === "suspected" ? ["在册风险", "已返校", "留守儿童"] : ["劝返中", "入户家访"]),
      );
      expect(table.flat()).toContain("13812345678");
      const res = await upload(school, kind, book, "all");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: 0, corrected: 0, skipped: 0, problemCount: 0 });
    }
    // The masked export re-imports too (a masked value that masks the stored one keeps it).
    const masked = await exportSheet(school, "dropped");
    expect(JSON.stringify(tableOf(masked))).not.toContain("13812345678");
    const res = await upload(school, "dropped", masked, "all");
    expect(res.json()).toMatchObject({ created: 0, corrected: 0, unchanged: 3 });
    expect(await storedCases()).toEqual(before);
  });

  it("exported rows without 编号 import as new cases that reproduce the 台账", async () => {
    const table = tableOf(await exportSheet(school, "dropped", "?reveal=true"));
    const [header, ...rows] = table;
    const fresh = rows.map((r) => {
      const copy = [...r];
      copy[1] = "";
      copy[header!.indexOf("学籍号")] = `L${copy[header!.indexOf("学籍号")]!.slice(1)}`;
      return copy;
    });
    const res = await upload(school, "dropped", bookOf([header!, ...fresh]), "all");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, problemCount: 0 });
    const again = tableOf(await exportSheet(school, "dropped", "?reveal=true"));
    const body = (rows: string[][]) =>
      rows
        .slice(1)
        .map((r) => [r[3], ...r.slice(6)].join("|"))
        .sort();
    const twice = body(table)
      .flatMap((r) => [r, r])
      .sort();
    expect(body(again)).toEqual(twice);
  });

  it("lists every bad row with its row number and a stable code, and writes nothing", async () => {
    const before = await allCounts(t.db);
    const header = [
      "学校",
      "状态",
      "姓名",
      "学籍号",
      "应在年级",
      "风险等级",
      "辍学原因",
      "来源",
      "首次发现日期",
      "责任人",
    ];
    const good = [
      "城关实验小学",
      "在册风险",
      "张三",
      "G430102201301014321",
      "三年级",
      "高风险",
      "厌学",
      "学校缺勤",
      "2024-09-10",
      "王老师",
    ];
    const book = bookOf([
      header,
      good,
      ["城关实验小学", "已辍学", ...good.slice(2)],
      ["不存在的学校", ...good.slice(1)],
      [...good.slice(0, 5), "很高", ...good.slice(6)],
      [...good.slice(0, 8), "九月", "王老师"],
      [...good.slice(0, 9), ""],
    ]);
    const res = await upload(school, "suspected", book, "all");
    expect(res.statusCode, res.body).toBe(422);
    const { code, details } = res.json().error;
    expect(code).toBe("LEDGER_IMPORT_INVALID");
    const problems = details.problems as { row: number; code: string; message: string }[];
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [3, "ROW_STATE_UNKNOWN"],
      [4, "ROW_ORG_UNKNOWN"],
      [5, "ROW_ENUM_UNKNOWN"],
      [6, "ROW_DATE_INVALID"],
      [7, "ROW_VALUE_REQUIRED"],
    ]);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await allCounts(t.db)).toEqual(before);

    // By choice only the valid row is written.
    const valid = await upload(school, "suspected", book, "valid");
    expect(valid.json()).toMatchObject({ created: 1, skipped: 5 });
    // One open case per student: the row now stored, and a sheet naming one student twice, are refused.
    const again = await upload(school, "suspected", bookOf([header, good]), "check");
    expect(again.json().problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [2, "DROPOUT_CASE_OPEN"],
    ]);
    const other = [...good.slice(0, 3), "G430102201301019999", ...good.slice(4)];
    const twice = await upload(school, "suspected", bookOf([header, other, other]), "check");
    expect(twice.json()).toMatchObject({ created: 1, skipped: 1, problems: [{ row: 3, code: "DROPOUT_CASE_OPEN" }] });
    // The bureau does not import a school's 台账.
    expect((await upload(dept, "suspected", book, "check")).statusCode).toBe(403);
  });
  it("the bureau's page is kept until a write, then read anew", async () => {
    const url = "/api/ledgers/dropout-ledgers/dropped?limit=7";
    const view = async () => {
      const res = await send(dept, "GET", url);
      return { cache: res.headers[CACHE_HEADER], ids: res.json().cases.map((c: { id: string }) => c.id) as string[] };
    };
    // On PostgreSQL any commit anywhere (another test file's) moves every answer: read until kept.
    const kept = await within(
      10,
      () => view(),
      (v) => v.cache === "hit",
    );
    expect(kept.cache).toBe("hit");
    expect(kept.ids).not.toContain(ids.persuading);
    await ok(school, "POST", `/api/ledgers/dropout-cases/${ids.persuading}/steps`, {
      action: "escalate",
      fields: { escalationNote: "多次劝返无效" },
    });
    const after = await view();
    expect(after.cache).not.toBe("hit");
    expect(after.ids).toContain(ids.persuading);
  });
});
