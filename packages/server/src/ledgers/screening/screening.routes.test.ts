import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../../test/app.js";
import { publishedPlan } from "../../test/plans.js";
import { csvOf, pupil } from "../../test/screening.js";

const HEALTH_PLAN = `城关县教育和体育局2024年工作要点
一、促进学生健康
1.开展儿童青少年近视综合防控。全县学生总体近视率下降1个百分点。（责任单位：基教股、各中小学）（年底前）
2.实施体质健康促进行动。国家学生体质健康标准优良率达到55%以上。（责任单位：基教股、各中小学）（年底前）
`;

let t: TestContext;
let school: Session;
let dept: Session;
let supervisor: Session;
let leader: Session;
const clock = new Date("2024-11-20T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
  leader = await loginAs(t.app, t.fixture.a.users.leader);
}, 120_000);
afterAll(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ method: "GET", url, headers: s.headers });
const post = (s: Session, url: string, payload: object = {}) =>
  t.app.inject({ method: "POST", url, headers: s.headers, payload });
function upload(s: Session, csv: string, fields: Record<string, string>) {
  const body = multipart({ name: "筛查.csv", bytes: csv, type: "text/csv" }, fields);
  return t.app.inject({
    method: "POST",
    url: "/api/ledgers/screening/import",
    headers: { ...s.headers, ...body.headers },
    payload: body.payload,
  });
}
const count = async (table: "screening_results" | "screening_students" | "screening_imports") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

// 2023: four pupils, one myopic (SE −1.00 left), one obese (boy 8.x: BMI 22.2 ≥ 19.7), three graded 良好+.
const YEAR_2023 = csvOf([
  pupil("G100000000000000001", { name: "张小明", vaL: 4.7, sphL: -1, total: 85 }),
  pupil("G100000000000000002", { name: "李小红", sex: "女", total: 91 }),
  pupil("G100000000000000003", { name: "王大力", height: 130, weight: 37.5, total: 70 }),
  pupil("G100000000000000004", { name: "赵小华", total: 80 }),
]);
// 2024: the same pupils a grade up, plus one new; 李小红 newly myopic (decimal 0.6, SE −0.75), 赵小华 obese.
const YEAR_2024 = csvOf([
  pupil("G100000000000000001", { name: "张小明", grade: "四年级", vaL: 4.6, sphL: -1.5, total: 86 }),
  pupil("G100000000000000002", {
    name: "李小红",
    sex: "女",
    grade: "四年级",
    vaR: 0.6,
    sphR: -0.5,
    cylR: -0.5,
    total: 88,
  }),
  pupil("G100000000000000003", { name: "王大力", grade: "四年级", height: 134, weight: 40, total: 72 }),
  pupil("G100000000000000004", { name: "赵小华", grade: "四年级", height: 135, weight: 40, total: 79 }),
  pupil("G100000000000000005", { name: "张小明", grade: "四年级", total: 95 }),
]);

