import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { aHazard, allCounts, aRound, uploadPhoto } from "../test/hazards.js";

let t: TestContext;
let school: Session;
let dept: Session;
let leader: Session;
const clock = new Date("2024-05-20T02:00:00Z");

const send = (session: Session, method: "GET" | "POST", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

/** Builds a ledger with hazards in every state (one 重大 with its plan, phones, photos). */
async function seedLedger() {
  const before = await uploadPhoto(t, school);
  const after = await uploadPhoto(t, school, "整改后.png");
  const recorded = await send(
    school,
    "POST",
    "/api/ledgers/rounds",
    aRound({
      heldOn: "2024-05-06",
      hazards: [
        aHazard({ beforePhotos: [before], contactPhone: "13812345678" }),
        aHazard({ category: "buildings", description: "围墙裂缝，存在倒塌风险", riskLevel: "high" }),
        aHazard({
          grade: "major",
          category: "utilities",
          location: "锅炉房",
          description: "锅炉超期未检",
          planResponsible: "总务处 王某",
          planMeasures: "停用并送检",
          planFunds: "学校公用经费 2 万元",
          planDeadline: "2024-06-30",
          planContingency: "设置警示标志，值班巡查",
        }),
        aHazard({ category: "traffic", description: "校门口缺少减速带", source: "management" }),
      ],
    }),
  );
  expect(recorded.statusCode, recorded.body).toBe(201);
  const ids = recorded.json().hazards.map((h: { id: string }) => h.id) as string[];
  const stepOk = async (s: Session, id: string, body: object) => {
    const res = await send(s, "POST", `/api/ledgers/hazards/${id}/steps`, body);
    expect(res.statusCode, res.body).toBe(200);
  };
  for (const id of ids.slice(0, 3)) await stepOk(dept, id, { action: "assign", fields: {} });
  await stepOk(school, ids[0]!, { action: "submit_fix", fields: { afterPhotos: [after], fixNote: "已更换" } });
  await stepOk(dept, ids[0]!, { action: "pass_review", fields: { reviewNote: "复查合格" } });
  await stepOk(school, ids[1]!, { action: "submit_fix", fields: { afterPhotos: [after] } });
  return ids;
}

async function exportSheet(session: Session, query = "") {
  const res = await send(session, "GET", `/api/ledgers/hazard-export${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}

/** The data rows of an exported sheet as text (header at row 3, under the title and the export line). */
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

async function upload(session: Session, book: ExcelJS.Workbook, mode: string) {
  const body = multipart({ name: "台账.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, { mode });
  return t.app.inject({
    method: "POST",
    url: "/api/ledgers/hazard-import",
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
}

/** A workbook of the given rows (the first is the header). */
function bookOf(rows: (string | number | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  for (const r of rows) sheet.addRow(r);
  return book;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  leader = await loginAs(t.app, t.fixture.a.users.leader);
}, 120_000);
afterAll(() => t.close());

describe("the hazard ledger as xlsx", () => {
  it("exports labels, masks personal fields unless revealed (audited), and re-imports as a round trip", async () => {
    const ids = await seedLedger();
    const masked = tableOf(await exportSheet(dept));
    const header = masked[0]!;
    expect(header.slice(0, 6)).toEqual(["序号", "编号", "学校", "状态", "隐患类别", "子类"]);
    expect(masked).toHaveLength(5);
    const phone = header.indexOf("责任人联系电话");
    expect(masked.map((r) => r[phone])).toContain("138****5678");
    expect(JSON.stringify(masked)).not.toContain("13812345678");
    expect(masked.flat()).toEqual(expect.arrayContaining(["已销号", "待复查", "整改中", "已登记", "重大隐患", "消防"]));

    const clear = await exportSheet(dept, "?reveal=true");
    expect(tableOf(clear).map((r) => r[phone])).toContain("13812345678");
    const exports = await t.db
      .selectFrom("audit_events")
      .select("after")
      .where("entity", "=", "ledger")
      .where("action", "=", "export")
      .execute();
    expect(exports.map((e) => (e.after as { revealed: boolean }).revealed)).toEqual([false, true]);
    // A leader reads, masked even when asking.
    expect(tableOf(await exportSheet(leader, "?reveal=true")).map((r) => r[phone])).toContain("138****5678");

    // The same sheet back: every record is found by its 编号 and nothing changes.
    const before = await allCounts(t.db);
    const same = await upload(dept, clear, "all");
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ total: 4, created: 0, corrected: 0, unchanged: 4, problemCount: 0 });
    // The masked sheet too: a masked phone that masks the record's own keeps it.
    const again = await upload(dept, await exportSheet(dept), "all");
    expect(again.json()).toMatchObject({ unchanged: 4, problemCount: 0 });
    const counts = await allCounts(t.db);
    expect(Object.keys(counts).filter((k) => k.startsWith("records:"))).toEqual(
      Object.keys(before).filter((k) => k.startsWith("records:")),
    );

    // Without 编号 the rows are new records: the ledger is reproduced (every row twice now).
    const sheet = clear.worksheets[0]!;
    sheet.eachRow((r, n) => {
      if (n > 3) r.getCell(2).value = null;
    });
    const copied = await upload(dept, clear, "all");
    expect(copied.statusCode, copied.body).toBe(200);
    expect(copied.json()).toMatchObject({ created: 4, corrected: 0, unchanged: 0 });
    const twice = tableOf(await exportSheet(dept, "?reveal=true"));
    const content = (rows: string[][]) =>
      rows
        .slice(1)
        .map((r) => r.slice(2).join("|"))
        .sort();
    const original = content(tableOf(await exportSheet(dept, "?reveal=true"))).filter((_, i) => i % 2 === 0);
    expect(content(twice)).toEqual(content([header, ...tableOf(clear).slice(1), ...tableOf(clear).slice(1)]));
    expect(original).toHaveLength(4);
    // Imported records carry their state and history, and each is audited.
    const imported = await t.db
      .selectFrom("ledger_history")
      .select(["action", "to_state", "note"])
      .where("note", "=", "从台账表格导入")
      .execute();
    expect(imported.map((h) => h.to_state).sort()).toEqual(["closed", "found", "rectifying", "reviewing"]);
    const audited = await t.db
      .selectFrom("audit_events")
      .select("entity_id")
      .where("entity", "=", "ledger_record")
      .where("action", "=", "import")
      .execute();
    expect(audited).toHaveLength(4);
    expect(ids).toHaveLength(4);
  });

  it("corrects a record from an edited row, as a new history entry", async () => {
    const book = await exportSheet(dept, "?reveal=true&state=found");
    const rows = tableOf(book);
    const location = rows[0]!.indexOf("位置");
    const id = rows[1]![1]!;
    book.worksheets[0]!.getRow(4).getCell(location + 1).value = "校门东侧";
    const res = await upload(dept, book, "all");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ corrected: 1 });
    const detail = (await send(dept, "GET", `/api/ledgers/hazards/${id}`)).json().hazard;
    expect(detail.fields.location).toBe("校门东侧");
    expect(detail.history.at(-1)).toMatchObject({ action: "correct", note: "从台账表格导入" });
  });

  it("a workbook with bad rows changes nothing and lists every bad row; 'valid' imports only the good ones", async () => {
    const header = [
      "学校",
      "状态",
      "隐患类别",
      "位置",
      "隐患描述",
      "隐患性质",
      "等级",
      "发现日期",
      "整改责任人",
      "整改时限",
    ];
    const book = bookOf([
      ["城关实验小学隐患台账"],
      header,
      ["城关实验小学", "已登记", "消防", "食堂", "灭火器过期", "物的危险状态", "一般隐患", "2024/5/8", null, null],
      ["城关实验小学", "已登记", "不存在的类别", "食堂", "x", "物的危险状态", "一般隐患", "2024-05-08", null, null],
      ["不存在的学校", "已登记", "消防", "食堂", "x", "物的危险状态", "一般隐患", "2024年5月8日", null, null],
      ["城关实验小学", "整改中", "消防", "食堂", "x", "物的危险状态", "一般隐患", "2024-05-08", null, null],
      ["城关实验小学", "已登记", "消防", "", "x", "管理上的缺陷", "重大", "2024-13-40", "nobody", null],
      [
        "基础教育股",
        "整改中",
        "消防",
        "楼道",
        "y",
        "物的危险状态",
        "一般隐患",
        "2024-05-08",
        "school_reporter_a",
        "2024-05-01",
      ],
      [
        "城关实验小学",
        "整改中",
        "消防",
        "楼道",
        "z",
        "物的危险状态",
        "一般隐患",
        "2024-05-08",
        "school_reporter_a",
        "2024-05-18",
      ],
    ]);
    const before = await allCounts(t.db);
    const res = await upload(dept, book, "all");
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe("LEDGER_IMPORT_INVALID");
    const problems = res.json().error.details.problems as { row: number; code: string; message: string }[];
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [4, "ROW_ENUM_UNKNOWN"],
      [5, "ROW_ORG_UNKNOWN"],
      [6, "RECTIFICATION_INCOMPLETE"],
      [7, "ROW_DATE_INVALID"],
      [7, "ROW_USER_UNKNOWN"],
      [7, "ROW_VALUE_REQUIRED"],
      [8, "ROW_ORG_NOT_SCHOOL"],
    ]);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await allCounts(t.db)).toEqual(before);

    const checked = await upload(dept, book, "check");
    expect(checked.json()).toMatchObject({ total: 7, created: 2, skipped: 5, problemCount: 7 });
    expect(await allCounts(t.db)).toEqual(before);

    // A school imports only its own school's rows: the department's row is out of its reach.
    const valid = await upload(school, book, "valid");
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json()).toMatchObject({ created: 2, skipped: 5 });
    expect(valid.json().problems).toContainEqual(expect.objectContaining({ row: 8, code: "ROW_ORG_NOT_ALLOWED" }));
    const rows = tableOf(await exportSheet(dept, "?foundFrom=2024-05-08&foundTo=2024-05-08"));
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(
      rows
        .slice(1)
        .map((r) => [r[col("状态")], r[col("整改责任人")] ?? "", r[col("整改时限")] ?? ""])
        .sort(),
    ).toEqual([
      ["已登记", "", ""],
      ["整改中", "school_reporter_a", "2024-05-18"],
    ]);
  });

  it("refuses what is not a ledger workbook, and a reader may not import", async () => {
    const before = await allCounts(t.db);
    const junk = multipart({ name: "x.xlsx", bytes: "not a workbook" }, { mode: "all" });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/ledgers/hazard-import",
      headers: { ...dept.headers, ...junk.headers },
      payload: junk.payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("LEDGER_IMPORT_UNREADABLE");
    const noHeader = await upload(
      dept,
      bookOf([
        ["甲", "乙"],
        ["1", "2"],
      ]),
      "all",
    );
    expect(noHeader.json().error.code).toBe("LEDGER_IMPORT_NO_HEADER");
    expect((await upload(leader, bookOf([["学校"]]), "all")).statusCode).toBe(403);
    expect(await allCounts(t.db)).toEqual(before);
  });
});
