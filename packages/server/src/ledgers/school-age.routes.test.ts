import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, rowCounts, type Session, type TestContext } from "../test/app.js";
import { idNumberOf } from "../test/school-age.js";
import { csvOf, pupil, SCREENING_HEADER } from "../test/screening.js";

let t: TestContext;
let school: Session;
let dept: Session;
let leader: Session;
const clock = new Date("2024-10-20T02:00:00Z");

const idNumber = idNumberOf;
const A = idNumber("2015-03-10", 11); // on the school's roll
const B = idNumber("2014-06-01", 22); // same name as a pupil on the roll, another 身份证件号: not enrolled
const C = idNumber("2005-01-01", 31); // 19 years old
const D = idNumber("2016-09-09", 42); // not enrolled, 留守儿童
const E = idNumber("2013-02-02", 51); // on no roll until the school's second screening

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
async function ok(session: Session, method: InjectOptions["method"], url: string, payload?: object) {
  const res = await send(session, method, url, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

function bookOf(rows: (string | number | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("名单");
  for (const r of rows) sheet.addRow(r);
  return book;
}
async function upload(session: Session, book: ExcelJS.Workbook, mode: string) {
  const body = multipart({ name: "户籍名单.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, { mode });
  return t.app.inject({
    method: "POST",
    url: "/api/ledgers/school-age-children/import",
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
}
async function screening(lines: (string | number | null)[][], year: number) {
  const body = multipart(
    { name: "筛查.csv", bytes: csvOf(lines, [...SCREENING_HEADER, "身份证号"]) },
    { year: String(year), measuredOn: `${year}-10-10`, mode: "all" },
  );
  const res = await t.app.inject({
    method: "POST",
    url: "/api/ledgers/screening/import",
    headers: { ...school.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}
async function exported(session: Session, query = "") {
  const res = await send(session, "GET", `/api/ledgers/school-age-children/export${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}
/** The header and data rows of an exported sheet (the header is row 3). */
function tableOf(book: ExcelJS.Workbook): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  book.worksheets[0]!.eachRow((r, n) => {
    if (n >= 3) rows.push((r.values as ExcelJS.CellValue[]).slice(1).map((v) => (v ?? null) as string | number | null));
  });
  return rows;
}
const stored = async () =>
  (await t.db.selectFrom("school_age_children").selectAll().orderBy("id_number").execute()).map((r) => ({
    ...r,
    compared_at: undefined,
  }));

const ROSTER = [
  ["适龄儿童花名册（户籍）"],
  ["姓名", "身份证号", "性别", "出生日期", "户籍所在地", "现住址", "监护人姓名", "联系电话", "特殊群体"],
  ["王小明", A, "男", "2015-03-10", "城关镇东街村", "城关镇东街村", "王大明", "13800000001", ""],
  ["张小明", B, "", "", "城关镇西街村", "外省务工地", "张大明", "13800000002", ""],
  ["刘大成", C, "男", "2005-01-01", "城关镇南村", "城关镇南村", "", "", ""],
  ["李小花", D, "女", "2016/9/9", "城关镇北村", "城关镇北村", "李奶奶", "13800000004", "留守儿童"],
  ["赵小军", E, "男", "2013-02-02", "城关镇北村", "城关镇北村", "赵大军", "13800000005", "脱贫家庭、随迁子女"],
];

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  leader = await loginAs(t.app, t.fixture.a.users.leader);
  // The school's roll: 王小明 by his 身份证件号, and a pupil named 张小明 whose 身份证件号 is not B.
  await screening(
    [
      [...pupil("G100000000000000001", { name: "王小明", birth: "2015-03-10" }), A],
      [...pupil("G100000000000000002", { name: "张小明", birth: "2014-06-01" }), idNumber("2014-06-01", 93)],
    ],
    2024,
  );
}, 120_000);
afterAll(() => t.close());

describe("the 适龄儿童台账 (户籍 ↔ 学籍 by 身份证件号)", () => {
  it("imports the 户籍 roster by header synonyms and compares it with the rolls", async () => {
    const check = await upload(dept, bookOf(ROSTER), "check");
    expect(check.json(), check.body).toMatchObject({ total: 5, created: 5, problemCount: 0 });
    expect(await t.db.selectFrom("school_age_children").select("id").execute()).toHaveLength(0);
    const res = await upload(dept, bookOf(ROSTER), "all");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 5, corrected: 0, enrolled: 1, notEnrolled: 4 });

    const view = await ok(dept, "GET", "/api/ledgers/school-age-children?limit=50");
    expect(view.counts).toEqual({ enrolled: 1, not_enrolled: 3, out_of_age: 1 });
    expect(view.total).toBe(5);
    const byStatus = (s: string) => view.children.filter((c: { status: string }) => c.status === s);
    const [enrolled] = byStatus("enrolled");
    expect(enrolled).toMatchObject({ schoolName: "城关实验小学", grade: 3, age: 9, sex: "male" });
    // Masked by default: the name, the 身份证件号, the guardian and the phone.
    expect(enrolled.name).not.toBe("王小明");
    expect(enrolled.idNumber).not.toBe(A);
    expect(enrolled.guardianPhone).not.toBe("13800000001");
    // 张小明 shares a name with a pupil on the roll, not the 身份证件号: not enrolled.
    expect(
      byStatus("not_enrolled")
        .map((c: { birthDate: string }) => c.birthDate)
        .sort(),
    ).toEqual(["2013-02-02", "2014-06-01", "2016-09-09"]);
    const only = await ok(dept, "GET", "/api/ledgers/school-age-children?status=not_enrolled&limit=1");
    expect(only).toMatchObject({ total: 3 });
    expect(only.children).toHaveLength(1);
  });

  it("lets the school see only the children on its roll, and reveals in clear only with an audit", async () => {
    const view = await ok(school, "GET", "/api/ledgers/school-age-children?limit=50");
    expect(view.total).toBe(1);
    expect(view.counts).toEqual({ enrolled: 1 });
    const all = await ok(dept, "GET", "/api/ledgers/school-age-children?status=not_enrolled&limit=50");
    expect(
      (await send(school, "POST", `/api/ledgers/school-age-children/${all.children[0].id}/reveal`)).statusCode,
    ).toBe(404);
    const mine = view.children[0].id;
    expect((await send(leader, "POST", `/api/ledgers/school-age-children/${mine}/reveal`)).statusCode).toBe(403);
    const clear = await ok(school, "POST", `/api/ledgers/school-age-children/${mine}/reveal`);
    expect(clear).toMatchObject({ name: "王小明", idNumber: A, guardianPhone: "13800000001" });
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action"])
      .where("entity", "=", "school_age_child")
      .where("entity_id", "=", mine)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["reveal"]);
    // Leaders see the counts, masked.
    expect((await ok(leader, "GET", "/api/ledgers/school-age-children?limit=5")).total).toBe(5);
    expect((await send(school, "POST", "/api/ledgers/school-age-children/compare")).statusCode).toBe(403);
  });

  it("lists every bad row with its row number and code, and writes nothing", async () => {
    const before = await rowCounts(t.db);
    const bad = [
      ["姓名", "身份证件号", "性别", "出生日期", "户籍地", "现居地", "监护人", "电话", "特殊群体标签"],
      ["甲", `${A.slice(0, 17)}${A[17] === "1" ? "2" : "1"}`, "男", "", "", "", "", "", ""], // 3: checksum
      ["乙", idNumber("2015-01-01", 13), "女", "", "", "", "", "", ""], // 4: sex of an odd serial
      ["丙", idNumber("2015-01-01", 14), "", "2015-01-02", "", "", "", "", ""], // 5: birth date
      ["", idNumber("2015-01-01", 16), "", "", "", "", "", "", ""], // 6: no name
      ["丁", idNumber("2015-01-01", 18), "", "", "", "", "", "12", "外星人"], // 7: phone, group
      ["王**", idNumber("2015-01-01", 20), "", "", "", "", "", "", ""], // 8: masked
      ["戊", idNumber("2015-01-01", 22), "", "", "", "", "", "", ""], // 9: fine
      ["己", idNumber("2015-01-01", 22), "", "", "", "", "", "", ""], // 10: duplicate of 9
    ];
    const res = await upload(dept, bookOf(bad), "all");
    expect(res.statusCode).toBe(422);
    const { problems, problemCount } = res.json().error.details;
    expect(problems.map((p: { row: number; code: string }) => `${p.row}:${p.code}`)).toEqual([
      "2:CHILD_ID_NUMBER_INVALID",
      "3:CHILD_SEX_MISMATCH",
      "4:CHILD_BIRTH_MISMATCH",
      "5:ROW_VALUE_REQUIRED",
      "6:CHILD_PHONE_INVALID",
      "6:CHILD_GROUP_UNKNOWN",
      "7:ROW_PERSONAL_MASKED",
      "9:CHILD_ID_NUMBER_DUPLICATE",
    ]);
    expect(problemCount).toBe(8);
    expect(problems[0].message).toContain("身份证件号");
    expect(await rowCounts(t.db)).toEqual(before);
    // Without the 姓名 and 身份证件号 columns there is no roster to read.
    const none = await upload(
      dept,
      bookOf([
        ["名字", "证件"],
        ["甲", A],
      ]),
      "check",
    );
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe("SCHOOL_AGE_NO_HEADER");
    expect((await upload(school, bookOf(ROSTER), "check")).statusCode).toBe(403);
  });

  it("round-trips: the revealed export imports back unchanged; the masked one is refused row by row", async () => {
    const before = await stored();
    const book = await exported(dept, "?reveal=true");
    const table = tableOf(book);
    expect(table[0]).toEqual([
      "序号",
      "姓名",
      "身份证件号",
      "性别",
      "出生日期",
      "户籍地",
      "现居地",
      "监护人",
      "电话",
      "特殊群体标签",
      "年龄",
      "状态",
      "就读学校",
      "年级",
      "学籍号",
      "比对时间",
    ]);
    expect(table.find((r) => r[2] === A)).toEqual(expect.arrayContaining(["王小明", "在校", "城关实验小学", "3年级"]));
    expect(table.find((r) => r[2] === E)?.[9]).toBe("脱贫家庭（监测对象）、随迁子女");
    const back = await upload(dept, book, "all");
    expect(back.json()).toMatchObject({ total: 5, created: 0, corrected: 0, unchanged: 5, problemCount: 0 });
    expect(await stored()).toEqual(before);

    const masked = await upload(dept, await exported(dept), "check");
    expect(masked.json().problemCount).toBeGreaterThanOrEqual(5);
    expect(new Set(masked.json().problems.map((p: { code: string }) => p.code))).toEqual(
      new Set(["ROW_PERSONAL_MASKED"]),
    );

    // A changed 现居地 corrects the child, audited.
    const changed = bookOf(ROSTER.map((r) => (r[1] === D ? r.map((c, i) => (i === 5 ? "县城租住" : c)) : r)));
    expect((await upload(dept, changed, "all")).json()).toMatchObject({ corrected: 1, unchanged: 4 });
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "after"])
      .where("entity", "=", "school_age_child")
      .where("action", "=", "correct")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain("县城租住");
    expect(JSON.stringify(audit[0]!.after)).not.toContain("13800000004");
  });

  it("re-compares when the rolls change", async () => {
    await screening(
      [[...pupil("G100000000000000005", { name: "赵小军", birth: "2013-02-02", grade: "五年级" }), E]],
      2024,
    );
    expect(await ok(dept, "POST", "/api/ledgers/school-age-children/compare")).toEqual({ compared: 5, changed: 1 });
    const view = await ok(dept, "GET", "/api/ledgers/school-age-children?status=enrolled&limit=50");
    expect(view.children.map((c: { grade: number }) => c.grade).sort()).toEqual([3, 5]);
  });

  it("opens a 控辍 case for a child not enrolled in one action; the bureau's 台账 and the school's cases list it", async () => {
    const list = await ok(dept, "GET", "/api/ledgers/school-age-children?status=not_enrolled&limit=50");
    const d = list.children.find((c: { birthDate: string }) => c.birthDate === "2016-09-09");
    const body = {
      orgId: t.fixture.a.schoolId,
      grade: "二年级",
      riskLevel: "high",
      reason: "family_hardship",
      responsibleName: "包保干部",
    };
    const enrolled = (await ok(dept, "GET", "/api/ledgers/school-age-children?status=enrolled&limit=1")).children[0];
    const refused = await send(dept, "POST", `/api/ledgers/school-age-children/${enrolled.id}/case`, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("SCHOOL_AGE_NOT_UNENROLLED");
    expect((await send(school, "POST", `/api/ledgers/school-age-children/${d.id}/case`, body)).statusCode).toBe(403);

    const { caseId } = await ok(dept, "POST", `/api/ledgers/school-age-children/${d.id}/case`, body);
    const again = await send(dept, "POST", `/api/ledgers/school-age-children/${d.id}/case`, body);
    expect(again.json().error.code).toBe("SCHOOL_AGE_CASE_OPEN");
    const view = await ok(dept, "GET", "/api/ledgers/school-age-children?limit=50");
    expect(view.counts).toMatchObject({ suspected: 1, not_enrolled: 1, enrolled: 2 });
    expect(view.children.find((c: { id: string }) => c.id === d.id)).toMatchObject({ status: "suspected", caseId });
    const filtered = await ok(dept, "GET", "/api/ledgers/school-age-children?status=suspected&limit=50");
    expect(filtered).toMatchObject({ total: 1, children: [{ id: d.id, status: "suspected" }] });
    const out = await ok(dept, "GET", "/api/ledgers/school-age-children?status=out_of_age&limit=50");
    expect(out.children.map((c: { age: number }) => c.age)).toEqual([19]);
    const stored = await t.db
      .selectFrom("ledger_records")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: "at_risk", org_id: t.fixture.a.schoolId });
    expect(stored.fields).toMatchObject({
      studentNo: D,
      source: "comparison",
      specialGroup: "left_behind",
      escalatedOn: "2024-10-20",
    });
    const suspected = await ok(dept, "GET", "/api/ledgers/dropout-ledgers/suspected?limit=50");
    expect(suspected.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    // The school now sees the child sent to it, and works on the case.
    expect((await ok(school, "GET", "/api/ledgers/school-age-children?limit=50")).counts).toMatchObject({
      suspected: 1,
    });
    expect((await ok(school, "GET", `/api/ledgers/dropout-cases/${caseId}`)).case.state).toBe("at_risk");
    const actions = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "in", [caseId, d.id])
      .orderBy("at")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["create", "open_case"]));
  });
});