describe("screening import", () => {
  it("reports every bad row with its row number and code, and writes nothing", async () => {
    const bad = csvOf([
      pupil("G100000000000000001"),
      pupil("", { name: "无学籍" }),
      pupil("G100000000000000003", { sex: "未知" }),
      pupil("G100000000000000004", { vaL: 7.2 }),
      pupil("G100000000000000005", { height: 130, weight: null }),
      pupil("G100000000000000001"),
    ]);
    const res = await upload(school, bad, { year: "2023", measuredOn: "2023-10-10" });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe("SCREENING_IMPORT_INVALID");
    expect(error.message).toContain("未导入任何数据");
    expect(error.details.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [3, "ROW_STUDENT_KEY_MISSING"],
      [4, "ROW_SEX_INVALID"],
      [5, "ROW_VISION_INVALID"],
      [6, "ROW_HEIGHT_WEIGHT_UNPAIRED"],
      [7, "ROW_DUPLICATE_STUDENT"],
    ]);
    expect(await count("screening_results")).toBe(0);
    expect(await count("screening_students")).toBe(0);
    expect(await count("screening_imports")).toBe(0);
  });

  it("refuses a file with no student key column and one it cannot read", async () => {
    const noKey = await upload(school, "姓名,身高\n张三,120", { year: "2023" });
    expect(noKey.json().error.code).toBe("SCREENING_IMPORT_NO_HEADER");
    const binary = await upload(school, "\u0000\u0001garbage", { year: "2023" });
    expect(binary.json().error.code).toBe("SCREENING_IMPORT_UNREADABLE");
  });

  it("imports last year's sheet and computes the rates with numerators and denominators", async () => {
    const res = await upload(school, YEAR_2023, { year: "2023", measuredOn: "2023-10-10" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ written: 4, rejected: 0, newStudents: 4, followups: 0, problems: [] });
    const rates = (await get(supervisor, "/api/ledgers/screening/rates?year=2023&by=school")).json();
    expect(rates.total.rates.myopia_rate).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(rates.total.rates.obesity_rate).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(rates.total.rates.fitness_good_rate).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
    expect(rates.total.rates.fitness_pass_rate).toMatchObject({ value: 100, numerator: 4, denominator: 4 });
    expect(rates.groups).toHaveLength(1);
    expect(rates.rules.join("")).toContain("WS/T 586-2018");
  });

  it("matches students across years by 学籍号, never by name, and lists the newly myopic and obese", async () => {
    const res = await upload(school, YEAR_2024, { year: "2024", measuredOn: "2024-10-12" });
    expect(res.statusCode).toBe(200);
    // The second 张小明 has another 学籍号: a new student, not the first one.
    expect(res.json()).toMatchObject({ written: 5, newStudents: 1, followups: 2 });
    const rates = (await get(supervisor, "/api/ledgers/screening/rates?year=2024&by=sex")).json();
    expect(rates.total.rates.myopia_rate).toMatchObject({ value: 40, numerator: 2, denominator: 5, change: 15 });
    expect(rates.total.rates.myopia_rate.previous).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    // 男 before 女, as statistics list them.
    expect(rates.groups.map((g: { label: string }) => g.label)).toEqual(["男", "女"]);
    const list = (await get(school, "/api/ledgers/screening/followups?year=2024")).json().followups;
    const reasons = Object.fromEntries(
      list.map((f: { result: { name: string }; reasons: string[] }) => [f.result.name, f.reasons]),
    );
    expect(reasons).toEqual({ "李*红": ["new_myopia"], "赵*华": ["new_obesity"] });
  });

  it("a re-import of a year supersedes the earlier results instead of adding to them", async () => {
    const res = await upload(school, YEAR_2024, { year: "2024", measuredOn: "2024-10-12" });
    expect(res.json()).toMatchObject({ written: 5, newStudents: 0 });
    const rates = (await get(supervisor, "/api/ledgers/screening/rates?year=2024&by=school")).json();
    expect(rates.total.students).toBe(5);
    expect(await count("screening_results")).toBe(14);
  });

  it("with valid_only writes the good rows and reports the bad ones", async () => {
    const res = await upload(
      school,
      csvOf([pupil("G100000000000000006", { grade: "五年级" }), pupil("G100000000000000007", { birth: "2015-02-30" })]),
      { year: "2024", measuredOn: "2024-10-12", mode: "valid_only" },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ written: 1, rejected: 1 });
    expect(res.json().problems[0]).toMatchObject({ row: 3, code: "ROW_BIRTH_DATE_INVALID" });
  });
});

describe("who sees students", () => {
  it("shows the school and the department masked names; the bureau's managers and leaders rates only", async () => {
    const mine = (await get(school, "/api/ledgers/screening/students?year=2024")).json();
    expect(mine.total).toBe(6);
    expect(mine.results[0].name).toMatch(/\*/);
    expect(mine.results[0].studentNo).toMatch(/^G100\*+/);
    expect(JSON.stringify(mine)).not.toContain("G100000000000000001");
    expect((await get(dept, "/api/ledgers/screening/students?year=2024")).json().total).toBe(6);
    expect((await get(supervisor, "/api/ledgers/screening/students?year=2024")).statusCode).toBe(403);
    expect((await get(leader, "/api/ledgers/screening/students?year=2024")).statusCode).toBe(403);
    expect((await get(leader, "/api/ledgers/screening/rates?year=2024&by=grade")).statusCode).toBe(200);
  });

  it("reveals a student in clear only on request, and audits who saw whom", async () => {
    const [first] = (await get(school, "/api/ledgers/screening/students?year=2024")).json().results;
    const res = await post(school, `/api/ledgers/screening/students/${first.id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json().studentNo).toMatch(/^G1000000000000000\d\d$/);
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity", "=", "screening_result")
      .where("entity_id", "=", first.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["reveal"]);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(res.json().studentNo);
  });
});

describe("follow-up", () => {
  it("records an intervention with a re-test date; a passed date without re-test is overdue until re-tested", async () => {
    const [f] = (await get(school, "/api/ledgers/screening/followups?year=2024")).json().followups;
    const res = await post(school, `/api/ledgers/screening/followups/${f.id}/interventions`, {
      kind: "parent_notice",
      doneOn: "2024-10-20",
      note: "已发家长告知书",
      retestDue: "2024-11-10",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().followup).toMatchObject({ retestDue: "2024-11-10", retestOverdue: true });
    expect(res.json().followup.interventions).toMatchObject([{ kind: "parent_notice", doneOn: "2024-10-20" }]);
    // On the warnings board: the school sees its line, the leader the same count (no names), a plan filter none.
    const board = async (s: Session, query = "") =>
      (await get(s, `/api/supervision/status${query}`)).json().retests as { orgName: string; count: number }[];
    const line = { orgId: f.result.orgId, year: 2024, count: 1, oldestDue: "2024-11-10" };
    expect(await board(school)).toEqual([expect.objectContaining(line)]);
    expect(await board(leader)).toEqual([expect.objectContaining(line)]);
    expect(JSON.stringify(await board(leader))).not.toContain(f.result.name);
    expect(await board(leader, "?status=warning")).toEqual([]);
    expect(await board(leader, "?planId=x")).toEqual([]);
    expect(await board(leader, "?q=不存在的学校")).toEqual([]);
    const done = await post(school, `/api/ledgers/screening/followups/${f.id}/retest`, {
      retestedOn: "2024-11-18",
      note: "复查裸眼视力 4.8",
    });
    expect(done.json().followup).toMatchObject({ retestedOn: "2024-11-18", retestOverdue: false });
    expect(await board(leader)).toEqual([]);
    const future = await post(school, `/api/ledgers/screening/followups/${f.id}/interventions`, {
      kind: "referral",
      doneOn: "2025-01-01",
    });
    expect(future.json().error.code).toBe("SCREENING_DATE_IN_FUTURE");
  });
});

describe("家长告知书", () => {
  const docxXml = async (bytes: Buffer) =>
    (await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, (tag) =>
      tag.includes("pageBreakBefore") ? "[PAGE]" : "",
    );
  const printed = () =>
    t.db.selectFrom("audit_events").selectAll().where("action", "=", "print_notice").orderBy("at").execute();

  it("prints one student's notice in clear with the results and advice, and audits the print", async () => {
    const list = (await get(school, "/api/ledgers/screening/followups?year=2024")).json().followups;
    const myopic = list.find((f: { reasons: string[] }) => f.reasons.includes("new_myopia"));
    const res = await get(school, `/api/ledgers/screening/followups/${myopic.id}/notice.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("家长告知书-李小红.docx");
    const text = await docxXml(res.rawPayload);
    expect(text).toContain("学生健康筛查结果家长告知书");
    expect(text).toContain("李小红同学家长：");
    expect(text).toContain("右眼 4.8");
    expect(text).toContain("筛查性近视");
    expect(text).toContain("散瞳验光");
    expect(text).not.toContain("体重指数（BMI）超出");
    expect(text).toContain("回　执");
    expect(text).not.toContain("[PAGE]");
    const audit = await printed();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: "screening_followup", entity_id: myopic.id });
  });

  it("prints a class's notices as one document, a new page per student; the bureau may not print", async () => {
    const [f] = (await get(school, "/api/ledgers/screening/followups?year=2024")).json().followups;
    const query = `year=2024&grade=4&className=${encodeURIComponent(f.result.className ?? "")}`;
    const res = await get(dept, `/api/ledgers/screening/notices.docx?${query}`);
    expect(res.statusCode).toBe(200);
    const text = await docxXml(res.rawPayload);
    expect(text.split("[PAGE]")).toHaveLength(2);
    expect(text).toContain("李小红同学家长：");
    expect(text).toContain("赵小华同学家长：");
    expect(text).toContain("体重指数（BMI）超出");
    expect(await printed()).toHaveLength(3);
    for (const s of [supervisor, leader])
      expect((await get(s, `/api/ledgers/screening/notices.docx?${query}`)).statusCode).toBe(403);
    const none = await get(school, "/api/ledgers/screening/notices.docx?year=2024&grade=9");
    expect(none.json().error.code).toBe("SCREENING_FOLLOWUP_NOT_FOUND");
    expect(await printed()).toHaveLength(3);
  });
});

describe("xlsx exports", () => {
  const sheets = async (bytes: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    return book;
  };
  const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

  it("exports the school's list and its 重点关注 sheet masked, print-ready, and audits the export", async () => {
    const res = await get(school, "/api/ledgers/screening/students.xlsx?year=2024");
    expect(res.statusCode).toBe(200);
    const book = await sheets(res.rawPayload);
    const list = book.getWorksheet("筛查结果")!;
    expect(list.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
    expect(list.rowCount).toBe(3 + 6);
    expect(JSON.stringify(values(list.getRow(4)))).toMatch(/\*/);
    const all = JSON.stringify(list.getSheetValues());
    expect(all).not.toContain("G100000000000000001");
    expect(all).not.toContain("李小红");
    const followups = book.getWorksheet("重点关注")!;
    expect(followups.rowCount).toBe(3 + 2);
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity", "=", "screening_result")
      .where("action", "=", "export")
      .execute();
    expect(audit).toHaveLength(1);
    expect((await get(supervisor, "/api/ledgers/screening/students.xlsx?year=2024")).statusCode).toBe(403);
  });

  it("exports the bureau's comparison: a sheet per rate, a row per school over three years, totals and the change", async () => {
    const res = await get(leader, "/api/ledgers/screening/rates.xlsx?year=2024");
    expect(res.statusCode).toBe(200);
    const book = await sheets(res.rawPayload);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "近视率",
      "超重率",
      "肥胖率",
      "体质健康优良率",
      "体质健康及格率",
    ]);
    const myopia = book.getWorksheet("近视率")!;
    expect(values(myopia.getRow(3))).toEqual(["学校", "2022年", "2023年", "2024年", "2024年较上年（百分点）"]);
    expect(values(myopia.getRow(4)).slice(1)).toEqual(["—", "25%（1/4）", "33.33%（2/6）", 8.33]);
    expect(values(myopia.getRow(5))).toEqual(["合计", "—", "25%（1/4）", "33.33%（2/6）", 8.33]);
    expect(values(book.getWorksheet("体质健康优良率")!.getRow(5))[3]).toBe("66.67%（4/6）");
  });
});

describe("plan indicators bound to screening rates", () => {
  it("offers 近视率 and 优良率; bound, the indicator's actual is computed and a change target judged against last year", async () => {
    const { planId } = await publishedPlan(t.db, t.fixture.a.bureauId, HEALTH_PLAN);
    await t.db.updateTable("plans").set({ published_at: "2024-01-15T02:00:00Z" }).where("id", "=", planId).execute();
    const offered = (await get(supervisor, `/api/plans/${planId}/ledger-bindings`)).json();
    const metrics = offered.suggestions.map((s: { metric: string }) => s.metric);
    expect(metrics).toEqual(["myopia_rate", "fitness_good_rate"]);
    for (const s of offered.suggestions) {
      const res = await t.app.inject({
        method: "PUT",
        url: `/api/indicators/${s.indicatorId}/ledger-binding`,
        headers: supervisor.headers,
        payload: { metric: s.metric },
      });
      expect(res.statusCode).toBe(200);
    }
    const table = (await get(supervisor, `/api/plans/${planId}/indicators`)).json().indicators;
    const myopia = table.find((i: { subject: string }) => i.subject.includes("近视率"));
    const good = table.find((i: { subject: string }) => i.subject.includes("优良率"));
    // 2024: 2 of 6 decided myopic (33.33 %); 2023: 25 %; up 8.33 points → a 1-point decrease is not met.
    expect(myopia).toMatchObject({ actual: 33.33, baseline: 25, attained: false });
    expect(myopia.derivation).toBe(
      "2024年 筛查性近视2人 ÷ 能判定的有效筛查6人 = 33.33%；2023年 25%（1/4）；较上年 +8.33个百分点",
    );
    // 2024: 优秀+良好 = 4 of 6 (66.67 %) ≥ 55 %.
    expect(good).toMatchObject({ actual: 66.67, attained: true });
  });
});
